/// The syntax an input's text is read as.
public enum SourceSyntax: Sendable {
    /// A single JSON value (which has no comments).
    case json
    /// A YAML stream.
    case yaml

    /// JSON when the text starts with `{` or `[` (after blanks) and is one document, else YAML: the one rule every
    /// reader follows. A line that starts a new YAML document (`---`) cannot be in JSON, so a stream of JSON-style
    /// documents (`{…}` `---` `{…}`, as `kubectl … -o json` output is sometimes joined) is read as the YAML it is.
    public init(detecting text: [UInt8]) {
        let first = text.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            self = .yaml
            return
        }
        self = Self.hasDocumentStart(text) ? .yaml : .json
    }

    /// Whether a line after the first starts with the YAML document marker `---` (followed by a blank or the end).
    static func hasDocumentStart(_ text: [UInt8]) -> Bool {
        let dash = UInt8(ascii: "-")
        var index = 0
        while let newline = text[index...].firstIndex(of: 0x0A) {
            let start = newline + 1
            if start + 3 <= text.count, text[start] == dash, text[start + 1] == dash, text[start + 2] == dash,
               start + 3 == text.count || [0x20, 0x09, 0x0A, 0x0D].contains(text[start + 3]) {
                return true
            }
            index = start
        }
        return false
    }
}
