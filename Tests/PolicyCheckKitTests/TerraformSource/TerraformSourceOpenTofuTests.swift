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

    @Test func aTofuFileIsReadWithTheModulesTfFiles() throws {
        #expect(try Self.encryptionFindings(["main.tf": "provider \"aws\" {\n  region = \"us-east-1\"\n}\n",
                                             "db.tofu": Self.database(encrypted: false)]) == ["db.tofu:5"])
    }

    @Test func aTofuFileTakesThePlaceOfTheTfFileOfItsName() throws {
        // OpenTofu deploys db.tofu's unencrypted database, not db.tf's encrypted one.
        #expect(try Self.encryptionFindings(["db.tf": Self.database(encrypted: true),
                                             "db.tofu": Self.database(encrypted: false)]) == ["db.tofu:5"])
        // And the other way round: db.tf is not read at all (else its resource would also be a duplicate).
        #expect(try Self.encryptionFindings(["db.tf": Self.database(encrypted: false),
                                             "db.tofu": Self.database(encrypted: true)]).isEmpty)
    }

    @Test func aTofuJSONFileIsJSONSyntaxAndReplacesItsTfJSONFile() throws {
        let json = #"{"resource": {"aws_db_instance": {"db": {"engine": "postgres", "allocated_storage": 20, "storage_encrypted": false}}}}"#
        let encrypted = json.replacingOccurrences(of: "false", with: "true")
        #expect(try Self.encryptionFindings(["db.tofu.json": json]) == ["db.tofu.json:1"])
        #expect(try Self.encryptionFindings(["db.tf.json": encrypted, "db.tofu.json": json]) == ["db.tofu.json:1"])
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
