import Foundation
@testable import PolicyCheckKit
import Testing

/// The root volume of the instances a launch template or launch configuration launches — for an Auto Scaling group,
/// directly, through a mixed instances policy, or for anything else — is judged on the template, once: a mapping of a
/// root device is that volume; without one, the AMI's snapshot and the account's EBS encryption by default decide its
/// encryption (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html), which the input does not
/// declare, as for an instance without a root block device. Plans, source and templates agree.
@Suite struct LaunchTemplateRootVolumeTests {
    typealias CFN = CloudFormationTesting
    typealias Plan = TerraformPlanBuilder
    static let encryptionRules: Set<String> = ["MMC-ENC-001", "MMC-ENC-002"]

    /// `RULE severity resource` of the encryption findings, with "cannot-verify" where it applies, sorted.
    static func spelled(_ findings: [Finding]) -> [String] {
        findings.filter { encryptionRules.contains($0.ruleId) }
            .map { "\($0.ruleId) \($0.severity.rawValue) \($0.resource)\($0.cannotVerify ? " cannot-verify" : "")" }.sorted()
    }

    /// What the Terraform fixtures give, plan and source alike: nothing on the groups, the template two groups use
    /// (by id at `$Latest`, by name at `$Default`) once, the templates only a mixed instances policy or nothing uses.
    static let terraformFailures = [
        "MMC-ENC-001 critical aws_launch_configuration.legacy",
        "MMC-ENC-001 critical aws_launch_template.bare",
        "MMC-ENC-001 critical aws_launch_template.data_only",
        "MMC-ENC-001 critical aws_launch_template.override",
        "MMC-ENC-001 critical aws_launch_template.root_off",
        "MMC-ENC-001 critical aws_launch_template.unused",
        "MMC-ENC-002 high aws_launch_configuration.legacy",
        "MMC-ENC-002 high aws_launch_template.bare",
        "MMC-ENC-002 high aws_launch_template.data_only",
        "MMC-ENC-002 high aws_launch_template.override",
        "MMC-ENC-002 high aws_launch_template.unused",
    ]

    // MARK: - Terraform

