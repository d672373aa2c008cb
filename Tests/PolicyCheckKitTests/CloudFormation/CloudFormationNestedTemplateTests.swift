import Foundation
import PolicyCheckTestSupport
import Testing
@testable import PolicyCheckKit

/// A stack set's inline `TemplateBody` is checked as a template of its own, its resources named after the stack set;
/// a nested template this run does not check (a `TemplateURL`, a SAM application's `Location` URL, a local file that
/// is not among the run's files, a Serverless Application Repository application) is a warning in every report
/// format, never a silent pass.
@Suite struct CloudFormationNestedTemplateTests {
    typealias T = CloudFormationTesting

    @Test func aStackSetsTemplateBodyIsCheckedAsATemplateNamedAfterTheStackSet() throws {
        let text = try T.fixture("fail-stack-set-template-body.yaml")
        let deployments = try T.deployments(text)
        #expect(deployments.map(\.name) == ["template.yaml", "Set", "JSONSet"])
        let findings = try T.findings(text)
        let summary = Set(findings.filter { ["MMC-ENC-001", "MMC-NET-001", "MMC-RES-001"].contains($0.ruleId) }
            .map { "\($0.ruleId) \($0.resource) \($0.line)" })
        // A literal block body's values are at their own lines (`EmbeddedLinePlaces`, round 29); a quoted body's,
        // whose positions name nothing in the file, at its `TemplateBody`.
        #expect(summary == ["MMC-ENC-001 Set/DB 19", "MMC-NET-001 Set/SG 25", "MMC-RES-001 JSONSet/Replica 31"])
        #expect(deployments.allSatisfy { $0.notices.isEmpty })
    }

