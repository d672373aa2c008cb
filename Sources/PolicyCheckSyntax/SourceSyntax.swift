/// The syntax an input's text is read as.
public enum SourceSyntax: Sendable {
    /// A single JSON value (which has no comments).
    case json
    /// A YAML stream.
    case yaml

    /// JSON when the text starts with `{` or `[` (after blanks), else YAML: the one rule every reader follows.
    public init(detecting text: [UInt8]) {
        let first = text.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        self = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .yaml
    }
}
