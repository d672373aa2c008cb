import Testing
@testable import PolicyCheckKit

/// Templates as aws-cloudformation/aws-cloudformation-templates writes them: `Fn::ForEach` (the
/// `AWS::LanguageExtensions` transform) is checked through its output resources, and a Rain module (a source
/// template `rain pkg` expands) is an error that says what to check instead.
@Suite struct CloudFormationTransformTests {
    typealias T = CloudFormationTesting

    static let forEach = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::LanguageExtensions
        Resources:
          Fn::ForEach::Databases:
            - Name
            - [Points, Score]
            - Db${Name}:
                Type: AWS::RDS::DBCluster
                Properties:
                  DatabaseName: !Ref Name
                  Engine: aurora-postgresql
                  StorageEncrypted: false
        """

    /// `AWS::Include` may stand among the resources; what it adds lives elsewhere (S3), so the run fails closed
    /// (an error, as a pull request could move every resource into the snippet) and the template's own resources
    /// are still checked and reported, not lost (awslabs/aws-sam-cli's `aws-include-transform.yaml`).
    @Test func anIncludeAmongTheResourcesIsAnErrorAndTheOtherResourcesAreStillChecked() throws {
        let template = """
            Resources:
              Vol:
                Type: AWS::EC2::Volume
                Properties: {AvailabilityZone: us-east-1a, Size: 10, Encrypted: false}
              'Fn::Transform':
                Name: 'AWS::Include'
                Parameters:
                  Location: s3://bucket/more-resources.yaml
            """
        let deployment = try T.deployment(template)
        #expect(deployment.dataStores.map(\.component) == ["Vol"])
        #expect(deployment.notices.map(\.description) == [
            "template.yaml:5:3: error: Resources.Fn::Transform: the resources 'AWS::Include' adds from 's3://bucket/more-resources.yaml' cannot be checked here (the template's own resources are); check the processed template (aws cloudformation get-template --template-stage Processed)",
        ])
        #expect(try T.findings(template).contains { $0.resource == "Vol" && $0.ruleId == "MMC-ENC-001" })
    }

    @Test func forEachOutputResourcesAreChecked() throws {
        let deployment = try T.deployment(Self.forEach)
        #expect(deployment.dataStores.map(\.component) == ["Db${Name}"])
        let findings = try T.findings(Self.forEach)
        #expect(findings.contains { $0.resource == "Db${Name}" && $0.category == .encryption }, "\(findings.map(\.cfnSummary))")
    }

    @Test func aRainModuleIsAnErrorThatSaysHowToCheckIt() throws {
        let text = """
            Resources:
              Network:
                Type:
                  Rain::Module: ../modules/vpc.yml
              Bucket:
                Type: AWS::S3::Bucket
            """
        #expect(throws: Diagnostics.self) { try T.deployments(text) }
        do {
            _ = try T.deployments(text)
        } catch let error as Diagnostics {
            #expect(error.items.map(\.message) == ["resource 'Network' is a Rain module, which CloudFormation cannot deploy until `rain pkg` expands it; check the packaged template (`rain pkg template.yaml | policycheck check -`)"])
        }
    }
}
