import Foundation
@testable import PolicyCheckKit
import Testing

/// Custom-rule patterns run in linear time, and `policy lint` refuses the shapes that backtrack catastrophically
/// (issue 14, item 11): `^(A+)+$` on 22 characters took over a minute in 0.1.0, and the docs' own `[A-Z]+-[0-9]+`
/// was quadratic on long text.
@Suite struct PatternMatchingTests {
    /// The linear matcher agrees with Swift's `Regex` on the subset both run.
    @Test(arguments: [
        "[A-Z]+-[0-9]+", "^customer", "^arn:aws:kms:us-east-1:", "OPS-[0-9]+", "^9", "111122223333", "a|b|cd",
        "^(dev|test|prod)-[a-z0-9-]{3,12}$", "colou?r", "x{2}", "x{2,}", "x{1,3}y", "^$", "\\d+\\.\\d+", "\\bkey\\b",
        "[^a-z]", "[\\w.-]+@[\\w-]+\\.(com|org)", "a.c", "(?:ab)+c", "\\s*$", "[-a]", "[a-]", "\\$\\{", "^.*$", "a*?b",
        "(?<env>prod|dev)", "x\\d{2}y", "\\W", "\\S+", "\\x41",
    ])
    func agreesWithSwiftRegex(pattern: String) throws {
        let compiled = try CompiledPattern(pattern)
        let regex = try Regex(pattern)
        for text in ["", "A", "ABC-123", "customer-1", "arn:aws:kms:us-east-1:1111", "OPS-42 fix", "9x", "x111122223333x",
                     "b", "cd", "prod-abc", "prod-ab", "color", "colour", "xx", "xxx", "xy", "xxxy", "1.5", "a key here",
                     "keys", "a-b", "bob@example.com", "abc", "abababc", "trailing  ", "line\n", "${x}", "aab", "dev",
                     "x12y", "!", "]", "A", "é", "\n"] {
            #expect(compiled.matches(text) == ((try? regex.firstMatch(in: text)) != nil), "\(pattern) on \(text.debugDescription)")
        }
    }

    @Test(arguments: ["^(A+)+$", "(a*)*b", "(\\w+\\s?)*$", "((ab)+c)+", "(x{1,5}){2,}"])
    func nestedQuantifiersAreRefused(pattern: String) {
        let diagnostics = PackText.lint(PackText.customRule("select: {resource: key}\nassert: {path: arn, matches: \"\(pattern.replacingOccurrences(of: "\\", with: "\\\\"))\"}"))
        #expect(diagnostics.contains { $0.isError && $0.message.contains("repeats a repeated group") }, "\(diagnostics)")
    }

    @Test(arguments: ["(a)\\1", "(?=a)b", "(?<!a)b", "\\p{L}", "(?i)abc", "a++"])
    func featuresNeedingBacktrackingAreRefusedClearly(pattern: String) {
        #expect(throws: (any Error).self) { try CompiledPattern(pattern) }
    }

    @Test(arguments: ["(a|b)?c", "(ab)?", "(a+)?", "(foo|bar)*baz"])
    func repetitionsThatDoNotNestAreAccepted(pattern: String) throws {
        _ = try CompiledPattern(pattern)
    }

    /// The attack texts are decided: 100 KB for the docs' pattern (no match anywhere, the worst case for a search) —
    /// `Regex` took 14.7 s for 8 KB and grew with the square. Their speed is measured in the benchmark
    /// (`pattern-long-text` in Benchmarks/generate_adversarial.py), never by a timed test.
    @Test func longTextsAreMatched() throws {
        let docs = try CompiledPattern("[A-Z]+-[0-9]+")
        let capitals = String(repeating: "A", count: 100_000)
        #expect(!docs.matches(capitals))
        #expect(!docs.matches(capitals + capitals))
        #expect(docs.matches(capitals + "-1"))
        let anchored = try CompiledPattern("^A+$")
        #expect(!anchored.matches(String(repeating: "A", count: 10_000) + "!"))
    }

    @Test func countedRepetitionsAreBounded() {
        #expect(throws: (any Error).self) { try CompiledPattern("(abcdefghij){1000}(klmnopqrst){1000}x") }
    }
}

/// Timings for docs/security.md, run on request (`POLICYCHECK_MEASURE_PATTERNS=1`): Swift's backtracking `Regex`
/// against the linear matcher on the attack texts.
@Suite struct PatternTimingMeasurements {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["POLICYCHECK_MEASURE_PATTERNS"] != nil))
    func measure() throws {
        let clock = ContinuousClock()
        let docs = try Regex("[A-Z]+-[0-9]+")
        let linear = try CompiledPattern("[A-Z]+-[0-9]+")
        for size in [2_000, 4_000, 8_000, 100_000] {
            let text = String(repeating: "A", count: size)
            let old = size <= 8_000 ? "\(clock.measure { _ = try? docs.firstMatch(in: text) })" : "not run"
            let new = clock.measure { _ = linear.matches(text) }
            print("measure [A-Z]+-[0-9]+ on \(size) capitals: Regex \(old), linear \(new)")
        }
        let nested = try Regex("^(A+)+$")
        for size in [14, 16, 18] {
            let text = String(repeating: "A", count: size) + "!"
            print("measure ^(A+)+$ on \(size) A's and '!': Regex \(clock.measure { _ = try? nested.firstMatch(in: text) })")
        }
    }
}
