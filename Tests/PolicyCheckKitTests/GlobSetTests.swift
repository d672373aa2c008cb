@testable import PolicyCheckModel
import PolicyCheckTestSupport
import Testing

/// `exclude:` and `include:` globs are tried only on the paths containing their literal text; a set of globs must
/// match exactly the paths some glob matched when each was tried on every path (the scan, kept as the reference),
/// whatever the globs hold: `**`, `*`, `?`, brackets (negated, with classes, unclosed, with a `]` first), escapes,
/// trailing `/`, hidden names, NUL.
struct GlobSetTests {
    static func scan(_ globs: [String], _ path: String) -> Bool {
        globs.contains { Glob.matches($0, path) }
    }

    static let pieces = ["a", "b", "ab", ".", "/", "-", "x", "*", "**", "**/", "?", "[ab]", "[!a]", "[^b]", "[]a]",
                         "[a-c]", "[[:alpha:]]", "[", "]", "\\", "\\*", "\\[", "\0", ".hidden", "yaml", "é"]
    static let pathPieces = ["a", "b", "ab", ".", "/", "-", "x", "*", "?", "[", "]", "\\", ".hidden", "yaml", "é", "c"]

    static func text(_ pieces: [String], count: ClosedRange<Int>, _ random: inout SplitMix64) -> String {
        (0..<Int.random(in: count, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test func aSetOfGlobsMatchesThePathsOneOfItsGlobsMatches() {
        var random = SplitMix64(seed: 53)
        for _ in 0..<3000 {
            let globs = (0..<Int.random(in: 1...6, using: &random)).map { _ in Self.text(Self.pieces, count: 1...6, &random) }
            let set = GlobSet(globs)
            for _ in 0..<6 {
                // Half the paths are made from a glob's own text, so that matches are common.
                let path = Bool.random(using: &random)
                    ? Self.text(Self.pathPieces, count: 0...8, &random)
                    : globs.randomElement(using: &random)!.replacingOccurrences(of: "*", with: Self.text(Self.pathPieces, count: 0...3, &random))
                        .replacingOccurrences(of: "?", with: "a")
                #expect(set.matchesAny(path) == Self.scan(globs, path), "\(globs) \(path)")
            }
        }
    }

    @Test func everyGlobOnItsOwnMatchesWhatFnmatchMatches() {
        var random = SplitMix64(seed: 59)
        for _ in 0..<6000 {
            let glob = Self.text(Self.pieces, count: 1...5, &random)
            let set = GlobSet([glob])
            let path = Self.text(Self.pathPieces + [glob, glob], count: 0...4, &random)
            #expect(set.matchesAny(path) == Glob.matches(glob, path), "\(glob) \(path)")
        }
    }

    @Test func commonExcludeFormsMatchAsBefore() {
        let globs = ["**/node_modules/**", "vendor/*", "*.test.yaml", "drafts/**", "secret.json", ".hidden/*",
                     "build/", "[Cc]ache/*", "?rc.yaml", "**/x-[0-9].yaml"]
        let paths = ["a/node_modules/b.yaml", "node_modules/b.yaml", "vendor/a.yaml", "vendor/a/b.yaml", "a.test.yaml",
                     "dir/a.test.yaml", "drafts/x/y.json", "secret.json", "dir/secret.json", ".hidden/a.yaml", "build/",
                     "build", "Cache/a.yaml", "cache/a.yaml", "src.yaml", "xsrc.yaml", "a/b/x-7.yaml", "x-7.yaml",
                     "x-a.yaml", "plain.yaml"]
        let set = GlobSet(globs)
        for path in paths {
            #expect(set.matchesAny(path) == Self.scan(globs, path), "\(path)")
        }
        #expect(set.matchesAny("a/node_modules/b.yaml"))
        #expect(!set.matchesAny("plain.yaml"))
    }

    @Test func theLiteralLooksOnlyOutsideBrackets() {
        func literal(_ glob: String) -> String? {
            GlobSet.requiredLiteral(Array(Glob.Pattern(glob).text.utf8)).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(literal("**/node_modules/**") == "node_modules/")
        #expect(literal("[abcdef]x") == "x")
        #expect(literal("a[]bcdefg]h") == "a")
        // An unclosed bracket matches its `[` as text, or the glob matches nothing: what follows is text either way.
        #expect(literal("[xyz") == "xyz")
        #expect(literal("abc\0defgh*") == "abc")
        #expect(literal("*") == nil)
        #expect(literal("lo\\*ng*s") == "lo")
    }

    @Test func theSameGlobTwiceIsOneGlob() {
        let set = GlobSet(["*.yaml", "*.yaml", "a"])
        #expect(set.matchesAny("b.yaml"))
        #expect(set.matchesAny("a"))
        #expect(!set.matchesAny("b"))
        #expect(GlobSet([]).isEmpty)
    }
}
