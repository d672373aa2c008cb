extension TextDecoding {
    /// Strict UTF-8 validation (Unicode Table 3-7) that also rejects NUL, scanning eight ASCII bytes at a time.
    enum UTF8Validator {
        private static let highBits: UInt64 = 0x8080_8080_8080_8080
        private static let lowBits: UInt64 = 0x0101_0101_0101_0101

        /// Throws for the first ill-formed sequence or NUL byte at or after `start`; offsets index `raw`.
        static func validate(_ raw: [UInt8], from start: Int) throws(TextDecodingError) {
            let failure: TextDecodingError? = raw.withUnsafeBufferPointer { buffer in
                firstProblem(in: buffer, from: start)
            }
            if let failure { throw failure }
        }

        private static func firstProblem(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> TextDecodingError? {
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            var index = start
            while index < count {
                // Fast path: a word of ASCII bytes with no zero byte.
                if index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let hasZero = (word &- lowBits) & ~word & highBits
                    if (word & highBits) | hasZero == 0 {
                        index += 8
                        continue
                    }
                }
                let lead = base[index]
                if lead < 0x80 {
                    if lead == 0 { return .nulByte(offset: index) }
                    index += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80
                var high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return .invalidUTF8(offset: index, byte: lead)
                }
                guard index + length <= count else { return .invalidUTF8(offset: index, byte: lead) }
                let second = base[index + 1]
                guard second >= low, second <= high else { return .invalidUTF8(offset: index, byte: lead) }
                var next = index + 2
                while next < index + length {
                    guard base[next] & 0xC0 == 0x80 else { return .invalidUTF8(offset: index, byte: lead) }
                    next += 1
                }
                index = next
            }
            return nil
        }
    }
}
