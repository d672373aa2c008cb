/// Turns the raw bytes of an input file into validated UTF-8 text.
///
/// Handles a UTF-8 byte-order mark, UTF-16 in either byte order (with a byte-order mark, or without one when the
/// text starts with ASCII characters), and rejects UTF-32, ill-formed UTF-8 and NUL characters. Error offsets are
/// byte offsets in the raw input.
public enum TextDecoding {
    /// The UTF-8 text of `raw`: returned as is when it is already BOM-less, valid UTF-8 (no copy).
    public static func utf8Text(from raw: [UInt8]) throws(TextDecodingError) -> [UInt8] {
        switch EncodingSniffer.sniff(raw) {
        case .utf8:
            try UTF8Validator.validate(raw, from: 0)
            return raw
        case .utf8WithBOM:
            try UTF8Validator.validate(raw, from: 3)
            return Array(raw[3...])
        case .utf16(let bigEndian, let bomLength):
            return try UTF16Transcoder.transcode(raw, from: bomLength, bigEndian: bigEndian)
        case .utf32:
            throw .unsupportedEncoding(name: "UTF-32")
        }
    }

    /// Whether `raw` is read as UTF-8 (with or without a byte-order mark): its text, when it has one, holds every
    /// ASCII byte of `raw` in order and no other, so a search for ASCII text may run on `raw` itself.
    public static func readsAsUTF8(_ raw: [UInt8]) -> Bool {
        switch EncodingSniffer.sniff(raw) {
        case .utf8, .utf8WithBOM: true
        case .utf16, .utf32: false
        }
    }

    /// Whether `raw` looks like binary data rather than text, judged from its first 8 KiB: NUL bytes that UTF-16
    /// does not explain, or more than 10% control characters other than whitespace.
    public static func isProbablyBinary(_ raw: [UInt8]) -> Bool {
        switch EncodingSniffer.sniff(raw) {
        case .utf16, .utf32:
            return false
        case .utf8, .utf8WithBOM:
            break
        }
        let sample = raw.prefix(8192)
        guard !sample.isEmpty else { return false }
        var controls = 0
        for byte in sample {
            switch byte {
            case 0:
                return true
            case 0x09, 0x0A, 0x0C, 0x0D, 0x1B:  // tab, LF, FF, CR and ESC (ANSI colour codes in logs)
                continue
            case 0x01..<0x20, 0x7F:
                controls += 1
            default:
                continue
            }
        }
        return controls * 10 > sample.count
    }
}
