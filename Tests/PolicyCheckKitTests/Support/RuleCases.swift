import PolicyCheckKit
import Testing

/// A fixture that must trigger a rule at a known place.
struct RuleFailure: Sendable, CustomTestStringConvertible {
    var fixture: String
    var rule: String
    var severity: Severity
    var line: Int
    var column: Int
    var resource: String
    /// Fragments the message must contain (what is wrong, and what was expected).
    var message: [String]
    /// Other rules the fixture legitimately triggers too; any other rule is a failure.
    var alsoTriggers: Set<String>

    init(_ fixture: String, _ rule: String, _ severity: Severity, at line: Int, _ column: Int, resource: String,
         says message: [String], also alsoTriggers: Set<String> = []) {
        self.fixture = "native/" + fixture
        self.rule = rule
        self.severity = severity
        self.line = line
        self.column = column
        self.resource = resource
        self.message = message
        self.alsoTriggers = alsoTriggers
    }

    var testDescription: String { "\(rule) \(fixture):\(line):\(column)" }
}

/// A fixture that must not trigger a rule (and, unless `others` says so, no rule at all).
struct RulePass: Sendable, CustomTestStringConvertible {
    var fixture: String
    var rule: String
    /// The outcome the rule must report for at least one resource (`nil`: the rule may report nothing).
    var outcome: RuleOutcome.Status?
    /// Other rules the fixture is allowed to trigger.
    var others: Set<String>

    init(_ fixture: String, _ rule: String, outcome: RuleOutcome.Status? = .pass, others: Set<String> = []) {
        self.fixture = "native/" + fixture
        self.rule = rule
        self.outcome = outcome
        self.others = others
    }

    var testDescription: String { "\(rule) \(fixture)" }
}

enum RuleExpectations {
    static func verify(_ failure: RuleFailure, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = Fixture.check(failure.fixture)
        #expect(result.errors.isEmpty, "input errors in \(failure.fixture):\n\(result.summary)", sourceLocation: sourceLocation)
        let finding = try #require(
            result.findings(failure.rule).first { $0.line == failure.line && $0.column == failure.column },
            "no \(failure.rule) finding at \(failure.line):\(failure.column) in \(failure.fixture):\n\(result.summary)",
            sourceLocation: sourceLocation
        )
        #expect(finding.severity == failure.severity, sourceLocation: sourceLocation)
        #expect(finding.resource == failure.resource, sourceLocation: sourceLocation)
        #expect(finding.file == failure.fixture, sourceLocation: sourceLocation)
        #expect(!finding.cannotVerify, sourceLocation: sourceLocation)
        #expect(!finding.controls.isEmpty, sourceLocation: sourceLocation)
        for fragment in failure.message {
            #expect(finding.message.contains(fragment), "message: \(finding.message)", sourceLocation: sourceLocation)
        }
        let outcomes = result.outcomes.filter { $0.ruleId == failure.rule && $0.resource == failure.resource }
        #expect(outcomes.contains { $0.status == .fail }, "outcomes: \(outcomes)", sourceLocation: sourceLocation)
        let unexpected = result.ruleIds.subtracting([failure.rule]).subtracting(failure.alsoTriggers)
        #expect(unexpected.isEmpty, "unexpected rules \(unexpected.sorted()) in \(failure.fixture):\n\(result.summary)",
                sourceLocation: sourceLocation)
    }

    static func verify(_ pass: RulePass, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = Fixture.check(pass.fixture)
        #expect(result.errors.isEmpty, "input errors in \(pass.fixture):\n\(result.summary)", sourceLocation: sourceLocation)
        #expect(!result.deployments.isEmpty, sourceLocation: sourceLocation)
        #expect(result.findings(pass.rule).isEmpty, "\(result.summary)", sourceLocation: sourceLocation)
        let unexpected = result.ruleIds.subtracting(pass.others)
        #expect(unexpected.isEmpty, "unexpected rules \(unexpected.sorted()) in \(pass.fixture):\n\(result.summary)",
                sourceLocation: sourceLocation)
        let outcomes = result.outcomes.filter { $0.ruleId == pass.rule }
        #expect(!outcomes.contains { $0.status == .fail }, sourceLocation: sourceLocation)
        if let expected = pass.outcome {
            #expect(outcomes.contains { $0.status == expected }, "outcomes of \(pass.rule): \(outcomes)",
                    sourceLocation: sourceLocation)
        }
    }
}
