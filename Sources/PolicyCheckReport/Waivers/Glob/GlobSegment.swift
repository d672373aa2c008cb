/// One part of a glob between stars: bytes and byte sets (`?`, brackets), matched at a place or found leftmost.
struct GlobSegment {
    enum Item {
        case byte(UInt8)
        case set(GlobByteSet)
    }

    private let items: [Item]
    /// How to find the segment: Knuth–Morris–Pratt for bytes alone, else a bit-parallel scan (`nil` for a segment
    /// only ever matched in place).
    private let search: Search?

    private enum Search {
        /// The literal bytes and, for each prefix, the length of its longest proper border.
        case literal([UInt8], borders: [Int])
        /// Shift-And: for each byte, the words of the bits of the positions that accept it.
        case bitParallel(masks: [UInt64], words: Int)
    }

    var count: Int { items.count }

    init(_ items: [Item], searchable: Bool) {
        self.items = items
        guard searchable else { search = nil; return }
        let literal = items.compactMap { if case .byte(let byte) = $0 { byte } else { nil } }
        if literal.count == items.count {
            search = .literal(literal, borders: Self.borders(literal))
        } else {
            let words = (items.count + 63) / 64
            var masks = [UInt64](repeating: 0, count: 256 * words)
            for (position, item) in items.enumerated() {
                let bit = UInt64(1) << UInt64(position % 64)
                switch item {
                case .byte(let byte):
                    masks[Int(byte) * words + position / 64] |= bit
                case .set(let set):
                    for byte in 0...255 where set.contains(UInt8(byte)) { masks[byte * words + position / 64] |= bit }
                }
            }
            search = .bitParallel(masks: masks, words: words)
        }
    }

    func matches(_ name: [UInt8], at start: Int) -> Bool {
        for (offset, item) in items.enumerated() {
            switch item {
            case .byte(let byte): if name[start + offset] != byte { return false }
            case .set(let set): if !set.contains(name[start + offset]) { return false }
            }
        }
        return true
    }

    /// Where the segment first occurs in `name[from..<before]`, as its start.
    func firstOccurrence(in name: [UInt8], from start: Int, before end: Int) -> Int? {
        switch search {
        case .literal(let bytes, let borders):
            var matched = 0
            for index in start..<max(start, end) {
                while matched > 0 && name[index] != bytes[matched] { matched = borders[matched - 1] }
                if name[index] == bytes[matched] { matched += 1 }
                if matched == bytes.count { return index + 1 - bytes.count }
            }
            return nil
        case .bitParallel(let masks, let words):
            let last = items.count - 1
            var state = [UInt64](repeating: 0, count: words)
            for index in start..<max(start, end) {
                let row = Int(name[index]) * words
                var carry: UInt64 = 1
                for word in 0..<words {
                    let shifted = state[word] << 1 | carry
                    carry = state[word] >> 63
                    state[word] = shifted & masks[row + word]
                }
                if state[last / 64] >> UInt64(last % 64) & 1 == 1 { return index - last }
            }
            return nil
        case nil:
            preconditionFailure("a head or tail segment is only matched in place")
        }
    }

    /// Knuth–Morris–Pratt's failure function.
    private static func borders(_ bytes: [UInt8]) -> [Int] {
        var borders = [Int](repeating: 0, count: bytes.count)
        var length = 0
        for index in bytes.indices.dropFirst() {
            while length > 0 && bytes[index] != bytes[length] { length = borders[length - 1] }
            if bytes[index] == bytes[length] { length += 1 }
            borders[index] = length
        }
        return borders
    }
}
