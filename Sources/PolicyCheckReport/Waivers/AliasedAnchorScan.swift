/// Finds, in YAML text, an anchor (`&name`) on the lines an inline ignore covers whose alias (`*name`) repeats its
/// value elsewhere in the file.
///
/// A value an alias repeats is placed at its anchor (`CidrIp: &open 0.0.0.0/0` on the bastion, `CidrIp: *open` on
/// the database), so its findings sit on the anchor's line, and an ignore written for the one would cover the
/// other (tester, round 28). The scan reads the text, not the parsed document: it may take a `&` inside a quoted
/// text for an anchor, which makes the ignore an error to be rewritten — never a finding covered that should not be.
struct AliasedAnchorScan {
    private let bytes: [UInt8]
    /// Each alias name in the text, with the offset of its first use: gathered in one pass, when a covered line first
    /// holds an anchor.
    private var aliases: [ArraySlice<UInt8>: Int]?

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The first anchor in `range` that an alias in the text names, with that alias's offset.
    mutating func firstAliased(in range: Range<Int>) -> (name: String, aliasOffset: Int)? {
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            defer { cursor += 1 }
            guard bytes[cursor] == UInt8(ascii: "&"), Self.startsNode(bytes, at: cursor, lineStart: range.lowerBound) else { continue }
            let name = Self.nameBytes(bytes, after: cursor)
            guard !name.isEmpty else { continue }
            if aliases == nil { aliases = Self.aliases(in: bytes) }
            if let alias = aliases?[name] { return (String(decoding: name, as: UTF8.self), alias) }
        }
        return nil
    }

    /// Where an anchor or alias indicator may stand: at the start of the covered text, or after a blank or a flow
    /// indicator (`a&b` in a plain text is no anchor).
    private static func startsNode(_ bytes: [UInt8], at offset: Int, lineStart: Int) -> Bool {
        guard offset > lineStart else { return true }
        let before = bytes[offset - 1]
        return before == 0x20 || before == 0x09 || before == 0x0A || before == UInt8(ascii: "[")
            || before == UInt8(ascii: "{") || before == UInt8(ascii: ",")
    }

    /// The anchor or alias name after its indicator: up to a blank, a line break or a flow indicator.
    private static func nameBytes(_ bytes: [UInt8], after indicator: Int) -> ArraySlice<UInt8> {
        var end = indicator + 1
        while end < bytes.count, !endsName(bytes[end]) { end += 1 }
        return bytes[(indicator + 1)..<end]
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ",")
            || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    /// Every alias `*name` in the text, at its first use.
    private static func aliases(in bytes: [UInt8]) -> [ArraySlice<UInt8>: Int] {
        var found: [ArraySlice<UInt8>: Int] = [:]
        for cursor in bytes.indices where bytes[cursor] == UInt8(ascii: "*") && startsNode(bytes, at: cursor, lineStart: 0) {
            let name = nameBytes(bytes, after: cursor)
            if !name.isEmpty, found[name] == nil { found[name] = cursor }
        }
        return found
    }
}
