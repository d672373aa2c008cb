import PolicyCheckSyntax

/// The one representation every text value takes on its way into the register. SQLite binds text as a C string
/// (a U+0000 truncates it) and PostgreSQL's text type refuses U+0000 outright, so the same bundle stored different
/// values — or none — depending on the engine. At intake every U+0000 becomes the six characters `\u0000` (as JSON
/// writes it), so both engines store, return and report the same text (docs/audit.md, "Text stored").
public enum StoredText {
    /// The escape stored for U+0000.
    public static let nulEscape = "\\u0000"

    /// `text` with every U+0000 replaced by `\u0000`; any other text is returned unchanged.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 5)
        for scalar in text.unicodeScalars {
            if scalar == "\u{0}" { result += nulEscape } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}

extension SourceNode {
    /// The text of a string scalar as the register stores it (`StoredText.escape`), or `nil`. Intake reads every
    /// text value of a bundle through this.
    var storedString: String? { string.map(StoredText.escape) }
}
