import Testing
@testable import PolicyCheckKit

/// A stack set's `TemplateBody` is read exactly as the same template in a file of its own: its YAML short forms
/// (`!Ref`, `!Join`, `!If`, …) are kept, and its parameters take the values the stack set gives them.
@Suite struct CloudFormationStackSetBodyTests {
    typealias T = CloudFormationTesting

    static let body = """
        Parameters:
          AllowedCidr: {Type: String, Default: 0.0.0.0/0}
        Conditions:
          Never: !Equals [a, b]
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: g
              VpcId: vpc-123
              SecurityGroupIngress:
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, Description: ssh, CidrIp: CIDR}
        """

    @Test(arguments: [
        #"!Join ["", ["0.0.0.0", "/0"]]"#,
        "!If [Never, 10.0.0.0/8, 0.0.0.0/0]",
        "!Ref AllowedCidr",
        "!Sub '${AllowedCidr}'",
        "!Select [1, [10.0.0.0/8, 0.0.0.0/0]]",
    ])
    func aBodysShortFormTagsAreReadAsInATemplateFile(cidr: String) throws {
        let body = Self.body.replacingOccurrences(of: "CIDR", with: cidr)
        let alone = try T.findings(body).filter { $0.ruleId.hasPrefix("MMC-NET") }
            .map { "\($0.severity.rawValue) \($0.ruleId) Set/\($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }
        #expect(alone == ["critical MMC-NET-001 Set/Group"])
        let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }
            .joined(separator: "\n")
        let template = """
            Resources:
              Set:
                Type: AWS::CloudFormation::StackSet
                Properties:
                  TemplateBody: |
            \(indented)
            """
        let inSet = try T.findings(template).filter { $0.ruleId.hasPrefix("MMC-NET") }
            .map { "\($0.severity.rawValue) \($0.ruleId) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }
        #expect(inSet == alone)
    }

    /// A stack set whose body opens SSH to `!Ref AllowedCidr` (Default 10.0.0.0/8), with the stack set's properties
    /// `properties` (one a line) and the outer template's parameters `outer`.
    static func stackSet(_ properties: String, outer: String = "") -> String {
        """
        Parameters:
          Outer: {Type: String, Default: 0.0.0.0/0}
          OuterNoDefault: {Type: String}
        \(outer)
        Resources:
          Set:
            Type: AWS::CloudFormation::StackSet
            Properties:
              \(properties.replacingOccurrences(of: "\n", with: "\n      "))
              TemplateBody: |
                Parameters:
                  AllowedCidr: {Type: String, Default: 10.0.0.0/8}
                Resources:
                  Group:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: g
                      VpcId: vpc-123
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, Description: ssh, CidrIp: !Ref AllowedCidr}
        """
    }

    @Test(arguments: [
        ("Parameters: [{ParameterKey: AllowedCidr, ParameterValue: 0.0.0.0/0}]", ["critical Set/Group"]),
        ("Parameters: [{ParameterKey: AllowedCidr, ParameterValue: 10.0.0.0/8}]", []),
        ("Parameters: [{ParameterKey: Other, ParameterValue: 0.0.0.0/0}]", []),
        ("Parameters: [{ParameterKey: AllowedCidr, ParameterValue: 10.0.0.0/8}]\nStackInstancesGroup: [{DeploymentTargets: {Accounts: ['1']}, Regions: [us-east-1]}, {DeploymentTargets: {Accounts: ['2']}, Regions: [us-east-1], ParameterOverrides: [{ParameterKey: AllowedCidr, ParameterValue: 0.0.0.0/0}]}]",
         ["critical Set/Group"]),
        ("StackInstancesGroup: [{DeploymentTargets: {Accounts: ['1']}, Regions: [us-east-1], ParameterOverrides: [{ParameterKey: AllowedCidr, ParameterValue: 0.0.0.0/0}]}]",
         ["critical Set/Group"]),
        ("Parameters: [{ParameterKey: AllowedCidr, ParameterValue: !Ref Outer}]", ["critical Set/Group"]),
        ("Parameters: [{ParameterKey: AllowedCidr, ParameterValue: !Ref OuterNoDefault}]", ["info Set/Group (cannot verify)"]),
        ("Parameters: [{ParameterKey: AllowedCidr, ParameterValue: !ImportValue cidr}]", ["info Set/Group (cannot verify)"]),
        ("Parameters: [{ParameterKey: !Ref OuterNoDefault, ParameterValue: 0.0.0.0/0}]", ["info Set/Group (cannot verify)"]),
        ("Parameters: !Ref OuterList", ["info Set/Group (cannot verify)"]),
    ])
    func aBodysParametersTakeTheValuesTheStackSetGivesThem(properties: String, expected: [String]) throws {
        let template = Self.stackSet(properties, outer: "  OuterList: {Type: CommaDelimitedList}")
        let findings = try T.findings(template).filter { $0.ruleId == "MMC-NET-001" }
            .map { "\($0.severity.rawValue) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }
        #expect(findings == expected)
    }

    @Test func aBodyWrittenAsAShortFormSubIsSubstituted() throws {
        let template = """
            Parameters:
              Cidr: {Type: String, Default: 0.0.0.0/0}
            Resources:
              Set:
                Type: AWS::CloudFormation::StackSet
                Properties:
                  TemplateBody: !Sub '{"Resources": {"SG": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"GroupId": "sg-1", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "${Cidr}"}}}}'
            """
        let findings = try T.findings(template).filter { $0.ruleId == "MMC-NET-001" }
            .map { "\($0.severity.rawValue) \($0.ruleId) \($0.resource)" }
        #expect(findings == ["critical MMC-NET-001 Set/SG"])
    }
}
