/// A cheap scan that rejects flow-collection nesting deeper than the limit before libyaml's recursive composer sees it.
enum YAMLPrescan {
    static func checkNesting(_ bytes: [UInt8], maxDepth: Int) throws(SyntaxError) {
        var depth = 0
        var inSingle = false
        var inDouble = false
        var inComment = false
        var previous: UInt8 = UInt8(ascii: "\n")
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inComment {
                if byte == UInt8(ascii: "\n") { inComment = false }
            } else if inDouble {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inDouble = false }
            } else if inSingle {
                if byte == UInt8(ascii: "'") { inSingle = false }
            } else {
                switch byte {
                case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\n")
                    || previous == UInt8(ascii: "\t"):
                    inComment = true
                case UInt8(ascii: "\"") where opensToken(previous): inDouble = true
                case UInt8(ascii: "'") where opensToken(previous): inSingle = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > maxDepth {
                        throw SyntaxError(offset: index, message: "nesting deeper than \(maxDepth) levels")
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                default: break
                }
            }
            previous = byte
            index += 1
        }
    }

    /// Quotes start a scalar only at the beginning of a token.
    private static func opensToken(_ previous: UInt8) -> Bool {
        switch previous {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "["),
             UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }
}
