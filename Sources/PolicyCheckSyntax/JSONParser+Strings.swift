extension JSONParser {
    /// Reads the member name whose opening quote is at `position`; returns its text index (names are kept as texts:
    /// a document repeats a few dozen of them, and lookups compare them).
    mutating func parseString() throws(SyntaxError) -> (text: UInt32, escaped: Bool) {
        let contentStart = position + 1
        let stop = try findStringStop(from: contentStart)
        if bytes[stop] == JSONByte.quote {
            position = stop + 1
            return (strings.intern(UnsafeBufferPointer(rebasing: bytes[contentStart..<stop])), false)
        }
        try checkEscapedString(contentStart: contentStart, firstEscape: stop)
        let decoded = JSONEscapes.decodedBytes(UnsafeBufferPointer(rebasing: bytes[contentStart..<position - 1]))
        return (decoded.withUnsafeBufferPointer { strings.intern($0) }, true)
    }

    /// Reads the string value whose opening quote is at `position` without keeping its text, which the tape reads
    /// from the document when asked for (most values of a plan are never read): its content's byte length, and
    /// whether it holds escapes.
    mutating func skipString() throws(SyntaxError) -> (length: Int, escaped: Bool) {
        let contentStart = position + 1
        let stop = try findStringStop(from: contentStart)
        if bytes[stop] == JSONByte.quote {
            position = stop + 1
            return (stop - contentStart, false)
        }
        try checkEscapedString(contentStart: contentStart, firstEscape: stop)
        return (position - 1 - contentStart, true)
    }

    /// The index of the first quote, backslash or control character from `index` on, eight bytes at a time where
    /// possible; a control character is an error.
    private func findStringStop(from start: Int) throws(SyntaxError) -> Int {
        var index = start
        while true {
            if index + 8 <= end {
                let stops = Self.stopBytes(in: loadWord(at: index))
                if stops == 0 {
                    index += 8
                    continue
                }
                index += stops.trailingZeroBitCount >> 3
            } else {
                while index < end, bytes[index] != JSONByte.quote, bytes[index] != JSONByte.backslash,
                    bytes[index] >= 0x20
                {
                    index += 1
                }
                guard index < end else {
                    throw SyntaxError(offset: end, message: "unexpected end of input in a string, expected '\"'")
                }
            }
            let byte = bytes[index]
            if byte == JSONByte.quote || byte == JSONByte.backslash { return index }
            throw controlCharacterInString(at: index)
        }
    }

    /// The high bit of each byte of `word` (first input byte lowest) that is `"`, `\\` or below 0x20. The lowest
    /// set bit is exact; bits above it may be spurious (borrows), which is fine for finding the first stop.
    @inline(__always)
    static func stopBytes(in word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let zeroByteInQuotes = (quotes &- ones) & ~quotes
        let zeroByteInBackslashes = (backslashes &- ones) & ~backslashes
        let belowSpace = (word &- ones &* 0x20) & ~word
        return (zeroByteInQuotes | zeroByteInBackslashes | belowSpace) & highs
    }

    /// The slow path of `parseString` and `skipString`, from the first backslash on: checks every escape (which
    /// `JSONEscapes` decodes) and leaves `position` after the closing quote.
    private mutating func checkEscapedString(contentStart: Int, firstEscape: Int) throws(SyntaxError) {
        var index = firstEscape
        while index < end {
            let byte = bytes[index]
            if byte == JSONByte.quote {
                position = index + 1
                return
            }
            if byte < 0x20 { throw controlCharacterInString(at: index) }
            guard byte == JSONByte.backslash else {
                index += 1
                continue
            }
            guard index + 1 < end else { break }
            switch bytes[index + 1] {
            case JSONByte.quote, JSONByte.backslash, JSONByte.slash, UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 2
            case UInt8(ascii: "u"):
                index = try checkUnicodeEscape(at: index)
            default:
                let shown = JSONErrorText.describe(bytes, at: index + 1, maxRun: 1)
                throw SyntaxError(offset: index, message: "invalid escape in a string: backslash followed by \(shown)")
            }
        }
        throw SyntaxError(offset: end, message: "unexpected end of input in a string, expected '\"'")
    }

    /// Checks `\uXXXX` (and its low surrogate partner) at `index`; returns the index after it.
    private func checkUnicodeEscape(at index: Int) throws(SyntaxError) -> Int {
        let first = try hexQuad(afterEscapeAt: index)
        switch first {
        case 0xD800..<0xDC00:
            let next = index + 6
            guard next + 1 < end, bytes[next] == JSONByte.backslash, bytes[next + 1] == UInt8(ascii: "u") else {
                throw unpairedSurrogate(first, at: index)
            }
            let second = try hexQuad(afterEscapeAt: next)
            guard (0xDC00..<0xE000).contains(second) else { throw unpairedSurrogate(first, at: index) }
            return next + 6
        case 0xDC00..<0xE000:
            throw unpairedSurrogate(first, at: index)
        default:
            return index + 6
        }
    }

    /// The four hex digits after the `\u` whose backslash is at `index`.
    private func hexQuad(afterEscapeAt index: Int) throws(SyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for offset in (index + 2)..<(index + 6) {
            guard offset < end else {
                throw SyntaxError(offset: end, message: "unexpected end of input in a string, expected 4 hex digits")
            }
            guard let digit = JSONEscapes.hexValue(bytes[offset]) else {
                throw SyntaxError(
                    offset: index, message: "invalid \\u escape in a string: expected 4 hex digits, found "
                        + JSONErrorText.describe(bytes, at: offset, maxRun: 1))
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private func unpairedSurrogate(_ unit: UInt16, at index: Int) -> SyntaxError {
        let hex = String(unit, radix: 16, uppercase: true)
        return SyntaxError(offset: index, message: "unpaired surrogate escape '\\u\(hex)' in a string")
    }

    private func controlCharacterInString(at index: Int) -> SyntaxError {
        SyntaxError(
            offset: index,
            message: "unescaped control character \(JSONErrorText.describe(bytes, at: index)) in a string")
    }
}
