import Foundation
import PolicyCheckTestSupport
@testable import PolicyCheckInput
@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Detection by content, the deployment's identity, and templates that cannot be checked.
@Suite struct CloudFormationDetectionTests {
    typealias T = CloudFormationTesting

    static func node(_ text: String) throws -> SourceNode {
        try #require(try InputReader().parse(Array(text.utf8)).first)
    }

    @Test(arguments: [
        "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}",
        "Resources:\n  B: {Type: AWS::S3::Bucket}",
        #"{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#,
        // No version line (it is optional) and every resource in a loop: the loop, or the transform it needs, says so.
        "Resources:\n  Fn::ForEach::Groups: [Name, [A], {'Sg${Name}': {Type: AWS::EC2::SecurityGroup}}]",
        "Transform: AWS::LanguageExtensions\nResources:\n  Db: {Type: Custom::Thing}",
        "Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]\nResources: {}",
        // Custom resources alone (a CDK EKS cluster, `Custom::AWSCDK-EKS-Cluster`, with its public endpoint): passed
        // over as "not a manifest" before (tester, round 34).
        "Resources:\n  B: {Type: Custom::Thing}",
        // Third-party registry types alone (the `AWS` namespace is AWS's), and client-side modules alone (Rain's
        // and the AWS CLI's): skipped as "not a manifest" before (tester, round 35).
        "Resources:\n  R: {Type: Acme::Data::Replica}",
        "Modules:\n  Content: {Source: ./module.yaml}",
        "Resources:\n  C: {Type: !Rain::Module ./module.yaml}",
        "Resources:\n  C: {Type: $pkg/module.yaml}",
    ])
    func templatesAreRecognisedByContent(text: String) throws {
        #expect(CloudFormationAdapter.recognises(try Self.node(text)))
        #expect(AdapterRegistry.detect([try Self.node(text)])?.format == .cloudFormation)
    }

    @Test(arguments: [
        "apiVersion: policycheck/v1\nkind: Deployment",
        "Resources:\n  B: {Type: Thing::Two}",
        // Alibaba Cloud ROS and Funcraft templates are not CloudFormation's (regression run, round 34).
        "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  V: {Type: 'ALIYUN::ECS::VPC'}",
        "Resources:\n  S: {Type: 'Aliyun::Serverless::Service'}",
        "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  C: {Type: 'Custom::Thing'}",
        "Resources: [a, b]",
        "- AWSTemplateFormatVersion",
        // YAML that only has a `Resources` key (a container's limits, a catalogue) stays no template.
        "Resources:\n  cpu: 500m\n  memory: 1Gi",
        "Transform: uppercase\nResources:\n  Fn: {Type: Thing}",
        "Transform: AWS::LanguageExtensions\nResources: [a]",
        "Resources:\n  S: {Type: 'OS::Nova::Server'}",
        "HeatTemplateFormatVersion: '2012-12-12'\nResources:\n  S: {Type: 'Rackspace::Cloud::Server'}",
        "Resources:\n  R: {Type: 'Acme::Data::Replica::Extra'}",
        "Modules:\n  Content: {Path: ./module.yaml}",
    ])
    func otherDocumentsAreNotTemplates(text: String) throws {
        #expect(!CloudFormationAdapter.recognises(try Self.node(text)))
    }

    /// A template whose resources are all in `Fn::ForEach` loops, without the optional version line, was skipped
    /// in a directory walk as "not a manifest" and the run passed (review, round 26): it is read, and fails.
    @Test func aTemplateOfLoopsWithoutItsVersionLineIsCheckedInAWalk() throws {
        let directory = ScratchFolder.path("foreach")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try T.fixture("fail-foreach-only-template-without-version.yaml")
            .write(to: directory.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
        let report = T.run([directory.path])
        #expect(report.filesSkipped.isEmpty, "\(report.filesSkipped)")
        #expect(report.findings.contains { $0.ruleId == "MMC-NET-001" && $0.severity == .critical },
                "\(report.findings.map(\.cfnSummary))")
        #expect(report.exitCode == 1)
    }

