/// `%XX` encoding of chosen bytes (uppercase hex, RFC 3986 2.1), shared by SARIF's URI references and GitHub's
/// workflow-command escapes.
enum PercentEncoding {
    /// `text` with every byte for which `encodes` is true written as `%XX` and the rest copied; the text itself when
    /// no byte needs it. Callers choose ASCII bytes or every byte outside a set, so no UTF-8 sequence is split
    /// unless every one of its bytes is encoded.
    static func encode(_ text: String, where encodes: (UInt8) -> Bool) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: encodes) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                if encodes(byte) {
                    out.append(UInt8(ascii: "%"))
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0x0F))
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
