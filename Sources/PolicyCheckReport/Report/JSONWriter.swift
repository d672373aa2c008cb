import PolicyCheckModel

/// Writes JSON text with keys in the order given, so output is byte-for-byte deterministic.
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private let pretty: Bool
    private var depth = 0

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    public mutating func beginObject() { openValue(); text += "{"; push() }
    public mutating func endObject() { pop("}") }
    public mutating func beginArray() { openValue(); text += "["; push() }
    public mutating func endArray() { pop("]") }

    /// Writes a key; the next call writes its value.
    public mutating func key(_ name: String) {
        separate()
        Self.appendString(name, to: &text)
        text += pretty ? ": " : ":"
        needsComma[needsComma.count - 1] = true
        pendingValue = true
    }

    public mutating func string(_ value: String) { openValue(); Self.appendString(value, to: &text) }
    public mutating func int(_ value: Int) { openValue(); text += String(value) }
    public mutating func bool(_ value: Bool) { openValue(); text += value ? "true" : "false" }
    public mutating func null() { openValue(); text += "null" }
    /// A number exactly as a JSON reader found it (already valid JSON number syntax).
    public mutating func number(literal: String) { openValue(); text += literal }

    public mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: Int) { key(name); int(value) }
    public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }
    public mutating func field(_ name: String, strings values: [String]) {
        key(name)
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Writes `name: [{file, line, column, message}, …]`: the errors of inputs that could not be checked.
    public mutating func field(_ name: String, errors: [Diagnostic]) {
        key(name)
        beginArray()
        for error in errors {
            beginObject()
            field("file", error.file)
            field("line", error.location?.line ?? 1)
            field("column", error.location?.column ?? 1)
            field("message", error.message)
            endObject()
        }
        endArray()
    }

    /// Moves the text written so far to `stream`, so a large document is never held whole.
    public mutating func drain(into stream: ReportStream) {
        stream.write(text)
        text.removeAll(keepingCapacity: true)
    }

    // MARK: - Layout

    private var pendingValue = false

    private mutating func openValue() {
        if pendingValue {
            pendingValue = false
            return
        }
        separate()
        needsComma[needsComma.count - 1] = true
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
        if pretty && depth > 0 { newline() }
    }

    /// A newline and the indentation of the current depth.
    private mutating func newline() {
        if depth < Self.indents.count {
            text += Self.indents[depth]
        } else {
            text += "\n" + String(repeating: "  ", count: depth)
        }
    }

    private static let indents: [String] = (0..<16).map { "\n" + String(repeating: "  ", count: $0) }

    private mutating func push() {
        needsComma.append(false)
        depth += 1
    }

    private mutating func pop(_ closer: String) {
        let hadContent = needsComma.removeLast()
        depth -= 1
        if pretty && hadContent { newline() }
        text += closer
    }

    static func appendString(_ value: String, to text: inout String) {
        text += "\""
        if !needsEscaping(value) {
            text += value
            text += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }

    /// Whether any byte of `value` needs an escape: a quote, a backslash, a control character, DEL, or the lead
    /// byte of U+2028/U+2029 (checked in full by the slow path).
    private static func needsEscaping(_ value: String) -> Bool {
        value.utf8.contains { byte in
            byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xE2
        }
    }
}
