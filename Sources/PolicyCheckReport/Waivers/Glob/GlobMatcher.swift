#if canImport(Glibc)
import Glibc

/// A resource glob matched as glibc's `fnmatch` matches it (no flags, a single-byte locale, which is the C locale
/// the tool runs in), without its cost on long inputs: `fnmatch` tries each segment between stars at every position,
/// name length × segment length (a 100 KB name against a 10,000-byte run took 2 s). Here each segment is found once,
/// leftmost, the next one searched from where it ended (which is what `fnmatch` settles on too): a literal segment by
/// Knuth–Morris–Pratt, linear; one with `?` or brackets by a bit-parallel scan, name length × segment length / 64.
/// Bracket expressions are decided by `fnmatch` itself, byte by byte, so their meaning stays glibc's.
///
/// `nil` when the pattern holds what `GlobSyntax` leaves to `fnmatch`, or in a multibyte locale (`?` is then a
/// character, not a byte): the caller uses `fnmatch`.
struct GlobMatcher {
    /// The part before the first star, matched at the start; when there is no star, the whole pattern.
    private let head: GlobSegment
    /// The parts between stars, found in order.
    private let middle: [GlobSegment]
    /// The part after the last star, matched at the end; `nil` when there is no star.
    private let tail: GlobSegment?

    init?(_ pattern: [UInt8]) {
        guard __ctype_get_mb_cur_max() == 1 else { return nil }
        let syntax = GlobSyntax(pattern)
        guard syntax.complete else { return nil }
        var brackets = GlobBracketSets(pattern)
        var parts: [[GlobSegment.Item]] = [[]]
        for element in syntax.elements {
            switch element {
            case .star: parts.append([])
            case .anyCharacter: parts[parts.count - 1].append(.set(.all))
            case .byte(let byte): parts[parts.count - 1].append(.byte(byte))
            case .bracket(let range): parts[parts.count - 1].append(.set(brackets.members(range)))
            }
        }
        head = GlobSegment(parts[0], searchable: false)
        tail = parts.count > 1 ? GlobSegment(parts[parts.count - 1], searchable: false) : nil
        middle = parts.count > 2 ? parts[1..<(parts.count - 1)].filter { !$0.isEmpty }.map { GlobSegment($0, searchable: true) } : []
    }

    func matches(_ name: [UInt8]) -> Bool {
        guard let tail else { return name.count == head.count && head.matches(name, at: 0) }
        // The tail takes the end of the name; the head and the middle segments must fit before it.
        let tailStart = name.count - tail.count
        guard tailStart >= head.count, head.matches(name, at: 0), tail.matches(name, at: tailStart) else { return false }
        var position = head.count
        for segment in middle {
            guard let found = segment.firstOccurrence(in: name, from: position, before: tailStart) else { return false }
            position = found + segment.count
        }
        return true
    }
}

/// The bytes each bracket expression of a pattern matches, asked of `fnmatch` once per bracket text and byte.
private struct GlobBracketSets {
    private let pattern: [UInt8]
    private var known: [ArraySlice<UInt8>: GlobByteSet] = [:]

    init(_ pattern: [UInt8]) { self.pattern = pattern }

    mutating func members(_ range: Range<Int>) -> GlobByteSet {
        let text = pattern[range]
        if let set = known[text] { return set }
        var set = GlobByteSet()
        let expression = Array(text) + [0]
        expression.withUnsafeBufferPointer { expression in
            expression.withMemoryRebound(to: CChar.self) { expression in
                // A name never holds NUL (those are compared byte for byte before any glob).
                for byte in UInt8(1)...UInt8(255) {
                    let name: [CChar] = [CChar(bitPattern: byte), 0]
                    if fnmatch(expression.baseAddress!, name, 0) == 0 { set.insert(byte) }
                }
            }
        }
        known[text] = set
        return set
    }
}
#endif