    /// A template of custom resources alone, without the version line — a CDK EKS cluster open to the world — was
    /// skipped in a walk as "not a manifest" beside a compliant template, and the run passed (tester, round 34).
    @Test func aTemplateOfCustomResourcesWithoutItsVersionLineIsCheckedInAWalk() throws {
        let directory = ScratchFolder.path("custom")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try T.fixture("fail-custom-resources-only-without-version.json")
            .write(to: directory.appendingPathComponent("eks-cluster.json"), atomically: true, encoding: .utf8)
        let report = T.run([directory.path])
        #expect(report.filesSkipped.isEmpty, "\(report.filesSkipped)")
        #expect(report.findings.contains { $0.ruleId == "MMC-NET-001" && $0.severity == .critical && $0.resource == "Cluster" },
                "\(report.findings.map(\.cfnSummary))")
        #expect(report.exitCode == 1)
    }

    @Test func theDeploymentIsNamedByItsFileAndComponentsByLogicalID() throws {
        let deployment = try T.deployment("Resources:\n  MyDatabase:\n    Type: AWS::RDS::DBInstance\n", path: "stacks/db.yaml")
        #expect(deployment.name == "stacks/db.yaml")
        #expect(deployment.format == .cloudFormation)
        #expect(!deployment.qualifiesResourceNames)
        #expect(deployment.offering == nil)
        #expect(deployment.resource("MyDatabase") == "MyDatabase")
        #expect(deployment.dataStores.map(\.component) == ["MyDatabase"])
        #expect(deployment.dataStores[0].encryption.origin.path == "Resources.MyDatabase.Properties.StorageEncrypted")
    }

    @Test func anOfferingGivenOnTheCommandLineIsSetAtTheRoot() throws {
        let all = try T.deployments("Resources:\n  B: {Type: AWS::S3::Bucket}\n", options: AdapterOptions(offering: .shared))
        #expect(all.first?.offering?.value == .shared)
        #expect(all.first?.offering?.origin.offset == 0)
    }

    @Test(arguments: [
        ("AWSTemplateFormatVersion: '2010-09-09'\nDescription: nothing\n", "1:1", "has no 'Resources' section"),
        ("AWSTemplateFormatVersion: '2010-09-09'\nResources: [a]\n", "2:12", "'Resources' must be a mapping"),
        ("Resources:\n  A: {Type: AWS::S3::Bucket}\n  B: {Properties: {}}\n", "3:3", "resource 'B' has no 'Type' string"),
        ("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A: just text\n", "3:6", "resource 'A' must be a mapping"),
        // Client-side modules, in every form: what deploys is the packaged template (tester, round 35).
        ("Modules:\n  C: {Source: ./m.yaml}\nResources:\n  T: {Type: AWS::SNS::Topic}\n", "1:1", "has a 'Modules' section"),
        ("Modules:\n  C: {Source: ./m.yaml}\n", "1:1", "has a 'Modules' section"),
        ("Resources:\n  C:\n    Type: !Rain::Module ./m.yaml\n  T: {Type: AWS::SNS::Topic}\n", "3:11", "resource 'C' is a Rain module"),
        ("Resources:\n  C:\n    Type: $pkg/m.yaml\n", "3:11", "resource 'C' is a Rain module"),
        // org-formation's own format, deployed to its bindings' regions, is refused, not read as one stack.
        ("AWSTemplateFormatVersion: '2010-09-09-OC'\nOrganization: {}\n", "1:27", "is org-formation's format"),
    ])
    func templatesThatCannotBeCheckedAreErrors(text: String, location: String, message: String) throws {
        let error = #expect(throws: Diagnostics.self) { _ = try T.deployments(text) }
        let first = try #require(error?.items.first)
        #expect(first.location.map { "\($0)" } == location)
        #expect(first.message.contains(message), "\(first.message)")
    }
}
