@testable import PolicyCheckKit
import Testing

/// `Fn::ForEach` "can … be used within the `Conditions`, `Outputs`, and `Resources` (including the resource
/// properties) sections" (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html):
/// a property or a condition a loop writes is judged as the one it names.
@Suite struct CloudFormationLoopsWithinTests {
    typealias T = CloudFormationTesting

    /// A security group whose ingress, port 22 open to the world, a loop over `[SecurityGroupIngress]` writes inside
    /// its properties, after `beside` (more properties, indented as the group's).
    static func groupWritingItsIngressInALoop(beside: String = "") -> String {
        """
        Transform: AWS::LanguageExtensions
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: admin
              \(beside)
              Fn::ForEach::Rules:
                - Name
                - [SecurityGroupIngress]
                - ${Name}:
                    - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0, Description: ssh}
        """
    }

    /// A pull request that moves a world-open rule into a loop of one property name must not take it out of the
    /// gate: the property was an unknown key, and the group had no ingress.
    @Test func aPropertyWrittenByALoopIsJudged() throws {
        let findings = try T.findings(Self.groupWritingItsIngressInALoop()).filter { $0.ruleId == "MMC-NET-001" }
        #expect(findings.map { "\($0.resource) \($0.cannotVerify)" } == ["Group false"])
    }

    @Test func aLoopNestedInAResourceLoopBindsBothIdentifiers() throws {
        let text = """
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Groups:
                - Port
                - ['22', '443']
                - Group${Port}:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: !Sub 'port ${Port}'
                      Fn::ForEach::Rules:
                        - Name
                        - [SecurityGroupIngress]
                        - ${Name}:
                            - {IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: 0.0.0.0/0, Description: open}
            """
        let findings = try T.findings(text).filter { $0.ruleId == "MMC-NET-001" && !$0.cannotVerify }
        // 443 open to the world is allowed by MMC-NET-001; 22 is not.
        #expect(findings.map(\.resource) == ["Group22"])
    }

    /// Conditions a loop writes decide the scenarios as written ones do: a key that is symmetric exactly when it
    /// rotates passes, where an unknown condition would have paired an asymmetric key with rotation off.
    @Test func aConditionWrittenByALoopDecidesScenarios() throws {
        let text = """
            Transform: AWS::LanguageExtensions
            Parameters:
              Spec: {Type: String, AllowedValues: [SYMMETRIC_DEFAULT, RSA_2048]}
            Conditions:
              Fn::ForEach::Specs:
                - Kind
                - [SYMMETRIC_DEFAULT]
                - Is${Kind}: !Equals [!Ref Spec, !Ref Kind]
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties:
                  KeySpec: !Ref Spec
                  EnableKeyRotation: !If [IsSYMMETRIC_DEFAULT, true, false]
                  KeyPolicy: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}, Action: 'kms:*', Resource: '*'}]}
            """
        let rotation = try T.findings(text).filter { $0.message.contains("rotat") }
        #expect(rotation.isEmpty, "\(rotation.map(\.message))")
    }
}

extension CloudFormationLoopsWithinTests {
    /// A loop inside a resource whose collection is chosen at deployment writes properties no one can name: an
    /// error at the loop (exit 2), never a pass with the property read as absent.
    @Test func aLoopInsideAResourceThatCannotBeExpandedIsAnError() throws {
        let text = """
            Transform: AWS::LanguageExtensions
            Parameters:
              Names: {Type: CommaDelimitedList}
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: admin
                  Fn::ForEach::Rules:
                    - Name
                    - !Ref Names
                    - ${Name}:
                        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0, Description: ssh}
            """
        let error = #expect(throws: Diagnostics.self) { _ = try T.deployments(text) }
        #expect(error?.items.map { "\($0.location.map { "\($0)" } ?? "") \($0.message)" } == [
            "9:7 resource 'Group' has 'Fn::ForEach::Rules' inside it, which cannot be expanded: the collection of 'Fn::ForEach::Rules' is parameter 'Names', which has no Default; its values are chosen at deployment; what it writes cannot be checked",
        ])
    }

    /// A loop that writes a key its mapping already holds: one order of the two kept the harmless one, so a
    /// world-open rule beside a literal one passed (reviewer, round 27). Which CloudFormation keeps is not guessed.
    @Test func aLoopWritingAKeyTheMappingHoldsIsAnError() throws {
        let text = Self.groupWritingItsIngressInALoop(beside: """
            SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8, Description: vpn}
            """)
        let error = #expect(throws: Diagnostics.self) { _ = try T.deployments(text) }
        #expect(error?.items.map(\.message).contains { $0.contains("'SecurityGroupIngress' is written twice in one mapping") } == true)
    }

    /// Conditions' loops have a budget of their own: 10,000 conditions made by a loop cannot leave the resources'
    /// loops unexpanded (reviewer, round 27).
    @Test func conditionsLoopsDoNotUseUpTheResourcesBudget() throws {
        let values = (0..<10_000).map { "v\($0)" }.joined(separator: ", ")
        let text = """
            Transform: AWS::LanguageExtensions
            Conditions:
              Fn::ForEach::Many:
                - V
                - [\(values)]
                - Is${V}: !Equals [!Ref AWS::Region, !Ref V]
            Resources:
              Fn::ForEach::Groups:
                - Cidr
                - ['0.0.0.0/0']
                - Sg&{Cidr}:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: open
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr, Description: ssh}
            """
        let findings = try T.findings(text).filter { $0.ruleId == "MMC-NET-001" }
        #expect(findings.map { "\($0.resource) \($0.cannotVerify)" } == ["Sg00000 false"])
    }
}
