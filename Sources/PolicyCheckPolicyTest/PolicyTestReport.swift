import PolicyCheckModel

/// What running policy tests found: one suite per test file, and the files or packs that could not be read.
public struct PolicyTestReport: Sendable {
    /// One test file's results.
    public struct Suite: Sendable {
        public var file: String
        /// The pack under test, as shown.
        public var policy: String
        public var cases: [CaseResult] = []
    }

    /// One case's result: passed when it has neither mismatches nor errors.
    public struct CaseResult: Sendable {
        public var name: String
        public var file: String
        public var line: Int
        public var mismatches: [Mismatch] = []
        /// Why the input could not be read.
        public var errors: [Diagnostic] = []

        public var passed: Bool { mismatches.isEmpty && errors.isEmpty }
    }

    /// A rule that did not do what the test expected.
    public struct Mismatch: Sendable, Equatable {
        public var ruleId: String
        public var expected: String
        public var actual: String

        public init(ruleId: String, expected: String, actual: String) {
            self.ruleId = ruleId
            self.expected = expected
            self.actual = actual
        }
    }

    public var suites: [Suite] = []
    public var errors: [Diagnostic] = []

    public var cases: [CaseResult] { suites.flatMap(\.cases) }

    /// 0 every test passed, 1 a test failed, 2 a test, an input or a pack could not be read.
    public var exitCode: Int32 {
        if !errors.isEmpty || cases.contains(where: { !$0.errors.isEmpty }) { return 2 }
        return cases.allSatisfy(\.passed) ? 0 : 1
    }

    /// The report as text: each case, the diff of every mismatch, and a summary.
    public var text: String {
        var out = ""
        for suite in suites {
            out += "\(suite.file) (policy: \(suite.policy))\n"
            for result in suite.cases {
                let verdict = !result.errors.isEmpty ? "ERROR" : result.passed ? "PASS " : "FAIL "
                out += "  \(verdict) \(result.name) (line \(result.line))\n"
                for mismatch in result.mismatches {
                    out += "        \(mismatch.ruleId)\n"
                    out += "          - expected: \(mismatch.expected)\n"
                    out += "          + actual:   \(mismatch.actual)\n"
                }
                for error in result.errors { out += "        \(error.description)\n" }
            }
        }
        let failed = cases.filter { !$0.passed }.count
        out += "\(cases.count) test\(cases.count == 1 ? "" : "s"): \(cases.count - failed) passed, \(failed) failed\n"
        return out
    }
}
