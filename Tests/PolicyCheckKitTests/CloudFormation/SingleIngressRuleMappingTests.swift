import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// `SecurityGroupIngress` holding one rule as a mapping, not a list of one: cfn_nag's parser reads it as a rule, and
/// it was an entry that "cannot be verified: it is a mapping, not a list" (info), so a world-open SSH rule written so
/// passed the default gate.
@Suite struct SingleIngressRuleMappingTests {
    @Test func aRuleWrittenAsAMappingIsJudgedAsTheRuleItIs() throws {
        let text = try CloudFormationTesting.fixture("fail-single-ingress-rule-as-mapping.yaml")
        let findings = try CloudFormationTesting.findings(text).filter { ["MMC-NET-001", "MMC-NET-011"].contains($0.ruleId) }
        #expect(findings.map { "\($0.ruleId) \($0.severity) \($0.line):\($0.column) \($0.resource)" } == [
            "MMC-NET-001 critical 11:17 Bastion",
            "MMC-NET-011 high 22:19 Web",
        ])
        #expect(findings.first?.message == "'0.0.0.0/0' admits every IPv4 address on port 22; expected only the ranges that need access")
    }

    /// A mapping a condition may leave out is the rule it may be, as a list item is.
    @Test func aConditionalMappingIsTheRuleItMayBe() throws {
        let findings = try CloudFormationTesting.findings("""
            Conditions:
              Open: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              Bastion:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: bastion
                  SecurityGroupIngress: !If
                    - Open
                    - {CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 22, ToPort: 22, Description: ssh}
                    - !Ref AWS::NoValue
            """).filter { $0.ruleId.hasPrefix("MMC-NET-") }
        #expect(findings.map { "\($0.ruleId) \($0.severity)" } == ["MMC-NET-001 critical"])
    }
}
