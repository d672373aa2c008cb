import PolicyCheckModel

/// Writes JSON text with keys in the order given, so output is byte-for-byte deterministic.
///
/// The text is gathered as UTF-8 bytes: a report writes tens of fields per finding, and appending to a `String`
/// (and escaping it scalar by scalar, as every message with an en dash needed) cost more than reading the input.
public struct JSONWriter {
    /// The text written so far. (Named apart from the stored `text` it replaced, so that every user is compiled
    /// again: an incremental build kept reading the old field's layout.)
    public var writtenText: String { String(decoding: bytes, as: UTF8.self) }
    private var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    private let pretty: Bool
    private var depth = 0

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    public mutating func beginObject() { openValue(); bytes.append(UInt8(ascii: "{")); push() }
    public mutating func endObject() { pop(UInt8(ascii: "}")) }
    public mutating func beginArray() { openValue(); bytes.append(UInt8(ascii: "[")); push() }
    public mutating func endArray() { pop(UInt8(ascii: "]")) }

    /// Writes a key; the next call writes its value.
    public mutating func key(_ name: String) {
        separate()
        Self.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        needsComma[needsComma.count - 1] = true
        pendingValue = true
    }

    public mutating func string(_ value: String) { openValue(); Self.appendString(value, to: &bytes) }
    public mutating func int(_ value: Int) { openValue(); append(String(value)) }
    public mutating func bool(_ value: Bool) { openValue(); append(value ? "true" : "false") }
    public mutating func null() { openValue(); append("null") }
    /// A number exactly as a JSON reader found it (already valid JSON number syntax).
    public mutating func number(literal: String) { openValue(); append(literal) }

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

    /// Takes the text written so far as UTF-8 bytes, leaving the writer empty: a document kept whole (to be hashed and
    /// signed) is then held once, where `writtenText` and its bytes were two more copies of it.
    public mutating func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        return taken
    }

    /// Moves the text written so far to `stream`, so a large document is never held whole.
    public mutating func drain(into stream: ReportStream) {
        stream.write(taking: &bytes)
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
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        if pretty && depth > 0 { newline() }
    }

    /// A newline and the indentation of the current depth.
    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<depth {
            bytes.append(UInt8(ascii: " "))
            bytes.append(UInt8(ascii: " "))
        }
    }

    private mutating func push() {
        needsComma.append(false)
        depth += 1
    }

    private mutating func pop(_ closer: UInt8) {
        let hadContent = needsComma.removeLast()
        depth -= 1
        if pretty && hadContent { newline() }
        bytes.append(closer)
    }

    /// Appends text that needs no escaping (numbers, literals).
    private mutating func append(_ text: String) {
        bytes.appendUTF8(text)
    }

    /// `value` as a JSON string: quotes, backslashes, control characters, DEL, U+2028 and U+2029 escaped (the last
    /// two are line ends to JavaScript), everything else copied as it is, a run of plain bytes at a time.
    static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { appendEscaped($0, to: &bytes) }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ input: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = input.count
        let base = UnsafeRawPointer(input.baseAddress)
        while index < count {
            if let base, index + 8 <= count, !mayNeedEscape(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = input[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0x7F && byte != 0xE2 {
                index += 1
                continue
            }
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; any other E2 sequence is copied.
            let isLineSeparator = byte == 0xE2 && index + 2 < count && input[index + 1] == 0x80
                && (input[index + 2] == 0xA8 || input[index + 2] == 0xA9)
            if byte == 0xE2 && !isLineSeparator {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
            switch byte {
            case UInt8(ascii: "\""): appendASCII("\\\"", to: &bytes)
            case UInt8(ascii: "\\"): appendASCII("\\\\", to: &bytes)
            case UInt8(ascii: "\n"): appendASCII("\\n", to: &bytes)
            case UInt8(ascii: "\r"): appendASCII("\\r", to: &bytes)
            case UInt8(ascii: "\t"): appendASCII("\\t", to: &bytes)
            case 0xE2:
                appendASCII(input[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", to: &bytes)
                index += 2
            default:
                appendASCII("\\u00", to: &bytes)
                bytes.append(hexDigit(byte >> 4))
                bytes.append(hexDigit(byte & 0x0F))
            }
            index += 1
            runStart = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<count]))
    }

    /// Whether any byte of `word` may be one the escape loop stops at (`"`, `\\`, below 0x20, DEL, or E2): exact
    /// when false, so eight plain bytes are passed over at once.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let below = (word &- ones &* 0x20) & ~word & highs
        return (below | hasZeroByte(word ^ (ones &* 0x22)) | hasZeroByte(word ^ (ones &* 0x5C))
            | hasZeroByte(word ^ (ones &* 0x7F)) | hasZeroByte(word ^ (ones &* 0xE2))) != 0
    }

    private static func appendASCII(_ text: StaticString, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A lowercase hexadecimal digit, as the escapes have always been written.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
