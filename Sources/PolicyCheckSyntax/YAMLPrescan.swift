/// One linear pass over a YAML stream before the parser sees it, rejecting what would hurt the parser:
///
/// - flow collections nested deeper than the limit, before libyaml's recursive composer meets them;
/// - mapping keys that are not scalars. policycheck always rejected them, but only after the parser had built the
///   document, and the parser's duplicate-key check hashes and sorts whole key trees: nested collection keys, or an
///   alias to a large collection used as a key, made a 2 KB file take seconds to minutes (found by fuzzing). The
///   explicit key indicator `?`, a flow collection followed by `:`, and an alias followed by `:` are refused.
///
/// Quoted scalars, comments and the content of block scalars (`|`, `>`) are skipped, and brackets count only where
/// they open a flow collection, so text that only looks like such a key or such nesting is never mistaken for one.
///
/// The same pass knows where the stream's comments are, which `YAMLComments` reports.
enum YAMLPrescan {
    static func check(_ bytes: [UInt8], maxDepth: Int) throws(SyntaxError) {
        var scanner = Scanner(bytes: bytes, maxDepth: maxDepth)
        try scanner.run()
    }

    /// The offsets of the `#` of every comment, up to the first problem `check` would reject.
    static func commentOffsets(_ bytes: [UInt8]) -> [Int] {
        var scanner = Scanner(bytes: bytes, maxDepth: .max)
        scanner.comments = []
        try? scanner.run()
        return scanner.comments ?? []
    }

    private struct Scanner {
        let bytes: [UInt8]
        let maxDepth: Int
        var index = 0
        /// The quote of a quoted scalar being read (it may go on over several lines).
        var quote: UInt8?
        var flowDepth = 0
        /// A block scalar's header was read: lines after it indented more than this column are its content.
        var blockScalarParent: Int?
        /// The offsets of comments seen, when asked for (`nil`: not collected).
        var comments: [Int]?

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        mutating func run() throws(SyntaxError) {
            while index < bytes.count {
                try line()
            }
        }

        /// One line, from its first byte to the one after its line break.
        private mutating func line() throws(SyntaxError) {
            let start = index
            while index < bytes.count, bytes[index] == Byte.space { index += 1 }
            let indent = index - start
            if let parent = blockScalarParent {
                if isBlank(from: index) || indent > parent {
                    skipToNextLine()
                    return
                }
                blockScalarParent = nil
            }
            // A new node may start here unless a quoted scalar goes on from the line before.
            var nodeStart = quote == nil
            /// The column of the node that holds what follows on this line (for a block scalar's indentation).
            var parentColumn = indent
            var tokenStart: UInt8?
            var tokenColumn = indent
            var lastSignificant: UInt8?
            /// Whether the last significant byte closed a flow collection (so a `:` after it makes it a key).
            var lastClosedFlow = false
            if quote == nil, indent == 0, startsDocument() {
                index += 3
                parentColumn = -1
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == Byte.newline {
                    index += 1
                    return
                }
                if let open = quote {
                    if open == Byte.doubleQuote && byte == Byte.backslash {
                        index += 2
                        continue
                    }
                    if byte == open {
                        if open == Byte.singleQuote, next(1) == Byte.singleQuote {
                            index += 2
                            continue
                        }
                        quote = nil
                        lastSignificant = byte
                        lastClosedFlow = false
                    }
                    index += 1
                    continue
                }
                switch byte {
                case Byte.space, Byte.tab, Byte.carriageReturn:
                    // A tag or an anchor is a property of the node that follows it (`!Sub |`, `&base {…}`).
                    if tokenStart == Byte.bang || tokenStart == Byte.ampersand, lastSignificant != nil,
                       !isSpace(bytes[index - 1]) {
                        nodeStart = true
                    }
                    index += 1
                    continue
                case Byte.hash where index == start || isSpace(bytes[index - 1]):
                    comments?.append(index)
                    skipToNextLine()
                    return
                default:
                    break
                }
                let column = index - start
                let startsNode = nodeStart
                if nodeStart {
                    nodeStart = false
                    tokenStart = byte
                    tokenColumn = column
                    switch byte {
                    case Byte.question where isBreak(next(1)):
                        throw SyntaxError(offset: index, message: "explicit mapping keys ('? ') are not supported; "
                                          + "write the key as a plain or quoted scalar")
                    case Byte.dash where isBreak(next(1)) && flowDepth == 0:
                        // A block sequence entry: its node starts after it.
                        nodeStart = true
                        parentColumn = column
                        index += 1
                        continue
                    case Byte.pipe where flowDepth == 0, Byte.greater where flowDepth == 0:
                        blockScalarParent = parentColumn
                        skipBlockScalarHeader()
                        return
                    case Byte.doubleQuote, Byte.singleQuote:
                        quote = byte
                        index += 1
                        continue
                    default:
                        break
                    }
                }
                // Brackets open a flow collection only where a node starts or inside one (elsewhere they are part of
                // a plain scalar, like `a]` or `x[0]`), and close one only inside one.
                var closesFlow = false
                switch byte {
                case Byte.openBracket where startsNode || flowDepth > 0, Byte.openBrace where startsNode || flowDepth > 0:
                    flowDepth += 1
                    if flowDepth > maxDepth {
                        throw SyntaxError(offset: index, message: "nesting deeper than \(maxDepth) levels")
                    }
                    nodeStart = true
                case Byte.closeBracket where flowDepth > 0, Byte.closeBrace where flowDepth > 0:
                    flowDepth -= 1
                    closesFlow = true
                case Byte.comma where flowDepth > 0:
                    nodeStart = true
                case Byte.colon where isBreak(next(1)) || flowDepth > 0:
                    if lastClosedFlow {
                        throw SyntaxError(offset: index, message: "mapping keys must be scalars, not lists or mappings")
                    }
                    if tokenStart == Byte.star {
                        throw SyntaxError(offset: index, message: "an alias as a mapping key is not supported; "
                                          + "write the key as a plain or quoted scalar")
                    }
                    nodeStart = true
                    parentColumn = tokenColumn
                default:
                    break
                }
                lastSignificant = byte
                lastClosedFlow = closesFlow
                index += 1
            }
        }

