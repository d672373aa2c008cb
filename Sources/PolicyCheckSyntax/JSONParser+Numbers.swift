extension JSONParser {
    /// Reads the number starting at `position` and returns the byte length of its literal (which the tape reads from
    /// the document when asked for), checking RFC 8259's grammar:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(SyntaxError) -> Int {
        let start = position
        var index = position
        if bytes[index] == JSONByte.minus { index += 1 }
        guard index < end, JSONByte.isDigit(bytes[index]) else {
            throw expected("a digit after '-'", at: index)
        }
        if bytes[index] == JSONByte.zero {
            index += 1
            if index < end, JSONByte.isDigit(bytes[index]) {
                throw SyntaxError(
                    offset: start,
                    message: "leading zeros are not allowed in numbers, found \(JSONErrorText.describe(bytes, at: start))")
            }
        } else {
            index += 1
            while index < end, JSONByte.isDigit(bytes[index]) { index += 1 }
        }
        if index < end, bytes[index] == JSONByte.dot {
            index += 1
            guard index < end, JSONByte.isDigit(bytes[index]) else {
                throw expected("a digit after the decimal point", at: index)
            }
            while index < end, JSONByte.isDigit(bytes[index]) { index += 1 }
        }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < end, bytes[index] == JSONByte.plus || bytes[index] == JSONByte.minus { index += 1 }
            guard index < end, JSONByte.isDigit(bytes[index]) else {
                throw expected("a digit in the exponent", at: index)
            }
            while index < end, JSONByte.isDigit(bytes[index]) { index += 1 }
        }
        position = index
        return index - start
    }

    /// Reads `true`, `false` or `null` at `position`, which must not run on into more letters or digits.
    mutating func parseLiteral(_ literal: StaticString) throws(SyntaxError) {
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expectedBytes in
            guard position + count <= end else { return false }
            for offset in 0..<count where bytes[position + offset] != expectedBytes[offset] { return false }
            return position + count == end || !JSONErrorText.isWordByte(bytes[position + count])
        }
        guard matches else { throw expected("a value", at: position) }
        position += count
    }
}
