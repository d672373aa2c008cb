extension TextDecoding {
    /// Recognises the encoding of raw input from its byte-order mark or, for UTF-16 without one, from the NUL bytes
    /// that ASCII characters leave in every other position.
    enum EncodingSniffer {
        enum Encoding: Equatable {
            case utf8
            case utf8WithBOM
            case utf16(bigEndian: Bool, bomLength: Int)
            case utf32
        }

        static func sniff(_ raw: [UInt8]) -> Encoding {
            let count = raw.count
            let b0 = count > 0 ? raw[0] : 0xAA
            let b1 = count > 1 ? raw[1] : 0xAA
            let b2 = count > 2 ? raw[2] : 0xAA
            let b3 = count > 3 ? raw[3] : 0xAA
            if count >= 4 {
                if b0 == 0xFF, b1 == 0xFE, b2 == 0, b3 == 0 { return .utf32 }
                if b0 == 0, b1 == 0, b2 == 0xFE, b3 == 0xFF { return .utf32 }
            }
            if count >= 3, b0 == 0xEF, b1 == 0xBB, b2 == 0xBF { return .utf8WithBOM }
            if count >= 2 {
                if b0 == 0xFF, b1 == 0xFE { return .utf16(bigEndian: false, bomLength: 2) }
                if b0 == 0xFE, b1 == 0xFF { return .utf16(bigEndian: true, bomLength: 2) }
            }
            // BOM-less UTF-16: the first character is ASCII and the second below U+0100, so one byte of each is zero.
            if count == 2 || count >= 4 {
                let twoUnits = count >= 4
                if b0 != 0, b0 < 0x80, b1 == 0, !twoUnits || (b2 != 0 && b3 == 0) {
                    return .utf16(bigEndian: false, bomLength: 0)
                }
                if b0 == 0, b1 != 0, b1 < 0x80, !twoUnits || (b2 == 0 && b3 != 0) {
                    return .utf16(bigEndian: true, bomLength: 0)
                }
            }
            return .utf8
        }
    }
}
