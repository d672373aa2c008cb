import Testing
@testable import PolicyCheckKit

/// A stack set's `TemplateBody` is read exactly as the same template in a file of its own: its YAML short forms
/// (`!Ref`, `!Join`, `!If`, …) are kept.
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
}
