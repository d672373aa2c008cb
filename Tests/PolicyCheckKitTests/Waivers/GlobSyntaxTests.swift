#if canImport(Glibc)
@testable import PolicyCheckReport
import PolicyCheckTestSupport
import Testing

/// The literal run the waiver index files a `*…*` glob by is in every name `fnmatch` matches: brackets, escapes and
/// what glibc reads in more than one way never lend it text that a match may lack.
@Suite struct GlobSyntaxTests {
    static func run(_ pattern: String) -> String {
        String(decoding: GlobSyntax(Array(pattern.utf8)).longestLiteralRun, as: UTF8.self)
    }

    @Test func theRunOfARandomGlobIsInEveryNameFnmatchMatches() {
        var samples = GlobSamples(random: SplitMix64(seed: 1717))
        var matched = 0
        for _ in 0..<60_000 {
            let (pattern, name) = samples.pair(pieces: Int.random(in: 1...6, using: &samples.random))
            guard GlobSamples.fnmatches(pattern, name) else { continue }
            matched += 1
            let run = GlobSyntax(Array(pattern.utf8)).longestLiteralRun
            #expect(run.isEmpty || Array(name.utf8).firstRange(of: run) != nil, "pattern \(pattern) name \(name)")
        }
        #expect(matched > 5_000)
    }

    @Test func bracketsAndEscapesAreReadAsGlibcReadsThem() {
        #expect(Self.run("*[]x]y-z*") == "y-z")
        #expect(Self.run("*[!]x]yz*") == "yz")
        #expect(Self.run("*a\\-b*") == "a-b")
        #expect(Self.run("*[[:digit:]]-prod-*") == "-prod-")
        #expect(Self.run("*prod]x*") == "prod]x")
    }

    @Test func whatGlibcReadsInMoreThanOneWayLendsNoRun() {
        #expect(Self.run("*[^x]yz*") == "")
        #expect(Self.run("*[a-[:alpha:]]yz*") == "")
        #expect(Self.run("*[[=a=]]yz*") == "")
        #expect(Self.run("*[=a=]yz*") == "yz")
        #expect(Self.run("*[yz*") == "")
        #expect(Self.run("*ab[yzw*") == "ab")
        #expect(Self.run("*yz\\") == "yz")
    }
}
#endif
