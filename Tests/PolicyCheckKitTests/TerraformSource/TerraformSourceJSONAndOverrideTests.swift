import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// `.tf.json` files (Terraform's JSON syntax) and override files, read into the module as Terraform reads them.
@Suite struct TerraformSourceJSONAndOverrideTests {
    static func pairs(_ findings: [Finding]) -> [String] {
        Set(findings.map { "\($0.ruleId) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }).sorted()
    }

    static func places(_ findings: [Finding]) -> [String] {
        findings.withoutLoggingTransitRecovery.filter { !$0.cannotVerify }.map { "\($0.ruleId) \(($0.file as NSString).lastPathComponent):\($0.line):\($0.column)" }.sorted()
    }

    @Test func jsonSyntaxGivesTheFindingsOfTheSameModuleInNativeSyntax() throws {
        let json = try TerraformSourceFixture.findings("json-syntax-same-findings")
        let native = try TerraformSourceFixture.findings("parity")
        #expect(!json.isEmpty)
        #expect(Self.pairs(json) == Self.pairs(native))
        #expect(Self.places(json) == ["MMC-ENC-001 main.tf.json:27:30", "MMC-KEY-005 main.tf.json:15:17", "MMC-NET-001 main.tf.json:63:30"])
    }

    @Test func jsonStringsAreTemplatesAndNestedObjectsAreBlocks() throws {
        let (root, _) = try TerraformSourceFixture.evaluate("json-syntax-same-findings")
        defer { root.dismantle() }
        let volume = try #require(root.instances["aws_ebs_volume.v"]?.first)
        #expect(TerraformSourceFixture.spell(volume.values["availability_zone"]!) == #""us-east-1a""#)
        let bucket = try #require(root.instances["aws_s3_bucket.b"]?.first)
        #expect(TerraformSourceFixture.spell(bucket.values["tags"]!) == #"{team:"data"}"#, "a map argument stays a map")
        let encryption = try #require(root.instances["aws_s3_bucket_server_side_encryption_configuration.b"]?.first)
        #expect(TerraformSourceFixture.spell(encryption.values["rule"]!) == #"[{apply_server_side_encryption_by_default:[{kms_master_key_id:?,sse_algorithm:"aws:kms"}]}]"#)
    }

    @Test func overrideFilesMergeAsTerraformMergesThem() throws {
        let findings = try TerraformSourceFixture.findings("override-files")
        // override.tf turns the key's rotation back on through the local and the database's encryption off;
        // ci_override.tf.json replaces both ingress blocks with one open to the world.
        #expect(Self.places(findings) == ["MMC-ENC-001 override.tf:7:23", "MMC-NET-001 ci_override.tf.json:10:30"])
        let (root, _) = try TerraformSourceFixture.evaluate("override-files")
        defer { root.dismantle() }
        let group = try #require(root.instances["aws_security_group.ssh"]?.first)
        #expect(group.values["ingress"]?.items?.count == 1)
        let database = try #require(root.instances["aws_db_instance.db"]?.first)
        #expect(database.values["kms_key_id"] != nil, "arguments the override leaves out are kept")
    }

    @Test func anOverrideOfNothingIsAnError() throws {
        let errors = try TerraformSourceHostileTests.errors([
            "main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n",
            "extra_override.tf": "resource \"aws_s3_bucket\" \"c\" {\n  bucket = \"y\"\n}\n",
        ])
        #expect(errors == [#"extra_override.tf:1:1: resource "aws_s3_bucket" "c" in an override file overrides nothing: the module's other files do not declare it"#])
    }

    @Test func jsonSyntaxErrorsAreLocatedInTheJSONFile() throws {
        let errors = try TerraformSourceHostileTests.errors([
            "main.tf.json": "{\n  \"locals\": {\n    \"a\": \"${var.x\"\n  }\n}\n",
        ])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("main.tf.json:3:") == true, "\(errors)")
    }

    @Test func aDirectoryOfOnlyJSONFilesIsAModule() throws {
        #expect(TerraformModuleLoader.isModule(TerraformSourceFixture.path("json-syntax-same-findings")))
        #expect(TerraformOverrides.isOverride("override.tf.json") && TerraformOverrides.isOverride("a_override.tf"))
        #expect(!TerraformOverrides.isOverride("overrides.tf") && !TerraformOverrides.isOverride("main.tf"))
    }
}
