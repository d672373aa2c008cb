#if canImport(Glibc)
import Glibc
import PolicyCheckTestSupport

/// Random resource globs built of pieces glibc reads in every way it can (brackets with a leading `]`, negations, classes,
/// escapes, unterminated ones), and names built from the same pieces so that many of them match.
struct GlobSamples {
    /// A piece of pattern and text it may match (`nil`: any short text).
    static let pieces: [(pattern: String, sample: [String]?)] = [
        ("a", ["a"]), ("b", ["b"]), ("-", ["-"]), ("/", ["/"]), ("é", ["é"]), ("e\u{301}", ["e\u{301}"]), ("ab", ["ab"]),
        ("*", nil), ("**", nil), ("?", ["a", "-", "]", "!"]), ("[ab]", ["a", "b"]), ("[!a]", ["b", "-", "["]),
        ("[]a]", ["]", "a"]), ("[a-]", ["a", "-"]), ("[]-a]", ["]", "^", "a"]), ("[^a]", ["b", "^", "a"]),
        ("[[:alpha:]]", ["a", "B"]), ("[[:digit:]x]", ["1", "x"]), ("[[:foo:]]", ["f"]), ("[a-[:alpha:]]", ["a", ":"]),
        ("[=a=]", ["a"]), ("[.a.]", ["a"]), ("[\\]]", ["]", "\\"]), ("[a\\-z]", ["-", "a", "b"]), ("\\*", ["*"]),
        ("\\a", ["a"]), ("\\", ["\\"]), ("]", ["]"]), ("[", ["["]), ("[a", ["[a", "a"]), ("[!", ["[!", "!"]),
        ("[]", ["[]", "]"]), ("!", ["!"]), (":", [":"]), ("[:", ["[:", ":"]), (":]", [":]"]), ("[[]", ["["]),
    ]
    static let noise = ["a", "b", "-", "/", "é", "e\u{301}", "*", "]", "[", "\\", "!", ":", "1", "B", "^"]

    var random: SplitMix64

    /// A pattern of `count` pieces, its wildcards at both ends half of the time, and a name it often matches.
    mutating func pair(pieces count: Int) -> (pattern: String, name: String) {
        var chosen = (0..<count).map { _ in Self.pieces.randomElement(using: &random)! }
        if Bool.random(using: &random) { chosen = [("*", nil)] + chosen + [("*", nil)] }
        let pattern = chosen.map(\.pattern).joined()
        var name = chosen.map { $0.sample?.randomElement(using: &random) ?? noise(Int.random(in: 0...3, using: &random)) }
            .joined()
        if Int.random(in: 0..<4, using: &random) == 0 { name = noise(Int.random(in: 0...6, using: &random)) }
        return (pattern, name)
    }

    mutating func noise(_ count: Int) -> String {
        (0..<count).map { _ in Self.noise.randomElement(using: &random)! }.joined()
    }

    /// What trying every waiver with `fnmatch` gave: a NUL in either means the same bytes only.
    static func fnmatches(_ pattern: String, _ name: String) -> Bool {
        if pattern.utf8.contains(0) || name.utf8.contains(0) { return pattern.utf8.elementsEqual(name.utf8) }
        return fnmatch(pattern, name, 0) == 0
    }
}
#endif
