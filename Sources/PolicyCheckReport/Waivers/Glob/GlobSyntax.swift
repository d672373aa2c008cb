/// A waiver pattern read element by element as glibc's `fnmatch` reads it (no flags): `*`, `?`, a byte (an escaped
/// one included) or a bracket expression. Reading stops, `complete` false, where glibc reads a pattern in more than
/// one way or decides only while matching: `[^` (negation unless `POSIXLY_CORRECT` is set), `[=a=]`, `[.a.]`, a class
/// that may be a range's end, a bracket with no `]` (a literal `[` unless one of its members matches first) and a
/// trailing backslash. What was read is exact, so every literal run it holds is in every name the pattern matches
/// (the waiver index files patterns by one), and a complete reading is what `GlobMatcher` matches.
///
/// glibc's rules, `posix/fnmatch_loop.c`: a bracket's first member may be `]`; inside a bracket `\` escapes the next
/// byte, `[:name:]` is a class (names of `a`…`y`, an unknown name never matches) and the first `]` after a member ends
/// it. Delimiters are ASCII, so the reading is the same byte by byte or character by character (UTF-8).
struct GlobSyntax {
    enum Element: Equatable {
        case star
        case anyCharacter
        case byte(UInt8)
        /// A bracket expression: the pattern's bytes from `[` to its `]`.
        case bracket(Range<Int>)
    }

    private(set) var elements: [Element] = []
    /// Whether the whole pattern was read.
    private(set) var complete = true

    init(_ bytes: [UInt8]) {
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case Self.star:
                elements.append(.star)
                index += 1
            case Self.question:
                elements.append(.anyCharacter)
                index += 1
            case Self.backslash:
                guard index + 1 < bytes.count else { complete = false; return }
                elements.append(.byte(bytes[index + 1]))
                index += 2
            case Self.open:
                guard let end = Self.bracketEnd(bytes, from: index) else { complete = false; return }
                elements.append(.bracket(index..<end))
                index = end
            default:
                elements.append(.byte(bytes[index]))
                index += 1
            }
        }
    }

    /// The longest run of literal bytes read (escapes resolved), empty when there is none.
    var longestLiteralRun: [UInt8] {
        var longest: [UInt8] = []
        var run: [UInt8] = []
        for element in elements + [.star] {
            if case .byte(let byte) = element {
                run.append(byte)
            } else {
                if run.count > longest.count { longest = run }
                run.removeAll(keepingCapacity: true)
            }
        }
        return longest
    }
}

// MARK: - Brackets

extension GlobSyntax {
    static let star = UInt8(ascii: "*")
    static let question = UInt8(ascii: "?")
    static let backslash = UInt8(ascii: "\\")
    static let open = UInt8(ascii: "[")
    static let close = UInt8(ascii: "]")

    /// The index after the `]` ending the bracket that opens at `start`, or `nil` where glibc's reading is not certain.
    private static func bracketEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "!") { index += 1 }
        // The first member may be `]`.
        if index < bytes.count, bytes[index] == close { index += 1 }
        var previous: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == close { return index + 1 }
            if byte == backslash {
                guard index + 2 < bytes.count else { return nil }
                previous = 0
                index += 2
                continue
            }
            if byte == open, index + 1 < bytes.count, ":=.".utf8.contains(bytes[index + 1]) {
                // After `-` a `[` may be a range's end, read differently once a member has matched.
                guard bytes[index + 1] == UInt8(ascii: ":"), previous != UInt8(ascii: "-"),
                      let end = classEnd(bytes, from: index) else { return nil }
                previous = 0
                index = end
                continue
            }
            previous = byte
            index += 1
        }
        return nil
    }

    /// The index after `[:name:]` opening at `start`, for a name glibc reads as one (`a`…`y`, kept short).
    private static func classEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 2
        while index < bytes.count, index - start < 34, bytes[index] >= UInt8(ascii: "a"), bytes[index] < UInt8(ascii: "z") {
            index += 1
        }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == close else { return nil }
        return index + 2
    }
}
