/// PEM blocks as source code, scripts and comments carry them, put back into the lines OpenSSL reads.
///
/// A key pasted into a program or a configuration file rarely starts its own lines: it follows `key = """` or a
/// backtick, is indented, commented out (`# `, `// `), quoted line by line (`"MIIE…\n" +`), or written on one line with
/// `\n` escapes. Each BEGIN … END block is kept with what precedes `-----BEGIN` on its line, leading blanks, comment
/// marks and quotes, and anything after a body line's base64 taken away; lines outside blocks are dropped. What comes
/// out is only ever inspected (`KeyInspection`): a key is reported only when OpenSSL (or policycheck's OpenSSH and
/// PuTTY readers) reads one there, so prose that spells a marker is never a finding.
enum EmbeddedPEMText {
    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END ".utf8)
    private static let dashes = Array("-----".utf8)

    /// The PEM blocks of `bytes` (after undoing `\n` escapes), one per line as PEM writes them. Lines end at LF or
    /// CR; a block written on one line with spaces for its line breaks (`KEY="-----BEGIN … MIIE… -----END …"`) is
    /// split at them.
    static func blocks(in bytes: [UInt8]) -> [UInt8] {
        var reader = BlockReader()
        let separators: (UInt8) -> Bool = { $0 == newline || $0 == UInt8(ascii: "\r") }
        for line in unescaped(bytes).split(omittingEmptySubsequences: false, whereSeparator: separators) {
            reader.read(line)
        }
        return reader.out
    }

    private struct BlockReader {
        var out: [UInt8] = []
        var inside = false
        /// Whether the BEGIN line is commented out with `//`: then so are the body's lines (a body line may itself
        /// start with `/`, which is base64).
        var slashComment = false

        mutating func read(_ whole: ArraySlice<UInt8>) {
            var line = whole
            if let start = line.firstRange(of: begin) {
                slashComment = line[..<start.lowerBound].firstRange(of: Array("//".utf8)) != nil
                line = line[start.lowerBound...]
                inside = true
            }
            guard inside else { return }
            line = withoutLeadingMarks(line, slashComment: slashComment)
            if line.starts(with: dashes) {
                // A BEGIN or END line: up to the dashes that close its label, then what follows on the line.
                guard let close = line.dropFirst(dashes.count).firstRange(of: dashes) else {
                    emit(line)
                    return
                }
                emit(line[..<close.upperBound])
                if line.starts(with: end) {
                    inside = false
                } else {
                    readWords(line[close.upperBound...])
                }
                return
            }
            // A body line, or an encrypted key's header line (`Proc-Type: 4,ENCRYPTED`); a body line may run into
            // the END line (`…==-----END`).
            var body = line.prefix(while: isBodyByte)
            if let close = body.firstRange(of: dashes) { body = body[..<close.lowerBound] }
            while let last = body.last, last == UInt8(ascii: " ") || last == UInt8(ascii: ",") { body = body.dropLast() }
            // What holds no letter or digit is punctuation around the block (`",` closing a quoted line), not body.
            if body.contains(where: isAlphanumeric) { emit(body) }
            if let endStart = line.firstRange(of: end) {
                var endLine = line[endStart.lowerBound...]
                if let close = endLine.dropFirst(dashes.count).firstRange(of: dashes) { endLine = endLine[..<close.upperBound] }
                emit(endLine)
                inside = false
            }
        }

        /// The rest of a BEGIN line: base64 words up to an END label, each a line.
        private mutating func readWords(_ rest: ArraySlice<UInt8>) {
            guard rest.contains(where: isAlphanumeric) else { return }
            let endStart = rest.firstRange(of: end)?.lowerBound ?? rest.endIndex
            for word in rest[..<endStart].split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                let body = word.prefix(while: isBodyByte)
                if body.contains(where: isAlphanumeric) { emit(body) }
            }
            if endStart < rest.endIndex { read(rest[endStart...]) }
        }

        private mutating func emit(_ line: ArraySlice<UInt8>) {
            out += line
            out.append(newline)
        }
    }

    /// A line without the blanks, comment marks, quotes and concatenation (`+ "`) before its text. Neither `/` nor
    /// `+` is taken on its own: both are base64.
    private static func withoutLeadingMarks(_ line: ArraySlice<UInt8>, slashComment: Bool) -> ArraySlice<UInt8> {
        var rest = line
        var slashComment = slashComment
        while let first = rest.first {
            if isLeadingMark(first) {
                rest = rest.dropFirst()
            } else if slashComment, first == UInt8(ascii: "/"), rest.dropFirst().first == UInt8(ascii: "/") {
                rest = rest.dropFirst(2)
                slashComment = false
            } else if isAlphanumeric(first), let next = rest.dropFirst().first, isQuote(next) {
                // A string prefix (`b"`, `r'`, `f"`, `u"`): base64 never holds a quote.
                rest = rest.dropFirst()
            } else if first == UInt8(ascii: "-"), !rest.starts(with: dashes) {
                // `- ` (a Markdown list) or `-- ` (an SQL or Lua comment); a run of five is a label's.
                rest = rest.drop { $0 == UInt8(ascii: "-") }
            } else if first == UInt8(ascii: "+"), rest.dropFirst().first.map(isLeadingMark) ?? true {
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        return rest
    }

    private static let newline = UInt8(ascii: "\n")

    /// Blanks, comment marks and quotes before a line's text.
    private static func isLeadingMark(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "#"), UInt8(ascii: ";"),
             UInt8(ascii: "*"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "|"),
             UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "."),
             UInt8(ascii: "&"):
            true
        default: false
        }
    }

    private static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: false
        }
    }

    /// What a body or header line of a PEM block holds: base64, and a header's name, colon, comma and value.
    private static func isBodyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="),
             UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: " "):
            true
        default: false
        }
    }

    /// The text with the string escapes a PEM block may carry undone: `\n`, `\r` and `\/`.
    static func unescaped(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                switch bytes[index + 1] {
                case UInt8(ascii: "n"): result.append(UInt8(ascii: "\n")); index += 2; continue
                case UInt8(ascii: "r"): result.append(UInt8(ascii: "\r")); index += 2; continue
                case UInt8(ascii: "/"): result.append(UInt8(ascii: "/")); index += 2; continue
                default: break
                }
            }
            result.append(bytes[index])
            index += 1
        }
        return result
    }
}
