import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// A retention judged at the shortest of a parameter's allowed values says so: "kept 1 day" beside `Default: 3653`
/// read as a bug (quickstart-aws-vpc's flow logs).
@Suite struct WorstAllowedDaysNoteTests {
    @Test func theParameterWhoseAllowedValuesGaveTheWorstIsNamed() throws {
        let findings = try CloudFormationTesting.findings("""
            Parameters:
              Retention: {Type: Number, Default: 3653, AllowedValues: [1, 3653]}
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties: {RetentionInDays: !Ref Retention}
              Fixed:
                Type: AWS::Logs::LogGroup
                Properties: {RetentionInDays: 30}
            """).filter { $0.ruleId == "MMC-LOG-005" }
        #expect(findings.map(\.resource) == ["Logs", "Fixed"])
        #expect(findings.first?.message.contains("RetentionInDays follows parameter 'Retention', whose allowed values make it 1") == true,
                "\(findings.map(\.message))")
        #expect(findings.last?.message.contains("follows") == false)
    }
}
