import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// A log group's `RetentionInDays` under a condition on the same parameter is judged per deployment scenario: AWS's
/// WAF Security Automations template (round 26) keeps -1 ("never expire" in its own terms) out of the property with
/// `!If [RetentionEnabled, !Ref Retention, !Ref AWS::NoValue]`, and each alternative judged at its worst reported
/// "logs are kept -1 days" — a false finding when the other allowed values all keep a year.
@Suite struct LogRetentionScenarioTests {
    private static func template(allowed: String) -> String {
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Parameters:
          Retention:
            Type: Number
            Default: 365
            AllowedValues: [\(allowed)]
        Conditions:
          RetentionEnabled: !Not [!Equals [!Ref Retention, -1]]
        Resources:
          Logs:
            Type: AWS::Logs::LogGroup
            Properties:
              RetentionInDays: !If [RetentionEnabled, !Ref Retention, !Ref 'AWS::NoValue']
        """
    }

    @Test func aValueTheConditionKeepsOutIsNotJudged() throws {
        let findings = try CloudFormationTesting.findings(Self.template(allowed: "-1, 365, 731"))
        #expect(findings.filter { $0.ruleId == "MMC-LOG-005" }.isEmpty)
    }

    @Test func theShortestRetentionTheScenariosAllowIsJudged() throws {
        let findings = try CloudFormationTesting.findings(Self.template(allowed: "-1, 1, 30, 365"))
            .filter { $0.ruleId == "MMC-LOG-005" }
        #expect(findings.map(\.message) == [
            "logs are kept 1 day (RetentionInDays follows parameter 'Retention', whose allowed values make it 1, and the worst value is judged); expected at least 365 days, to cover an audit period",
        ])
        #expect(findings.map { "\($0.line):\($0.column)" } == ["13:24"])
    }
}
