import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// A rule a condition may leave out (`!If [C, {rule}, !Ref AWS::NoValue]`) is judged as the rule it may be: it kept
/// the absent branch, lost its ports, and a world-open rule on 443 read as an all-port one (critical MMC-NET-001).
@Suite struct ConditionalIngressRuleTests {
    @Test func aRuleAConditionMayLeaveOutKeepsItsPorts() throws {
        let findings = try CloudFormationTesting.findings("""
            Parameters:
              Public: {Type: String, Default: 'true', AllowedValues: ['true', 'false']}
            Conditions:
              IsPublic: !Equals [!Ref Public, 'true']
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web
                  SecurityGroupIngress:
                    - !If
                      - IsPublic
                      - {CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 443, ToPort: 443, Description: https}
                      - !Ref AWS::NoValue
                    - !If
                      - IsPublic
                      - {CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 22, ToPort: 22, Description: ssh}
                      - !Ref AWS::NoValue
            """).filter { $0.ruleId.hasPrefix("MMC-NET-") }
        #expect(findings.map { "\($0.ruleId) \($0.severity)" } == ["MMC-NET-011 high", "MMC-NET-001 critical"])
        #expect(findings.first?.message.contains("on port 443") == true)
    }
}
