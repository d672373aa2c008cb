/// The source text of the value a finding points at — `us-east-2` in `region: us-east-2`, `"0.0.0.0/0"` in a plan —
/// read from the input at the evidence's offset. It makes a finding's fingerprint change when the value changes,
/// so a baselined finding whose value is edited is a new finding (docs/waivers.md, "Baselines").
enum OffendingValue {
    /// Values are cut here: enough to tell values apart, bounded whatever the input.
    static let limit = 256

    /// The scalar token starting at `offset`: a quoted string with its quotes, or a plain scalar up to the end of
    /// the line, a flow separator (`,` `]` `}`) or a comment; `nil` for collections, block scalars and empty text,
    /// whose identity is already their path.
    static func text(at offset: Int, in bytes: [UInt8]) -> String? {
        guard offset >= 0, offset < bytes.count else { return nil }
        let end = min(bytes.count, offset + limit)
        var index = offset
        switch bytes[offset] {
        case UInt8(ascii: "\""):
            index += 1
            while index < end, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            index = min(index + 1, end)
        case UInt8(ascii: "'"):
            index += 1
            while index < end {
                if bytes[index] == UInt8(ascii: "'") {
                    guard index + 1 < end, bytes[index + 1] == UInt8(ascii: "'") else { break }
                    index += 1
                }
                index += 1
            }
            index = min(index + 1, end)
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            return nil
        default:
            while index < end, !endsPlainScalar(bytes, index) { index += 1 }
            while index > offset, bytes[index - 1] == UInt8(ascii: " ") || bytes[index - 1] == UInt8(ascii: "\t") { index -= 1 }
        }
        guard index > offset else { return nil }
        return String(decoding: bytes[offset..<index], as: UTF8.self)
    }

    private static func endsPlainScalar(_ bytes: [UInt8], _ index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return true
        case UInt8(ascii: "#"):
            return index > 0 && (bytes[index - 1] == UInt8(ascii: " ") || bytes[index - 1] == UInt8(ascii: "\t"))
        default:
            return false
        }
    }
}
