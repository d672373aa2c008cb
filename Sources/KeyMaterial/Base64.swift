/// A strict, whitespace-tolerant base64 decoder (standard alphabet, `=` padding only at the end).
enum Base64 {
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        for space in [0x20, 0x09, 0x0A, 0x0D] as [Int] { table[space] = 0xFE }
        return table
    }()

    /// Decodes `bytes`, ignoring ASCII whitespace; nil on any other non-alphabet byte or bad padding.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 * 3)
        var accumulator: UInt32 = 0
        var count = 0
        var padding = 0
        for byte in bytes {
            let value = table[Int(byte)]
            if value == 0xFE { continue }
            if byte == 0x3D {  // "="
                padding += 1
                continue
            }
            guard value != 0xFF, padding == 0 else { return nil }
            accumulator = (accumulator << 6) | UInt32(value)
            count += 1
            if count == 4 {
                output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        switch (count, padding) {
        case (0, 0): break
        case (2, 0), (2, 2): output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case (3, 0), (3, 1):
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default: return nil
        }
        return output
    }

    /// Where `decode` gives up: the first byte that is neither in the alphabet nor whitespace, or that follows `=`
    /// padding; nil when the bytes fail only as a whole (a wrong length).
    static func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var padded = false
        for (offset, byte) in bytes.enumerated() {
            let value = table[Int(byte)]
            if value == 0xFE { continue }
            if byte == 0x3D { padded = true; continue }
            if value == 0xFF || padded { return offset }
        }
        return nil
    }
}
