extension JSONParser {
    /// "expected <what>, found <token>" at `offset`, or "unexpected end of input, expected <what>" at the end.
    func expected(_ what: String, at offset: Int, trailingComma: Bool = false) -> SyntaxError {
        guard offset < end else {
            return SyntaxError(offset: end, message: "unexpected end of input, expected \(what)")
        }
        var message = "expected \(what), found \(JSONErrorText.describe(bytes, at: offset))"
        if let hint = trailingComma ? "trailing commas are not allowed" : JSONErrorText.hint(bytes, at: offset) {
            message += " (\(hint))"
        }
        return SyntaxError(offset: offset, message: message)
    }
}