        /// `---` followed by a break, at the start of a line.
        private func startsDocument() -> Bool {
            index + 2 < bytes.count && bytes[index] == Byte.dash && bytes[index + 1] == Byte.dash
                && bytes[index + 2] == Byte.dash && isBreak(next(3))
        }

        private func next(_ offset: Int) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        private func isBreak(_ byte: UInt8?) -> Bool {
            guard let byte else { return true }
            return isSpace(byte) || byte == Byte.newline || byte == Byte.carriageReturn
        }

        private func isSpace(_ byte: UInt8) -> Bool {
            byte == Byte.space || byte == Byte.tab
        }

        private func isBlank(from position: Int) -> Bool {
            var position = position
            while position < bytes.count {
                switch bytes[position] {
                case Byte.space, Byte.tab, Byte.carriageReturn: position += 1
                case Byte.newline: return true
                default: return false
                }
            }
            return true
        }

        /// The rest of a block scalar's header line: indicators, then perhaps a comment.
        private mutating func skipBlockScalarHeader() {
            while index < bytes.count, bytes[index] != Byte.newline {
                if bytes[index] == Byte.hash, isSpace(bytes[index - 1]) {
                    comments?.append(index)
                    break
                }
                index += 1
            }
            skipToNextLine()
        }

        private mutating func skipToNextLine() {
            while index < bytes.count, bytes[index] != Byte.newline { index += 1 }
            index += 1
        }
    }

    private enum Byte {
        static let space = UInt8(ascii: " ")
        static let tab = UInt8(ascii: "\t")
        static let newline = UInt8(ascii: "\n")
        static let carriageReturn = UInt8(ascii: "\r")
        static let hash = UInt8(ascii: "#")
        static let question = UInt8(ascii: "?")
        static let dash = UInt8(ascii: "-")
        static let pipe = UInt8(ascii: "|")
        static let greater = UInt8(ascii: ">")
        static let doubleQuote = UInt8(ascii: "\"")
        static let singleQuote = UInt8(ascii: "'")
        static let backslash = UInt8(ascii: "\\")
        static let openBracket = UInt8(ascii: "[")
        static let openBrace = UInt8(ascii: "{")
        static let closeBracket = UInt8(ascii: "]")
        static let closeBrace = UInt8(ascii: "}")
        static let comma = UInt8(ascii: ",")
        static let colon = UInt8(ascii: ":")
        static let star = UInt8(ascii: "*")
        static let bang = UInt8(ascii: "!")
        static let ampersand = UInt8(ascii: "&")
    }
}
