/// Where the line comments of an HCL native-syntax file (`.tf`, `.tfvars`) are: a `#` or `//` in an expression,
/// outside quoted templates (an interpolation inside one is an expression again), heredoc bodies (text up to the
/// closing line, found as the parser finds it) and `/* */` comments.
///
/// Inline ignores must come only from real comments: `"x # policycheck:ignore …"` is a string an author can put in
/// any argument, and a YAML-style reading of the line took its `#` for a comment.
public enum HCLComments {
    /// One line comment: the offset of its `#` or `//`, and the length of that opener (1 or 2).
    public struct Comment: Sendable, Equatable {
        public let offset: Int
        public let openerLength: Int

        public init(offset: Int, openerLength: Int) {
            self.offset = offset
            self.openerLength = openerLength
        }
    }

    /// The line comments of the file, in order. Text that does not parse (an unterminated string or heredoc) is
    /// read as far as it goes: what follows an unterminated opener is inside it, not a comment.
    public static func lineComments(in bytes: [UInt8]) -> [Comment] {
        var scanner = Scanner(bytes: bytes)
        scanner.run()
        return scanner.comments
    }

    private enum Context {
        /// An expression: the file's top level, or an interpolation's (`${ … }`, `%{ … }`) with its open braces.
        case expression(braces: Int)
        case quoted
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var stack: [Context] = [.expression(braces: 0)]
        var comments: [Comment] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func run() {
            while position < bytes.count {
                switch stack[stack.count - 1] {
                case .expression(let braces): expression(braces: braces)
                case .quoted: quoted()
                }
            }
        }

        mutating func expression(braces: Int) {
            let current = bytes[position]
            switch current {
            case UInt8(ascii: "#"):
                comments.append(Comment(offset: position, openerLength: 1))
                skipLine()
            case UInt8(ascii: "/") where byte(at: position + 1) == UInt8(ascii: "/"):
                comments.append(Comment(offset: position, openerLength: 2))
                skipLine()
            case UInt8(ascii: "/") where byte(at: position + 1) == UInt8(ascii: "*"):
                position = ByteSearch.firstIndex(of: [UInt8(ascii: "*"), UInt8(ascii: "/")], in: bytes, from: position + 2)
                    .map { $0 + 2 } ?? bytes.count
            case UInt8(ascii: "\""):
                position += 1
                stack.append(.quoted)
            case UInt8(ascii: "<") where byte(at: position + 1) == UInt8(ascii: "<"):
                if let (marker, bodyStart) = HeredocScanner.opener(in: bytes, at: position) {
                    // The whole body is template text up to its closing line, found as the parser finds it
                    // (`HCLParser.parseHeredoc`): nothing in it is a comment.
                    position = HCLParser.heredocClosingLine(Array(marker), in: bytes, bodyStart: bodyStart,
                                                            limit: Int.max).closing?.end ?? bytes.count
                } else {
                    position += 2
                }
            case UInt8(ascii: "{"):
                position += 1
                if stack.count > 1 { stack[stack.count - 1] = .expression(braces: braces + 1) }
            case UInt8(ascii: "}"):
                position += 1
                guard stack.count > 1 else { return }
                if braces == 0 { stack.removeLast() } else { stack[stack.count - 1] = .expression(braces: braces - 1) }
            default:
                position += 1
            }
        }

        mutating func quoted() {
            let current = bytes[position]
            if current == UInt8(ascii: "\\") {
                position += 2
            } else if current == UInt8(ascii: "\"") {
                position += 1
                stack.removeLast()
            } else if current == 0x0A {
                // A quoted template ends at its line (HCL refuses the newline): what follows is an expression again.
                position += 1
                stack.removeLast()
            } else {
                templateByte()
            }
        }

        /// One step inside a template: `${` and `%{` open an interpolation (`$${` and `%%{` are literal).
        mutating func templateByte() {
            let current = bytes[position]
            if current == UInt8(ascii: "$") || current == UInt8(ascii: "%") {
                if byte(at: position + 1) == current, byte(at: position + 2) == UInt8(ascii: "{") {
                    position += 3
                    return
                }
                if byte(at: position + 1) == UInt8(ascii: "{") {
                    position += 2
                    stack.append(.expression(braces: 0))
                    return
                }
            }
            position += 1
        }

        mutating func skipLine() {
            while position < bytes.count, bytes[position] != 0x0A { position += 1 }
        }
    }
}
