extension TextDecoding {
    /// Converts UTF-16 bytes to UTF-8, rejecting unpaired surrogates, NUL characters and an odd trailing byte.
    enum UTF16Transcoder {
        /// Transcodes `raw[start...]`; error offsets index `raw`.
        static func transcode(_ raw: [UInt8], from start: Int, bigEndian: Bool) throws(TextDecodingError) -> [UInt8] {
            let result: Result<[UInt8], TextDecodingError> = raw.withUnsafeBufferPointer { buffer in
                transcode(buffer, from: start, bigEndian: bigEndian)
            }
            return try result.get()
        }

        private static func transcode(
            _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, bigEndian: Bool
        ) -> Result<[UInt8], TextDecodingError> {
            let count = buffer.count
            if (count - start) % 2 != 0 { return .failure(.truncatedUTF16(offset: count - 1)) }
            @inline(__always) func unit(_ index: Int) -> UInt16 {
                bigEndian
                    ? UInt16(buffer[index]) << 8 | UInt16(buffer[index + 1])
                    : UInt16(buffer[index + 1]) << 8 | UInt16(buffer[index])
            }
            var output: [UInt8] = []
            output.reserveCapacity((count - start) / 2 + 16)
            var index = start
            while index < count {
                let first = unit(index)
                let scalar: UInt32
                switch first {
                case 0:
                    return .failure(.nulByte(offset: index))
                case 0x01..<0x80:
                    output.append(UInt8(first))
                    index += 2
                    continue
                case 0xD800..<0xDC00:
                    guard index + 4 <= count else { return .failure(.unpairedSurrogate(offset: index, codeUnit: first)) }
                    let second = unit(index + 2)
                    guard (0xDC00..<0xE000).contains(second) else {
                        return .failure(.unpairedSurrogate(offset: index, codeUnit: first))
                    }
                    scalar = 0x10000 + (UInt32(first - 0xD800) << 10 | UInt32(second - 0xDC00))
                    index += 4
                case 0xDC00..<0xE000:
                    return .failure(.unpairedSurrogate(offset: index, codeUnit: first))
                default:
                    scalar = UInt32(first)
                    index += 2
                }
                UTF8Encoding.append(scalar, to: &output)
            }
            return .success(output)
        }
    }
}