    @Test func aPlanJudgesEachTemplatesRootVolumeOnceWhoeverLaunchesIt() throws {
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment("fail/launch-template-root-volumes.json"))
        #expect(Self.spelled(findings) == Self.terraformFailures)
        let bare = findings.filter { $0.resource == "aws_launch_template.bare" && $0.ruleId == "MMC-ENC-001" }
        #expect(bare.map(\.path) == ["resource_changes[1].change.after.block_device_mappings"])
        #expect(bare.first?.message == "no encryption at rest is declared for the volume: no mapping states the root volume, so the AMI's snapshot and the account's EBS encryption by default decide its encryption; expected 'resource_changes[1].change.after.block_device_mappings' to turn it on")
        // The encrypted data volume passes; the root device mapped with encryption off fails where it is written.
        #expect(findings.filter { $0.resource == "aws_launch_template.root_off" }.map(\.path)
                == ["resource_changes[3].change.after.block_device_mappings[0].ebs[0].encrypted"])
    }

    @Test func sourceGivesThePlansFindings() throws {
        let findings = try TerraformSourceFixture.findings("launch-template-root-volumes-fail")
        #expect(Self.spelled(findings) == Self.terraformFailures)
        // Located at the template's block when it maps nothing, at its mappings when they leave out the root device.
        let places = findings.filter { $0.ruleId == "MMC-ENC-001" }.map { "\($0.resource) \($0.line):\($0.column)" }.sorted()
        #expect(places == [
            "aws_launch_configuration.legacy 54:1", "aws_launch_template.bare 12:1", "aws_launch_template.data_only 21:3",
            "aws_launch_template.override 43:1", "aws_launch_template.root_off 37:19", "aws_launch_template.unused 49:1",
        ])
    }

    @Test func aMappedEncryptedRootDevicePasses() throws {
        #expect(Self.spelled(try TerraformSourceFixture.findings("launch-template-root-volumes-pass")) == [])
        var plan = Plan()
        plan.change("aws_launch_template.nodes", "aws_launch_template", after: [
            "block_device_mappings": [["device_name": "xvda", "ebs": [["encrypted": "true", "kms_key_id": CloudFormationTerraformParityTests.keyARN]]]],
        ])
        #expect(Self.spelled(try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))) == [])
    }

    @Test func aRootDeviceNameKnownOnlyAfterApplyCannotBeVerified() throws {
        var plan = Plan()
        plan.change("aws_launch_template.nodes", "aws_launch_template", after: [
            "block_device_mappings": [["ebs": [["encrypted": "true", "kms_key_id": CloudFormationTerraformParityTests.keyARN]]]],
        ], unknown: ["block_device_mappings": [["device_name": true]]])
        plan.configure("aws_launch_template.nodes", [
            "block_device_mappings": [["device_name": Plan.references("data.aws_ami.al2023.root_device_name", "data.aws_ami.al2023")]],
        ])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
        #expect(Self.spelled(findings) == ["MMC-ENC-001 info aws_launch_template.nodes cannot-verify",
                                           "MMC-ENC-002 info aws_launch_template.nodes cannot-verify"])
        #expect(findings.first { $0.ruleId == "MMC-ENC-001" }?.message
            == "encryption at rest of the volume cannot be verified: whether a mapping covers the root device cannot be told (device_name: known only after apply (it comes from data.aws_ami.al2023.root_device_name))")

        // In source: a device name from a data source, and mappings or a root mapping's `ebs` made by a `dynamic` block
        // over an unknown value.
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": """
            data "aws_ami" "al2023" {
              most_recent = true
              owners      = ["amazon"]
            }
            variable "volumes" {}
            resource "aws_launch_template" "from_ami" {
              block_device_mappings {
                device_name = data.aws_ami.al2023.root_device_name
                ebs {
                  encrypted  = true
                  kms_key_id = "\(CloudFormationTerraformParityTests.keyARN)"
                }
              }
            }
            resource "aws_launch_template" "dynamic_ebs" {
              block_device_mappings {
                device_name = "/dev/xvda"
                dynamic "ebs" {
                  for_each = var.volumes
                  content {
                    encrypted = true
                  }
                }
              }
            }
            resource "aws_launch_template" "dynamic" {
              dynamic "block_device_mappings" {
                for_each = var.volumes
                content {
                  device_name = block_device_mappings.key
                  ebs {
                    encrypted = true
                  }
                }
              }
            }
            """])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = TerraformSourceReader(options: AdapterOptions()).read(directory: directory, name: "module")
        let deployment = try #require(outcome.deployment, "\(outcome.errors)")
        #expect(Self.spelled(try TerraformFixture.findings(deployment)) == [
            "MMC-ENC-001 info aws_launch_template.dynamic cannot-verify", "MMC-ENC-001 info aws_launch_template.dynamic_ebs cannot-verify",
            "MMC-ENC-001 info aws_launch_template.from_ami cannot-verify",
            "MMC-ENC-002 info aws_launch_template.dynamic cannot-verify", "MMC-ENC-002 info aws_launch_template.dynamic_ebs cannot-verify",
            "MMC-ENC-002 info aws_launch_template.from_ami cannot-verify",
        ])
    }

    /// An instance launched from a template cannot be verified on its own (info); the template's root is the finding.
    @Test func anInstanceFromATemplateLeavesTheFindingToTheTemplate() throws {
        var plan = Plan()
        plan.change("aws_launch_template.web", "aws_launch_template", after: ["image_id": "ami-0123"])
        plan.change("aws_instance.web", "aws_instance", after: ["launch_template": [["version": "$Latest"]]],
                    unknown: ["launch_template": [["id": true]], "root_block_device": true])
        plan.configure("aws_launch_template.web", ["image_id": Plan.constant("ami-0123")])
        plan.configure("aws_instance.web", ["launch_template": [["id": Plan.references("aws_launch_template.web.id", "aws_launch_template.web")]]])
        #expect(Self.spelled(try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))) == [
            "MMC-ENC-001 critical aws_launch_template.web", "MMC-ENC-001 info aws_instance.web cannot-verify",
            "MMC-ENC-002 high aws_launch_template.web", "MMC-ENC-002 info aws_instance.web cannot-verify",
        ])
        let template = """
            Resources:
              Template: {Type: AWS::EC2::LaunchTemplate, Properties: {LaunchTemplateData: {ImageId: ami-0123}}}
              Web: {Type: AWS::EC2::Instance, Properties: {LaunchTemplate: {LaunchTemplateId: !Ref Template, Version: $Latest}}}
            """
        #expect(Self.spelled(try CFN.findings(template)) == [
            "MMC-ENC-001 critical Template", "MMC-ENC-001 info Web cannot-verify",
            "MMC-ENC-002 high Template", "MMC-ENC-002 info Web cannot-verify",
        ])
    }

    // MARK: - CloudFormation

    @Test func aTemplateJudgesEachLaunchTemplatesRootVolumeOnceWhoeverLaunchesIt() throws {
        let findings = try CFN.findings(CFN.fixture("fail-launch-template-root-volumes.yaml"), path: "fail-launch-template-root-volumes.yaml")
        #expect(findings.filter { Self.encryptionRules.contains($0.ruleId) }.map(\.cfnSummary).sorted() == [
            "29:9 critical MMC-ENC-001 Bare Resources.Bare.Properties.LaunchTemplateData.BlockDeviceMappings",
            "29:9 high MMC-ENC-002 Bare Resources.Bare.Properties.LaunchTemplateData.BlockDeviceMappings",
            // The encrypted data volume passes; the root device is left to the AMI.
            "37:11 critical MMC-ENC-001 DataOnly Resources.DataOnly.Properties.LaunchTemplateData.BlockDeviceMappings",
            "37:11 high MMC-ENC-002 DataOnly Resources.DataOnly.Properties.LaunchTemplateData.BlockDeviceMappings",
            "47:30 critical MMC-ENC-001 RootOff Resources.RootOff.Properties.LaunchTemplateData.BlockDeviceMappings[0].Ebs.Encrypted",
            "53:9 critical MMC-ENC-001 Override Resources.Override.Properties.LaunchTemplateData.BlockDeviceMappings",
            "53:9 high MMC-ENC-002 Override Resources.Override.Properties.LaunchTemplateData.BlockDeviceMappings",
            "59:9 critical MMC-ENC-001 Unused Resources.Unused.Properties.LaunchTemplateData.BlockDeviceMappings",
            "59:9 high MMC-ENC-002 Unused Resources.Unused.Properties.LaunchTemplateData.BlockDeviceMappings",
            // `!If [WithRootVolume, [root mapping], !Ref AWS::NoValue]`: the worse branch maps nothing.
            "66:30 critical MMC-ENC-001 Switched Resources.Switched.Properties.LaunchTemplateData.BlockDeviceMappings",
            "66:30 high MMC-ENC-002 Switched Resources.Switched.Properties.LaunchTemplateData.BlockDeviceMappings",
            // `!Ref VolumeDevice` allows /dev/xvdb: the worse value maps a data volume.
            "77:11 critical MMC-ENC-001 EitherDevice Resources.EitherDevice.Properties.LaunchTemplateData.BlockDeviceMappings",
            "77:11 high MMC-ENC-002 EitherDevice Resources.EitherDevice.Properties.LaunchTemplateData.BlockDeviceMappings",
            // `!Ref RootDevice`, a parameter without a default: known only at deployment.
            "86:25 info MMC-ENC-001 ParameterDevice Resources.ParameterDevice.Properties.LaunchTemplateData.BlockDeviceMappings[0].DeviceName",
            "86:25 info MMC-ENC-002 ParameterDevice Resources.ParameterDevice.Properties.LaunchTemplateData.BlockDeviceMappings[0].DeviceName",
            "90:5 critical MMC-ENC-001 Legacy Resources.Legacy.Properties.BlockDeviceMappings",
            "90:5 high MMC-ENC-002 Legacy Resources.Legacy.Properties.BlockDeviceMappings",
        ])
        #expect(findings.first { $0.resource == "Bare" && $0.ruleId == "MMC-ENC-001" }?.message
            == "no encryption at rest is declared for the volume: no mapping states the root volume, so the AMI's snapshot and the account's EBS encryption by default decide its encryption; expected 'Resources.Bare.Properties.LaunchTemplateData.BlockDeviceMappings' to turn it on")
        #expect(findings.first { $0.resource == "ParameterDevice" && $0.ruleId == "MMC-ENC-001" }?.message
            == "encryption at rest of the volume cannot be verified: whether a mapping covers the root device cannot be told (DeviceName: parameter 'RootDevice' has no Default; its value is chosen at deployment)")
    }

    @Test func aRootDeviceMappedAndEncryptedInEveryBranchPasses() throws {
        let text = try CFN.fixture("pass-launch-template-root-volume.yaml")
        #expect(try CFN.findings(text, path: "pass-launch-template-root-volume.yaml").map(\.cfnSummary) == [])
        // The same mappings as an instance's: `!If` between lists that both map the root device.
        let instance = """
            Conditions:
              Large: !Equals [!Ref 'AWS::Region', us-east-1]
            Resources:
              Web:
                Type: AWS::EC2::Instance
                Properties:
                  BlockDeviceMappings: !If
                    - Large
                    - [{DeviceName: /dev/sda1, Ebs: {Encrypted: true, KmsKeyId: '\(CloudFormationTerraformParityTests.keyARN)', VolumeSize: 100}}]
                    - [{DeviceName: /dev/sda1, Ebs: {Encrypted: true, KmsKeyId: '\(CloudFormationTerraformParityTests.keyARN)'}}]
            """
        #expect(Self.spelled(try CFN.findings(instance)) == [])
    }
}