    @Test func aBodyThatIsNotATemplateIsAnErrorAndTheRestIsStillReported() throws {
        let text = """
            Resources:
              Set:
                Type: AWS::CloudFormation::StackSet
                Properties:
                  TemplateBody: '{"Resources": {"DB": '
              Open:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: {GroupId: sg-1, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0, Description: x}
            """
        let report = try Self.run(text)
        #expect(report.exitCode == 2)
        #expect(report.errors.map(\.message).contains { $0.hasPrefix("Resources.Set.Properties.TemplateBody: the stack set's template cannot be checked: it is not JSON or YAML") },
                "\(report.errors.map(\.message))")
        #expect(report.findings.contains { $0.resource == "Open" && $0.ruleId == "MMC-NET-001" })
    }

    @Test(arguments: [
        ("AWS::CloudFormation::Stack", "TemplateURL: https://s3.amazonaws.com/bucket/child.yaml", "Child: the nested stack's template 'https://s3.amazonaws.com/bucket/child.yaml' (TemplateURL) is not a local file"),
        ("AWS::CloudFormation::StackSet", "TemplateURL: s3://bucket/set.json", "Child: the nested stack's template 's3://bucket/set.json' (TemplateURL) is not a local file"),
        ("AWS::Serverless::Application", "Location: https://bucket.s3.amazonaws.com/app.yaml", "Child: the nested application's template 'https://bucket.s3.amazonaws.com/app.yaml' (Location) is not a local file"),
        ("AWS::CloudFormation::Stack", "TemplateURL: !Join ['', ['https://s3.', !Ref 'AWS::Region', '.amazonaws.com/b/k.json']]", "Child: the nested stack's template 'https://s3.${AWS::Region}.amazonaws.com/b/k.json' (TemplateURL) is not a local file"),
    ])
    func aTemplateNamedByURLIsAWarningInEveryReportFormat(type: String, property: String, warning: String) throws {
        let report = try Self.run("""
            Resources:
              Child:
                Type: \(type)
                Properties:
                  \(property)
            """)
        #expect(report.exitCode == 0)
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.message.hasPrefix(warning) == true, "\(report.warnings.map(\.message))")
        for format in ReportFormat.allCases {
            #expect(format.reporter().render(report).contains("is not a local file"), "\(format)")
        }
    }

    /// A region-keyed lookup whose entries all hold one version names it once (it was fifteen times, tester round 33).
    @Test func anApplicationsAlternativesAreNamedOnceEach() throws {
        let template = """
            Transform: AWS::Serverless-2016-10-31
            Mappings:
              App: {us-east-1: {Version: 1.0.3}, eu-west-1: {Version: 1.0.3}, ap-south-1: {Version: 1.0.4}}
            Resources:
              Child:
                Type: AWS::Serverless::Application
                Properties:
                  Location:
                    ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/app
                    SemanticVersion: !FindInMap [App, !Ref 'AWS::Region', Version]
            """
        let message = try T.deployment(template).notices.first?.message ?? ""
        #expect(message.contains("version '1.0.3' or '1.0.4' (Location)"), "\(message)")
    }

    @Test(arguments: [
        // Checked as a file of the run: no warning.
        ("AWS::CloudFormation::Stack", "TemplateURL: stacks/child.yaml", ".", nil),
        ("AWS::Serverless::Application", "Location: ./stacks/child.yaml", ".", nil),
        ("AWS::CloudFormation::Stack", "TemplateURL: stacks/../stacks/child.yaml", ".", nil),
        // A file the walk does not read, one that is not there, one outside the paths checked: a warning.
        ("AWS::CloudFormation::Stack", "TemplateURL: stacks/network.cfn", ".",
         "Child: the nested stack's template 'stacks/network.cfn' (TemplateURL) is not a file this run checks; its resources are not checked"),
        ("AWS::CloudFormation::Stack", "TemplateURL: stacks/missing.yaml", ".",
         "Child: the nested stack's template 'stacks/missing.yaml' (TemplateURL) is not a file this run checks"),
        ("AWS::CloudFormation::Stack", "TemplateURL: stacks/child.yaml", "template.yaml",
         "Child: the nested stack's template 'stacks/child.yaml' (TemplateURL) is not a file this run checks"),
        ("AWS::Serverless::Application", "Location: {ApplicationId: 'arn:aws:serverlessrepo:us-east-1:123456789012:applications/app', SemanticVersion: 1.0.0}", ".",
         "Child: the nested application's template is the Serverless Application Repository's application 'arn:aws:serverlessrepo:us-east-1:123456789012:applications/app' version '1.0.0' (Location); its resources are not checked"),
    ])
    func aLocalTemplateIsCheckedOnlyWhenItIsAFileOfTheRun(type: String, property: String, checked: String,
                                                          warning: String?) throws {
        let directory = ScratchFolder.path("nested")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("stacks"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Child:
                Type: \(type)
                Properties:
                  \(property)
            """.write(to: directory.appendingPathComponent("template.yaml"), atomically: true, encoding: .utf8)
        let child = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
        for name in ["child.yaml", "network.cfn"] {
            try child.write(to: directory.appendingPathComponent("stacks/\(name)"), atomically: true, encoding: .utf8)
        }
        let report = T.run([directory.appendingPathComponent(checked).path])
        if let warning {
            #expect(report.warnings.count == 1)
            #expect(report.warnings.first?.message.hasPrefix(warning) == true, "\(report.warnings.map(\.message))")
        } else {
            #expect(report.warnings.isEmpty, "\(report.warnings.map(\.message))")
        }
        #expect(report.exitCode != 2, "\(report.errors.map(\.message))")
    }

    @Test(arguments: [
        ("!Ref Body", "Set: the stack set's template (TemplateBody) is chosen at deployment (parameter 'Body' has no Default; its value is chosen at deployment); its resources are not checked"),
        ("!ImportValue body", "Set: the stack set's template (TemplateBody) is chosen at deployment (it is imported from another stack's export 'body', known only at deployment)"),
    ])
    func aBodyChosenAtDeploymentIsAWarningAsForAURL(body: String, warning: String) throws {
        let report = try Self.run("""
            Parameters:
              Body: {Type: String}
            Conditions:
              Custom: !Equals [!Ref Body, x]
            Resources:
              Set:
                Type: AWS::CloudFormation::StackSet
                Properties:
                  TemplateBody: !If [Custom, \(body), '{"Resources": {"SG": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"GroupId": "sg-1", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}}}}']
            """)
        #expect(report.errors.isEmpty, "\(report.errors.map(\.message))")
        #expect(report.warnings.map(\.message).contains { $0.hasPrefix(warning) }, "\(report.warnings.map(\.message))")
        // The branch the template writes is still checked.
        #expect(report.findings.contains { $0.resource == "Set/SG" && $0.ruleId == "MMC-NET-001" })
        #expect(report.exitCode == 1)
    }

    /// A check run over the text written to a file of its own.
    static func run(_ text: String) throws -> CheckReport {
        let directory = ScratchFolder.path("nested")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("template.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return T.run([file.path])
    }
}
