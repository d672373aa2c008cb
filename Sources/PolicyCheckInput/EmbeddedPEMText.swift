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

    /// The PEM blocks of `bytes` (after undoing `\n` escapes), one per line as PEM writes them.
    static func blocks(in bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var inside = false
        // Whether the BEGIN line is commented out with `//`: then so are the body's lines (a body line may itself
        // start with `/`, which is base64).
        var slashComment = false
        for whole in unescaped(bytes).split(separator: newline, omittingEmptySubsequences: false) {
            var line = whole[...]
            if let start = line.firstRange(of: begin) {
                slashComment = line[..<start.lowerBound].firstRange(of: Array("//".utf8)) != nil
                line = line[start.lowerBound...]
                inside = true
            }
            guard inside else { continue }
            line = withoutLeadingMarks(line, slashComment: slashComment)
            if line.starts(with: dashes) {
                // A BEGIN or END line: up to the dashes that close its label.
                let label = line.dropFirst(dashes.count)
                if let close = label.firstRange(of: dashes) { line = line[..<close.upperBound] }
                out += line
                out.append(newline)
                if line.starts(with: end) { inside = false }
                continue
            }
            // A body line, or an encrypted key's header line (`Proc-Type: 4,ENCRYPTED`); a body line may run into
            // the END line (`…==-----END`).
            var body = line.prefix(while: isBodyByte)
            if let close = body.firstRange(of: dashes) { body = body[..<close.lowerBound] }
            while let last = body.last, last == UInt8(ascii: " ") { body = body.dropLast() }
            if !body.isEmpty {
                out += body
                out.append(newline)
            }
            if let endStart = line.firstRange(of: end) {
                var endLine = line[endStart.lowerBound...]
                if let close = endLine.dropFirst(dashes.count).firstRange(of: dashes) { endLine = endLine[..<close.upperBound] }
                out += endLine
                out.append(newline)
                inside = false
            }
        }
        return out
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
             UInt8(ascii: ">"):
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
