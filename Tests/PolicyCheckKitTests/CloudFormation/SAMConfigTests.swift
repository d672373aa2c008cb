import Foundation
import PolicyCheckKit
import PolicyCheckTestSupport
import Testing

/// `sam deploy` reads `samconfig.toml` (or `.yaml`) from the project folder: each environment's region is a
/// residency reference, and its parameter overrides values the template's parameters may take (before, neither was
/// read: an override opening a compliant default to the world, or a stack sent to eu-west-1, passed; tester, round 34).
@Suite struct SAMConfigTests {
    typealias T = CloudFormationTesting

    static let template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          AllowedCidr: {Type: String, Default: 52.94.10.0/24}
        Resources:
          DbSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: db
              SecurityGroupIngress:
                - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: !Ref AllowedCidr, Description: office}
        """

    /// A run over a fresh tree of `files` (relative path → text) and `links` (relative path → target).
    static func run(_ files: [String: String], links: [String: String] = [:],
                    configure: (inout CheckRun) -> Void = { _ in }) throws -> CheckReport {
        let directory = ScratchFolder.path("samconfig")
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent(name).path, withDestinationPath: target)
        }
        var run = CheckRun(policy: T.policy, now: T.context.now, failOn: .low, toolVersion: "test")
        configure(&run)
        return run.run(paths: [directory.path])
    }

    static func lines(_ report: CheckReport) -> [String] {
        report.findings.map { "\($0.ruleId) \(($0.file as NSString).lastPathComponent):\($0.line) \($0.resource)" }
    }

    @Test func anEnvironmentsOverrideIsAValueTheParameterTakes() throws {
        let report = try Self.run([
            "template.yaml": Self.template,
            "samconfig.toml": """
                version = 0.1
                [default.deploy.parameters]
                region = "us-east-1"
                parameter_overrides = "Stage=prod AllowedCidr=\\"0.0.0.0/0\\""
                """,
        ])
        #expect(Self.lines(report) == ["MMC-NET-001 template.yaml:11 DbSg"], "\(report.findings.map(\.message))")
        #expect(report.filesSkipped.isEmpty, "\(report.filesSkipped)")
    }

    @Test func everyEnvironmentIsJudgedAndItsRegionIsAReference() throws {
        let report = try Self.run([
            "template.yaml": Self.template,
            "samconfig.yaml": """
                version: 0.1
                default:
                  global:
                    parameters: {region: us-east-1}
                  deploy:
                    parameters: {stack_name: db}
                prod:
                  deploy:
                    parameters:
                      region: eu-west-1
                      parameter_overrides: ["AllowedCidr=10.0.0.0/8"]
                """,
        ])
        #expect(Self.lines(report) == ["MMC-RES-001 samconfig.yaml:10 prod"], "\(report.findings.map(\.message))")
        #expect(report.findings.first?.message == "stack region (sam deploy, environment 'prod') is 'eu-west-1': it places data in a region outside the allowed us-east-1")
    }

    @Test func aConfigurationForAnotherTemplateLeavesThisOneAlone() throws {
        let report = try Self.run([
            "template.yaml": Self.template,
            "samconfig.toml": """
                version = 0.1
                [default.deploy.parameters]
                template_file = "other.yaml"
                parameter_overrides = ["AllowedCidr=0.0.0.0/0"]
                """,
        ])
        #expect(Self.lines(report).isEmpty, "\(Self.lines(report))")
    }

    @Test func aBrokenConfigurationIsAnErrorAndItsTemplateCannotBeVerified() throws {
        let report = try Self.run([
            "template.yaml": Self.template,
            "samconfig.toml": "version = 0.1\n[default.deploy.parameters]\nregion = \"us-east-1\"\nregion = \"eu-west-1\"\n",
        ])
        #expect(report.errors.map(\.description).contains { $0.hasSuffix("samconfig.toml:4:1: error: the key 'region' is defined twice (read as an input: a file of this name is SAM CLI's configuration)") },
                "\(report.errors.map(\.description))")
        #expect(report.findings.contains { $0.ruleId == "MMC-NET-001" && $0.cannotVerify })
        #expect(report.exitCode == 2)
    }

    /// `sam deploy` runs where the configuration is: a template in a folder below, named by `template_file` (in the
    /// deploy, global or build section), takes its overrides; the first of SAM's file names present decides, even
    /// when it says nothing; a CI file with `version` and `parameters` is no SAM configuration (review, round 34).
    @Test(arguments: [
        ["infra/template.yaml": SAMConfigTests.template,
         "samconfig.toml": "version = 0.1\n[default.deploy.parameters]\ntemplate_file = \"infra/template.yaml\"\nparameter_overrides = \"AllowedCidr=0.0.0.0/0\"\n"],
        ["app.yaml": SAMConfigTests.template,
         "samconfig.toml": "version = 0.1\n[default.build.parameters]\ntemplate_file = \"app.yaml\"\n[default.deploy.parameters]\nparameter_overrides = \"AllowedCidr=0.0.0.0/0\"\n"],
    ])
    func aTemplateTheConfigurationNamesFromAboveTakesItsOverrides(files: [String: String]) throws {
        let report = try Self.run(files)
        #expect(report.findings.map(\.ruleId) == ["MMC-NET-001"], "\(Self.lines(report))")
    }

    /// Every configuration that deploys the template applies: a nearer one that says nothing does not hide one
    /// above; a sibling folder's `../`, a linked folder, `sam build`'s copy of a named template and a section of any
    /// command are read (second review, round 34).
    @Test(arguments: [
        ["sub/template.yaml": SAMConfigTests.template, "sub/samconfig.toml": "version = 0.1\n",
         "samconfig.toml": "version = 0.1\n[default.deploy.parameters]\ntemplate_file = \"sub/template.yaml\"\nparameter_overrides = \"AllowedCidr=0.0.0.0/0\"\n"],
        ["infra/template.yaml": SAMConfigTests.template,
         "app/samconfig.toml": "version = 0.1\n[default.deploy.parameters]\ntemplate_file = \"../infra/template.yaml\"\nparameter_overrides = \"AllowedCidr=0.0.0.0/0\"\n"],
        ["infra.yaml": SAMConfigTests.template,
         "samconfig.toml": "version = 0.1\n[default.build.parameters]\ntemplate_file = \"infra.yaml\"\n[default.deploy.parameters]\ntemplate_file = \".aws-sam/build/template.yaml\"\nparameter_overrides = \"AllowedCidr=0.0.0.0/0\"\n"],
        ["template.yaml": SAMConfigTests.template,
         "samconfig.toml": "version = 0.1\n[default.remote_test_event_put.parameters]\nname = \"x\"\n[default.deploy.parameters]\nparameter_overrides = \"AllowedCidr=0.0.0.0/0\"\n"],
    ])
    func everyConfigurationThatDeploysTheTemplateApplies(files: [String: String]) throws {
        let report = try Self.run(files)
        #expect(report.findings.map(\.ruleId) == ["MMC-NET-001"], "\(Self.lines(report))")
    }

    @Test func aLinkedFolderIsTheTemplatesFolder() throws {
        let report = try Self.run([
            "real/template.yaml": Self.template,
            "samconfig.toml": "version = 0.1\n[default.deploy.parameters]\ntemplate_file = \"link/template.yaml\"\nparameter_overrides = \"AllowedCidr=0.0.0.0/0\"\n",
        ], links: ["link": "real"])
        #expect(report.findings.map(\.ruleId) == ["MMC-NET-001"], "\(Self.lines(report))")
    }

    /// A `samconfig.toml` that is a link is read through it, as SAM reads it (it was taken for a file of the link's
    /// target folder, where no configuration is, and its overrides were lost).
    @Test func aLinkedConfigurationIsRead() throws {
        let report = try Self.run([
            "template.yaml": Self.template,
            "config/sam.toml": "version = 0.1\n[default.deploy.parameters]\nparameter_overrides = \"AllowedCidr=0.0.0.0/0\"\n",
        ], links: ["samconfig.toml": "config/sam.toml"])
        #expect(report.findings.map(\.ruleId) == ["MMC-NET-001"], "\(Self.lines(report))")
    }

    @Test func theFirstFileNamePresentDecides() throws {
        let report = try Self.run([
            "template.yaml": Self.template.replacingOccurrences(of: "Default: 52.94.10.0/24", with: "Default: 0.0.0.0/0"),
            "samconfig.toml": "version = 0.1\n",
            "samconfig.yaml": "version: 0.1\ndefault:\n  deploy:\n    parameters:\n      parameter_overrides: AllowedCidr=10.0.0.0/8\n",
        ])
        #expect(report.findings.map(\.ruleId) == ["MMC-NET-001"], "\(Self.lines(report))")
    }

    /// An empty `samconfig.yaml` sets nothing: the template's own values stand (it made them unverifiable, an info
    /// in place of a critical finding; regression run, round 34).
    @Test func anEmptyConfigurationSetsNothing() throws {
        let report = try Self.run([
            "template.yaml": Self.template.replacingOccurrences(of: "Default: 52.94.10.0/24", with: "Default: 0.0.0.0/0"),
            "samconfig.yaml": "# nothing yet\n",
        ])
        #expect(report.findings.map { "\($0.ruleId) \($0.cannotVerify)" } == ["MMC-NET-001 false"], "\(Self.lines(report))")
    }

    /// Overrides often hold passwords: no digest of a configuration that sets them is published, and a broken item
    /// is not quoted.
    @Test(arguments: ["DbPassword=hunter2hunter2", "DbPassword=hunter2hunter2 hunter2hunter2"])
    func noDigestOfAConfigurationWithOverridesIsPublished(overrides: String) throws {
        let report = try Self.run([
            "template.yaml": Self.template,
            "samconfig.toml": "version = 0.1\n[default.deploy.parameters]\nregion = \"us-east-1\"\nparameter_overrides = \"\(overrides)\"\n",
        ], configure: { $0.hashInputs = true })
        let record = try #require(report.inputs.first { $0.file.hasSuffix("samconfig.toml") })
        #expect(record.sha256 == nil)
        #expect(report.inputs.first { $0.file.hasSuffix("template.yaml") }?.sha256 != nil)
        if overrides.contains(" ") {
            // The item that is not Key=Value is an error that does not quote it.
            #expect(record.reason?.hasSuffix("samconfig.toml:4:23: error: a parameter_overrides item is not Key=Value (nor ParameterKey=…,ParameterValue=…)") == true, "\(record.reason ?? "")")
        } else {
            #expect(record.reason == "may hold secret parameter values (parameter_overrides): no digest of it is published")
        }
        let text = report.errors.map(\.description).joined() + report.warnings.map(\.description).joined()
        #expect(!text.contains("hunter2"), "\(text)")
    }

    @Test func aCIFileWithParametersIsNoSAMConfiguration() throws {
        let report = try Self.run([
            ".circleci/config.yml": """
                version: 2.1
                commands:
                  deploy:
                    parameters:
                      region: {type: string, default: eu-west-1}
                    steps: [checkout]
                """,
        ])
        #expect(report.findings.isEmpty && report.errors.allSatisfy { !$0.description.contains("config.yml") },
                "\(report.errors.map(\.description))")
    }
}
