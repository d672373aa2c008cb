import PolicyCheckKit
import Testing

/// Runs every family's fail and pass tables (declared beside each family's own tests) against the default pack.
@Suite struct RuleTableTests {
    @Test(arguments: CoverageTests.failures)
    func failFixtureTriggersRule(_ failure: RuleFailure) throws {
        try RuleExpectations.verify(failure)
    }

    @Test(arguments: CoverageTests.passes)
    func passFixtureDoesNotTriggerRule(_ pass: RulePass) {
        RuleExpectations.verify(pass)
    }
}
