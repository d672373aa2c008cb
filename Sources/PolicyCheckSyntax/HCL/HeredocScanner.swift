/// Finds where a heredoc ends as HCL's scanner does (`hclsyntax/scan_tokens.rl`): its text is read line by line,
/// a line holding only the marker between white space closes it, and a template interpolation or directive
/// (`${ … }`, `%{ … }`, not the escapes `$${` and `%%{`) is an expression — its strings, comments and nested
/// heredocs included — whose lines are not the heredoc's.
struct HeredocScanner {
    let bytes: [UInt8]
    /// The deepest nesting of heredocs in interpolations read; past it the heredoc is taken as not closed (an error).
    static let maxDepth = 64

    private static let newline = UInt8(ascii: "\n")

    /// The closing line of the heredoc whose body starts at `bodyStart`: its start and the end of its marker (the line
    /// break, when only white space follows it), and how far the search went.
    mutating func closingLine(_ marker: [UInt8], bodyStart: Int, limit: Int,
                              depth: Int) -> (closing: (start: Int, end: Int)?, searchedTo: Int) {
        guard depth < Self.maxDepth else { return (nil, bodyStart) }
        var lineStart = bodyStart
        var position = bodyStart
        while position < bytes.count {
            if position == lineStart {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != Self.newline { lineEnd += 1 }
                var first = lineStart
                while first < lineEnd, let width = HCLParser.whiteSpaceWidth(bytes, from: first, to: lineEnd) { first += width }
                var last = lineEnd
                while last > first, let width = HCLParser.whiteSpaceWidth(bytes, before: last, from: first) { last -= width }
                // The line's white space after the marker is the marker line's: what follows the heredoc starts at
                // the line break.
                if bytes[first..<last].elementsEqual(marker) {
                    return ((lineStart, last == first + marker.count ? lineEnd : first + marker.count), lineStart)
                }
                if lineStart - bodyStart > limit { return (nil, lineStart) }
            }
            let byte = bytes[position]
            if byte == Self.newline {
                position += 1
                lineStart = position
            } else if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%") {
                guard let end = afterTemplateSequence(at: position, depth: depth) else { return (nil, bytes.count) }
                position = end
            } else {
                position += 1
            }
        }
        return (nil, lineStart)
    }

    private func at(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// At a `$` or `%` of template text: the index after the escape it starts (`$${` and `%%{` are text), after the
    /// interpolation or directive it opens, or after itself; `nil` when an interpolation or directive is not closed.
    private mutating func afterTemplateSequence(at index: Int, depth: Int) -> Int? {
        let byte = bytes[index]
        if at(index + 1) == byte, at(index + 2) == UInt8(ascii: "{") { return index + 3 }
        if at(index + 1) == UInt8(ascii: "{") { return skipExpression(from: index + 2, depth: depth) }
        return index + 1
    }

    /// The index after the `}` that closes an expression starting at `start` (after its `${` or `%{`); `nil` when the
    /// input ends first.
    private mutating func skipExpression(from start: Int, depth: Int) -> Int? {
        var braces = 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                braces += 1
                index += 1
            case UInt8(ascii: "}"):
                if braces == 0 { return index + 1 }
                braces -= 1
                index += 1
            case UInt8(ascii: "\""):
                guard let end = skipQuoted(from: index + 1, depth: depth) else { return nil }
                index = end
            case UInt8(ascii: "#"):
                index = lineEnd(from: index)
            case UInt8(ascii: "/") where at(index + 1) == UInt8(ascii: "/"):
                index = lineEnd(from: index)
            case UInt8(ascii: "/") where at(index + 1) == UInt8(ascii: "*"):
                guard let close = ByteSearch.firstIndex(of: [UInt8(ascii: "*"), UInt8(ascii: "/")], in: bytes, from: index + 2)
                else { return nil }
                index = close + 2
            case UInt8(ascii: "<") where at(index + 1) == UInt8(ascii: "<"):
                if let (marker, bodyStart) = Self.opener(in: bytes, at: index) {
                    guard let closing = closingLine(Array(marker), bodyStart: bodyStart, limit: Int.max, depth: depth + 1).closing
                    else { return nil }
                    index = closing.end
                } else {
                    index += 2
                }
            default:
                index += 1
            }
        }
        return nil
    }

    /// The index after the closing quote of a quoted template whose text starts at `start`.
    private mutating func skipQuoted(from start: Int, depth: Int) -> Int? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\"):
                index += 2
            case UInt8(ascii: "\""):
                return index + 1
            case Self.newline:
                return nil
            case UInt8(ascii: "$"), UInt8(ascii: "%"):
                guard let end = afterTemplateSequence(at: index, depth: depth) else { return nil }
                index = end
            default:
                index += 1
            }
        }
        return nil
    }

    private func lineEnd(from index: Int) -> Int {
        var end = index
        while end < bytes.count && bytes[end] != Self.newline { end += 1 }
        return end
    }

    /// `<<ID` or `<<-ID` and a line break at `index` of `bytes`: the marker and where the body starts. One rule for
    /// the scanner and for `HCLComments`.
    static func opener(in bytes: [UInt8], at index: Int) -> (marker: ArraySlice<UInt8>, bodyStart: Int)? {
        func at(_ position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }
        var position = index + 2
        if at(position) == UInt8(ascii: "-") { position += 1 }
        guard let first = at(position), HCLParser.isIdentifierStart(first) else { return nil }
        let markerStart = position
        while let byte = at(position), HCLParser.isIdentifierContinue(byte) { position += 1 }
        let marker = bytes[markerStart..<position]
        if at(position) == UInt8(ascii: "\r") { position += 1 }
        guard at(position) == newline else { return nil }
        return (marker, position + 1)
    }
}
