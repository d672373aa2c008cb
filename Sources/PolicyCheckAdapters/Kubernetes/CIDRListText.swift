import PolicyCheckModel
import PolicyCheckSyntax

/// Splits a comma-separated list of CIDR blocks written in one string (ingress annotations, the Service
/// `load-balancer-source-ranges` annotation) into items, each located at its own column.
///
/// When the string appears verbatim on one line of the file (a plain or quoted scalar without escapes), each item
/// is located at its first character: the value's offset, plus one for an opening quote, plus the item's byte index
/// in the text. Otherwise (block scalars, escapes, folded lines) every item is located at the value.
enum CIDRListText {
    /// The items; `paths`, when given, keeps one spelling of each item's path (`NodeReader.spelling`).
    static func items(_ value: Located<String>, in source: SourceFile, paths: NodeReader? = nil) -> [Located<String>] {
        let text = Array(value.value.utf8)
        let start = contentStart(of: text, at: value.origin.offset, in: source.bytes)
        var items: [Located<String>] = []
        var itemStart = 0
        for index in 0...text.count where index == text.count || text[index] == UInt8(ascii: ",") {
            var lower = itemStart
            var upper = index
            while lower < upper, isSpace(text[lower]) { lower += 1 }
            while upper > lower, isSpace(text[upper - 1]) { upper -= 1 }
            let item = String(decoding: text[lower..<upper], as: UTF8.self)
            let offset = start.map { $0 + lower } ?? value.origin.offset
            let path = "\(value.origin.path)[\(items.count)]"
            items.append(Located(item, at: Origin(offset: offset, path: paths?.spelling(path) ?? path)))
            itemStart = index + 1
        }
        // An empty or blank string lists nothing; a stray comma leaves an empty item, which is a syntax error.
        if items.count == 1, items[0].value.isEmpty { return [] }
        return items
    }

    /// Where the text begins in the file, when it is there verbatim (after an opening quote, if any).
    static func contentStart(of text: [UInt8], at offset: Int, in bytes: [UInt8]) -> Int? {
        guard offset >= 0, offset <= bytes.count else { return nil }
        var candidates = [offset]
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") || bytes[offset] == UInt8(ascii: "'") {
            candidates.insert(offset + 1, at: 0)
        }
        return candidates.first { start in
            start + text.count <= bytes.count && bytes[start..<(start + text.count)].elementsEqual(text)
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
