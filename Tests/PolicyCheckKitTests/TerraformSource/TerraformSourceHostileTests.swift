import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// Hostile or broken source stops with one located line (exit 2), never a crash, a hang or a partial result.
@Suite struct TerraformSourceHostileTests {
    static func errors(_ files: [String: String]) throws -> [String] {
        let directory = try TerraformSourceFixture.temporaryModule(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = TerraformSourceReader().read(directory: directory, name: "module")
        #expect(outcome.deployment == nil)
        for error in outcome.errors { #expect(!error.description.contains("\n")) }
        return outcome.errors.map { "\(($0.file as NSString).lastPathComponent):\($0.location.map(\.description) ?? "-"): \($0.message)" }
    }

    @Test func cyclicLocalsAreRejected() throws {
        let errors = try Self.errors(["main.tf": "locals {\n  a = local.b\n  b = \"x-${local.a}\"\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = local.a\n}\n"])
        #expect(errors == ["main.tf:3:12: local value 'a' refers to itself through a cycle of references"])
    }

    @Test func cyclicModuleSourcesAreRejected() throws {
        let errors = try Self.errors([
            "main.tf": "module \"a\" {\n  source = \"./a\"\n}\n",
            "a/main.tf": "module \"back\" {\n  source = \"../\"\n}\n",
        ])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("main.tf:1:1: module.back: ") == true)
        #expect(errors.first?.contains("cyclic module sources") == true)
    }

    @Test func deepNestingIsRejected() throws {
        let errors = try Self.errors(["main.tf": "locals {\n  a = " + String(repeating: "[", count: 10_000) + "\n}\n"])
        #expect(errors == ["main.tf:2:134: nesting deeper than 128 levels"])
    }

    @Test func hugeHeredocIsRejected() throws {
        let errors = try Self.errors(["main.tf": "locals {\n  a = <<EOT\n" + String(repeating: "policy\n", count: 300_000) + "EOT\n}\n"])
        #expect(errors == ["main.tf:2:7: heredoc longer than 1048576 bytes"])
    }

    @Test func syntaxErrorsNameTheFileLineAndColumn() throws {
        let errors = try Self.errors(["a.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n}\n", "b.tf": "locals {}\n"])
        #expect(errors == ["a.tf:2:12: expected an expression, found a newline"])
    }

    @Test func typeErrorsAreRejectedWhereTheyAre() throws {
        let errors = try Self.errors(["main.tf": "resource \"aws_ebs_volume\" \"v\" {\n  count = \"two\"\n}\n"])
        #expect(errors == ["main.tf:2:11: count must be a whole number from 0 to 100000, not two"])
    }

    @Test func fileReadsStayInsideTheModule() throws {
        let directory = try TerraformSourceFixture.temporaryModule([
            "main.tf": "locals {\n  inside = file(\"${path.module}/policy.json\")\n  outside = file(\"/etc/hostname\")\n}\n",
            "policy.json": "{}",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (root, _) = try TerraformSourceFixture.evaluate(directory: directory)
        defer { root.dismantle() }
        #expect(TerraformSourceFixture.spell(try root.local("inside", at: 0)) == #""{}""#)
        #expect(try root.local("outside", at: 0).isUnknown)
    }

    @Test func aLinkOutOfTheModuleIsNotFollowed() throws {
        // A link inside the tree to a file outside it (`/proc/self/environ` in the attack) read the CI runner's
        // environment into a finding's message.
        let outside = try TerraformSourceFixture.temporaryModule(["secret.txt": "HUNTER2"])
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let directory = try TerraformSourceFixture.temporaryModule([
            "main.tf": "locals {\n  linked = file(\"${path.module}/env.txt\")\n  plain = file(\"${path.module}/inside.txt\")\n}\n",
            "inside.txt": "ok",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory + "/env.txt", withDestinationPath: outside + "/secret.txt")
        let (root, _) = try TerraformSourceFixture.evaluate(directory: directory)
        defer { root.dismantle() }
        #expect(try root.local("linked", at: 0).isUnknown)
        #expect(TerraformSourceFixture.spell(try root.local("plain", at: 0)) == #""ok""#)
    }

    @Test func aRelativePathIsTheRootModulesAsTerraformRunsThere() throws {
        // Terraform runs in the root module's directory: `file("body.txt")` is the module's, whatever directory
        // policycheck runs in (it read a decoy beside the working directory).
        let directory = try TerraformSourceFixture.temporaryModule([
            "main.tf": "locals {\n  body = file(\"body.txt\")\n}\n", "body.txt": "module's",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (root, _) = try TerraformSourceFixture.evaluate(directory: directory)
        defer { root.dismantle() }
        #expect(TerraformSourceFixture.spell(try root.local("body", at: 0)) == #""module's""#)
    }
}
