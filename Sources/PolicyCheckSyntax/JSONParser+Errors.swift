extension JSONParser {
    /// "expected <what>, found <token>" at `offset`, or "unexpected end of input, expected <what>" at the end. The
    /// hint in parentheses is `hint`, else one for common non-JSON input (comments, single quotes, …).
    func expected(_ what: String, at offset: Int, trailingComma: Bool = false, hint: String? = nil) -> SyntaxError {
        guard offset < end else {
            return SyntaxError(offset: end, message: "unexpected end of input, expected \(what)")
        }
        var message = "expected \(what), found \(JSONErrorText.describe(bytes, at: offset))"
        if let hint = hint ?? (trailingComma ? "trailing commas are not allowed" : JSONErrorText.hint(bytes, at: offset)) {
            message += " (\(hint))"
        }
        return SyntaxError(offset: offset, message: message)
    }

    /// The error for what follows a whole top-level value at `offset` (not whitespace, and not the opening brace of
    /// the next object of a stream).
    func afterDocument(at offset: Int, stream: Bool, afterObject: Bool) -> SyntaxError {
        let found = bytes[offset]
        guard stream else { return expected("end of input after the top-level value", at: offset) }
        if afterObject {
            let hint = found == JSONByte.comma ? "top-level objects are separated by whitespace, not commas" : nil
            return expected("end of input or another top-level object", at: offset, hint: hint)
        }
        let container = found == JSONByte.openBrace || found == JSONByte.openBracket
        return expected("end of input after the top-level value", at: offset,
                        hint: container ? "only objects may follow one another at the top level" : nil)
    }
}
