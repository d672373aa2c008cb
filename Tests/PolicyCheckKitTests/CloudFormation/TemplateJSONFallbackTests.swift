import PolicyCheckInput
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// CloudFormation reads a template that is not valid JSON as YAML (ValidateTemplate: "first checks if the template is
/// valid JSON. If it isn't, CloudFormation checks if the template is valid YAML"): a JSON-style template with
/// trailing commas is deployed, and is checked as YAML reads it (tester, round 36: an error, nothing checked). Any
/// other broken JSON stays an error.
@Suite struct TemplateJSONFallbackTests {
    @Test func aTemplateWithTrailingCommasIsReadAsYAMLReadsIt() throws {
        let template = """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Resources": {
                "Sg": {
                  "Type": "AWS::EC2::SecurityGroup",
                  "Properties": {
                    "GroupDescription": "ssh",
                    "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0",},],
                  },
                },
              },
            }
            """
        let findings = try CloudFormationTesting.findings(template, path: "sg.template")
        let open = try #require(findings.first { $0.ruleId == "MMC-NET-001" })
        #expect(open.line == 8)
    }

    @Test(arguments: [
        #"{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a",},}"#,
        #"{"name": "package", "version": "1.0.0",}"#,
        #"{"Resources": {"X": {"Type": "Custom::Thing",},}, "Outputs": [}"#,
    ])
    func otherBrokenJSONStaysAnError(_ text: String) {
        #expect(throws: SyntaxError.self) { try InputReader().parse(Array(text.utf8)) }
    }
}
