import Foundation
import PolicyCheckTestSupport
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// `count`, `for_each`, local modules, provider aliases and `.tfvars`, from `Fixtures/terraform-source/module-expansion`:
/// the same instance addresses a plan uses, and findings located in the `.tf` file that decided them.
@Suite struct TerraformSourceModuleTests {
    @Test func countForEachAndModulesExpandToPlanAddresses() throws {
        let outcome = TerraformSourceFixture.read("module-expansion")
        let deployment = try #require(outcome.deployment, "\(outcome.errors)")
        let plan = try #require(deployment.rawNode)
        let addresses = plan["resource_changes"]?.items?.compactMap { $0["address"]?.string } ?? []
        #expect(addresses == [
            #"aws_kms_key.k["data"]"#, #"aws_kms_key.k["logs"]"#, "aws_ebs_volume.v[0]", "aws_ebs_volume.v[1]",
            "aws_s3_bucket.replica", "module.db.aws_db_instance.main",
        ])
    }

    @Test func providerAliasesAndTfvarsGiveRegions() throws {
        let outcome = TerraformSourceFixture.read("module-expansion")
        let deployment = try #require(outcome.deployment)
        #expect(deployment.region?.value == "eu-west-1", "terraform.tfvars overrides the default")
        let providers = deployment.regions.filter { $0.component.hasPrefix("provider.") }.map { "\($0.component)=\($0.region)" }
        #expect(providers.sorted() == ["provider.aws.replica=eu-central-1", "provider.aws=eu-west-1"])
        let location = deployment.locate(try #require(deployment.region).origin)
        #expect("\(location.file.path.split(separator: "/").last!):\(location.sourceLocation)" == "terraform.tfvars:2:10")
    }

    @Test func findingsPointAtTheTfFileAndLine() throws {
        let findings = try TerraformSourceFixture.findings("module-expansion")
        func place(_ rule: String, _ resource: String) -> String? {
            findings.first { $0.ruleId == rule && $0.resource == resource && !$0.cannotVerify }
                .map { "\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column)" }
        }
        // The value is decided by the local the attribute reads, so the finding points there.
        #expect(place("MMC-KEY-005", #"aws_kms_key.k["logs"]"#) == "main.tf:23:50")
        #expect(place("MMC-KEY-005", #"aws_kms_key.k["data"]"#) == nil)
        #expect(place("MMC-ENC-001", "aws_ebs_volume.v[1]") == "main.tf:36:23")
        #expect(place("MMC-ENC-001", "aws_ebs_volume.v[0]") == nil)
        // The module's input decides the value: the finding points at the call that passes it.
        #expect(place("MMC-ENC-001", "module.db.aws_db_instance.main") == "main.tf:47:15")
    }

    @Test func remoteModuleSourcesGiveOneNoticeEach() {
        let outcome = TerraformSourceFixture.read("module-expansion")
        #expect(outcome.errors.isEmpty)
        #expect(outcome.notices.map(\.description) == [
            "\(TerraformSourceFixture.displayPath("module-expansion/main.tf")):51:1: warning: module.remote: the source 'terraform-aws-modules/vpc/aws' is not a local path; its resources are not checked (run policycheck on the plan to include them)",
        ])
    }

    @Test func commandLineVariablesWinOverTfvars() throws {
        var options = AdapterOptions()
        options.terraformVariableInputs = [.value(name: "region", value: "ap-southeast-2")]
        let outcome = TerraformSourceFixture.read("module-expansion", options: options)
        let deployment = try #require(outcome.deployment)
        #expect(deployment.region?.value == "ap-southeast-2")
        #expect(deployment.locate(deployment.region!.origin).file.path == "--tf-var region")
    }

    /// Terraform takes a `-var` text as the string it is for a variable without a type or of a primitive type, and
    /// parses it as HCL only for other types: a JSON policy given to a `string` variable was read as an object and
    /// refused (tester, round 35, trussworks/terraform-aws-s3-private-bucket's `custom_bucket_policy`).
    @Test func aCommandLineValueIsLiteralForPrimitiveAndUntypedVariables() throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": """
            provider "aws" { region = "us-east-1" }
            variable "policy" { type = string }
            variable "legacy" { type = "string" }
            variable "label" { default = "x" }
            variable "cidrs" { type = list(string) }
            resource "aws_security_group" "web" {
              name        = jsondecode(var.label)["name"]
              description = "${var.policy}${var.legacy}"
              ingress {
                from_port   = 443
                to_port     = 443
                protocol    = "tcp"
                cidr_blocks = var.cidrs
              }
            }
            """])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = AdapterOptions()
        options.terraformVariableInputs = [
            .value(name: "policy", value: #"{"Version":"2012-10-17","Statement":[]}"#),
            .value(name: "legacy", value: "[1]"),
            .value(name: "label", value: #"{"name":"web"}"#),
            .value(name: "cidrs", value: #"["0.0.0.0/0"]"#),
        ]
        let outcome = TerraformSourceReader(options: options).read(directory: directory, name: "main")
        let deployment = try #require(outcome.deployment, "\(outcome.errors)")
        let findings = try TerraformFixture.findings(deployment)
        // The list variable is still parsed as HCL: its world-open entry on a web port fails.
        #expect(findings.contains { $0.ruleId == "MMC-NET-011" }, "\(findings.map(\.summary))")
    }

    /// A local module source is joined to its caller's directory and cleaned as Terraform cleans it (Go's
    /// `filepath.Join`), so findings in a module an example calls by `../../` name `main.tf`, not
    /// `examples/complete/../../main.tf`.
    @Test(arguments: [
        ("examples/complete", "../../", "."),
        ("examples/complete", "../../modules/db", "modules/db"),
        ("infra", "./child", "infra/child"),
        ("infra", "./", "infra"),
        (".", "./modules/x", "modules/x"),
        (".", "../shared", "../shared"),
        ("../up", "../../x", "../../x"),
        ("/abs/a/b", "../c", "/abs/a/c"),
        ("/abs", "../../x", "/x"),
        ("infra/", "main.tf", "infra/main.tf"),
    ])
    func moduleSourcesAreJoinedAndCleaned(directory: String, source: String, joined: String) {
        #expect(TerraformModuleLoader.join(directory, source) == joined)
    }

    @Test func aFindingInAModuleCalledByDotDotNamesTheCleanPath() throws {
        let root = ScratchFolder.path("pc-dotdot")
        defer { try? FileManager.default.removeItem(at: root) }
        let example = root.appendingPathComponent("examples/complete")
        try FileManager.default.createDirectory(at: example, withIntermediateDirectories: true)
        try Data("resource \"aws_db_instance\" \"main\" {\n  storage_encrypted = false\n}\n".utf8)
            .write(to: root.appendingPathComponent("main.tf"))
        try Data("module \"db\" {\n  source = \"../../\"\n}\n".utf8).write(to: example.appendingPathComponent("main.tf"))
        // Absolute paths: the test process's working directory is shared with tests running beside it.
        let outcome = TerraformSourceReader().read(directory: example.path, name: "examples/complete")
        let deployment = try #require(outcome.deployment, "\(outcome.errors)")
        #expect(outcome.files.map(\.path) == [example.path + "/main.tf", root.path + "/main.tf"])
        let store = try #require(deployment.dataStores.first)
        #expect(deployment.locate(store.origin).file.path == root.path + "/main.tf")
    }
}
