import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// OpenTofu's `.tofu` and `.tofu.json` files are module configuration, read as OpenTofu reads them: beside the `.tf`
/// files, and in place of the `.tf` (`.tf.json`) file of the same base name
/// (https://opentofu.org/docs/language/files/, "Extension Precedence").
@Suite struct TerraformSourceOpenTofuTests {
    static func database(encrypted: Bool) -> String {
        """
        resource "aws_db_instance" "db" {
          engine                  = "postgres"
          instance_class          = "db.t3.micro"
          allocated_storage       = 20
          storage_encrypted       = \(encrypted)
          backup_retention_period = 35
        }

        """
    }

    static func encryptionFindings(_ files: [String: String]) throws -> [String] {
        try TerraformSourceFixture.findings(files: files).filter { $0.ruleId == "MMC-ENC-001" && !$0.cannotVerify }
            .map { "\(($0.file as NSString).lastPathComponent):\($0.line)" }
    }

    @Test func aTofuFileBesideTheModulesTfFilesIsRefused() throws {
        // Terraform deploys main.tf alone, OpenTofu main.tf with hardening.tofu (the review of round 23 narrowed a
        // world-open rule in a .tofu file Terraform never reads).
        let directory = try TerraformSourceFixture.temporaryModule([
            "main.tf": "provider \"aws\" {\n  region = \"us-east-1\"\n}\n" + Self.database(encrypted: false),
            "hardening.tofu": "# narrows what main.tf opens\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test").run(paths: [directory])
        #expect(report.errors.contains { $0.message.contains("Terraform reads no .tofu file") }, "\(report.errors)")
        #expect(TerraformFileName.mixed(among: ["b.tofu", "a.tf", "c.tofu.json"]).map { "\($0.terraform) \($0.openTofu)" } == "a.tf b.tofu")
        #expect(TerraformFileName.mixed(among: ["a.tofu", "b.tofu.json"]) == nil)
    }

    @Test func aTofuFileBesideTheTfFileOfItsNameIsRefusedNotGuessed() throws {
        // OpenTofu would deploy db.tofu, Terraform db.tf: a compliant twin must not hide either (the review of round
        // 23: a compliant db.tofu beside an unencrypted db.tf passed, and Terraform deploys db.tf).
        for (tf, tofu) in [(false, true), (true, false)] {
            for (tfName, tofuName) in [("db.tf", "db.tofu"), ("db.tf.json", "db.tofu.json")] {
                let json = #"{"resource": {"aws_db_instance": {"db": {"engine": "postgres", "allocated_storage": 20, "storage_encrypted": "# + "\(tf)}}}}"
                let directory = try TerraformSourceFixture.temporaryModule([
                    tfName: tfName.hasSuffix(".json") ? json : Self.database(encrypted: tf),
                    tofuName: tofuName.hasSuffix(".json") ? json.replacingOccurrences(of: "\(tf)}", with: "\(tofu)}") : Self.database(encrypted: tofu),
                ])
                defer { try? FileManager.default.removeItem(atPath: directory) }
                let report = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test").run(paths: [directory])
                #expect(report.errors.contains { $0.message.contains("which of the two is deployed cannot be told") }, "\(report.errors)")
            }
        }
        #expect(TerraformFileName.twins(among: ["a.tf", "a.tofu", "b.tf.json", "b.tofu.json", "c.tf", "d.tofu"]).map(\.terraform)
                == ["a.tf", "b.tf.json"])
    }

    @Test func aTofuJSONFileIsJSONSyntax() throws {
        let json = #"{"resource": {"aws_db_instance": {"db": {"engine": "postgres", "allocated_storage": 20, "storage_encrypted": false}}}}"#
        #expect(try Self.encryptionFindings(["db.tofu.json": json]) == ["db.tofu.json:1"])
        #expect(TerraformFileName.moduleFiles(among: ["a.tf", "a.tofu", "b.tf.json", "b.tofu.json", "c.tf", ".d.tofu", "e.tofu.bak"])
                == ["a.tofu", "b.tofu.json", "c.tf"])
    }

    @Test func aDirectoryOfTofuFilesIsCheckedAsAModuleWalkedOrNamed() throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tofu": Self.database(encrypted: false)])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for path in [directory, directory + "/main.tofu"] {
            let report = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test").run(paths: [path])
            #expect(report.errors.isEmpty, "\(path): \(report.errors)")
            #expect(report.findings.contains { $0.ruleId == "MMC-ENC-001" && $0.file.hasSuffix("main.tofu") }, "\(path): \(report.findings.map(\.ruleId))")
        }
    }
}
