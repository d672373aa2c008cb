import Foundation
import Testing

/// A module called by a module that is itself called (root → `modules/flow_logs` → `modules/s3_log_bucket`, as in
/// aws-ia/terraform-aws-vpc) is read as part of the root that reaches it, not again as a root of its own: read
/// again, every finding of its resources came twice, and its missing provider block once more.
@Suite struct TerraformNestedModuleDiscoveryTests {
    typealias CLI = PolicyCheckProcess

    @Test func aModuleCalledTwoLevelsDownIsNotARootOfItsOwn() throws {
        let tree = try CLI.directory(with: [
            "main.tf": "provider \"aws\" { region = \"us-east-1\" }\nmodule \"a\" {\n  source = \"./modules/a\"\n}\n",
            "modules/a/main.tf": "module \"b\" {\n  source = \"./modules/b\"\n}\n",
            "modules/a/modules/b/main.tf": "resource \"aws_ebs_volume\" \"v\" {\n  availability_zone = \"us-east-1a\"\n  size              = 1\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "."], in: tree)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 file checked, 1 deployment"), "\(result.stdout)")
        #expect(result.stdout.contains("[module.a.module.b.aws_ebs_volume.v]"), "\(result.stdout)")
        #expect(!result.stdout.contains("via modules/a/modules/b"), "\(result.stdout)")
        #expect(!result.stdout.contains("MMC-RES-001"), "\(result.stdout)")
    }

    /// The caller may be walked after the module it calls: `stacks/prod` calling `../../modules/db` comes after
    /// `modules/db`, which was read as a root of its own first (its findings twice, its variables unset).
    @Test func aModuleWalkedBeforeItsCallerIsNotARootOfItsOwn() throws {
        let tree = try CLI.directory(with: [
            "modules/db/main.tf": "resource \"aws_ebs_volume\" \"v\" {\n  availability_zone = \"us-east-1a\"\n  size              = 1\n}\n",
            "stacks/prod/main.tf": "provider \"aws\" { region = \"us-east-1\" }\nmodule \"db\" {\n  source = \"../../modules/db\"\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "."], in: tree)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 file checked, 1 deployment"), "\(result.stdout)")
        #expect(result.stdout.contains("[module.db.aws_ebs_volume.v via stacks/prod]"), "\(result.stdout)")
        #expect(!result.stdout.contains("via modules/db"), "\(result.stdout)")
    }

    /// A module repository's example calling the module (`examples/complete` → `../../`) does not make the module a
    /// part of the example: the module is read on its own too, with its defaults — read only with the example's
    /// `encrypted = true`, its unencrypted default would pass unseen (a review of the discovery change).
    @Test func aModuleCalledOnlyByItsOwnExamplesIsStillARoot() throws {
        let tree = try CLI.directory(with: [
            "main.tf": "variable \"encrypted\" {\n  default = false\n}\nresource \"aws_ebs_volume\" \"v\" {\n  availability_zone = \"us-east-1a\"\n  size              = 1\n  encrypted         = var.encrypted\n}\n",
            "examples/complete/main.tf": "provider \"aws\" { region = \"us-east-1\" }\nmodule \"volume\" {\n  source    = \"../../\"\n  encrypted = true\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "."], in: tree)
        #expect(result.stdout.contains("2 files checked, 2 deployments"), "\(result.stdout)")
        #expect(result.stdout.contains("MMC-ENC-001"), "the module's own default is judged: \(result.stdout)")
        #expect(result.stdout.contains("[module.volume.aws_ebs_volume.v]"), "\(result.stdout)")
    }

    /// A decoy call to a module that declares itself deployed on its own — a backend, or a `terraform.tfvars` — does
    /// not take it out of the gate: with `count = 0`, or a compliant value over a world-open default, or over the
    /// value its own tfvars sets, the stack passed unseen (tester, round 34). It is read as a root as well.
    @Test(arguments: [
        ["stacks/prod/main.tf": "terraform {\n  backend \"s3\" {}\n}\n", "examples/usage/main.tf": "module \"prod\" {\n  source = \"../../stacks/prod\"\n  count  = 0\n}\n"],
        ["stacks/prod/terraform.tfvars": "office = \"0.0.0.0/0\"\n", "examples/usage/main.tf": "module \"prod\" {\n  source = \"../../stacks/prod\"\n  office = \"52.94.10.0/24\"\n}\n"],
        // Its own provider configuration: Terraform refuses `count` on a call to it (review, round 34).
        ["stacks/prod/providers.tf": "provider \"aws\" {\n  region = \"us-east-1\"\n}\n", "examples/usage/main.tf": "module \"prod\" {\n  source = \"../../stacks/prod\"\n  office = \"52.94.10.0/24\"\n}\n"],
    ])
    func aDecoyCallDoesNotTakeADeployedStackOutOfTheGate(files: [String: String]) throws {
        let stack = "variable \"office\" {\n  default = \"0.0.0.0/0\"\n}\n"
            + "resource \"aws_security_group\" \"db\" {\n  ingress {\n    from_port   = 5432\n    to_port     = 5432\n    protocol    = \"tcp\"\n    cidr_blocks = [var.office]\n  }\n}\n"
        var all = files
        all["stacks/prod/sg.tf"] = stack
        let tree = try CLI.directory(with: all)
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "."], in: tree)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("2 files checked, 2 deployments"), "\(result.stdout)")
        #expect(result.stdout.contains("critical MMC-NET-001 '0.0.0.0/0' admits every IPv4 address on port 5432"), "\(result.stdout)")
    }

    /// Modules that only call each other keep the first walked as their root: a cycle is still read (and reported).
    @Test func modulesInACycleAreStillRead() throws {
        let tree = try CLI.directory(with: [
            "a/main.tf": "module \"b\" {\n  source = \"../b\"\n}\n",
            "b/main.tf": "module \"a\" {\n  source = \"../a\"\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: tree) }
        let result = try CLI.run(["check", "."], in: tree)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("cyclic module sources"), "\(result.stdout)")
    }
}
