import Foundation
import Testing

/// File and folder names that Unicode calls canonically equivalent (`é` precomposed, U+00E9, and `e` + U+0301) are
/// different names to the file system, kubectl and Terraform, but equal Swift strings: keyed by `String`, the second
/// was taken for the first and never read (docs/security.md, row 37).
@Suite struct EquivalentNameTests {
    typealias CLI = PolicyCheckProcess

    static let precomposed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    /// Pairs, not a dictionary: Swift takes the two spellings of `café` for one key.
    static func write(_ files: KeyValuePairs<String, String>, in root: URL) throws {
        for (file, text) in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    static let clusterIP = "apiVersion: v1\nkind: Service\nmetadata: {name: ok}\nspec: {type: ClusterIP, ports: [{port: 80}]}\n"
    static let worldOpen = """
        apiVersion: v1
        kind: Service
        metadata: {name: open}
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: ["0.0.0.0/0"]
          ports: [{port: 22}]

        """

    /// A world-open Service in `café.yaml` spelt decomposed, beside a harmless `café.yaml` spelt precomposed, was
    /// dropped from the walk: the run passed with "1 file checked".
    @Test func aFileWhoseNameIsEquivalentToAnothersIsCheckedToo() throws {
        let root = try CLI.temporaryDirectory()
        try Self.write(["\(Self.precomposed).yaml": Self.clusterIP, "\(Self.decomposed).yaml": Self.worldOpen], in: root)
        let result = try CLI.run(["check", ".", "--fail-on", "none"], in: root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("MMC-NET-001"), "\(result.stdout)")
        #expect(result.stdout.contains("2 files checked"), "\(result.stdout)")
    }

    static func database(encrypted: Bool) -> String {
        """
        resource "aws_db_instance" "main" {
          engine                          = "postgres"
          engine_version                  = "16.3"
          instance_class                  = "db.t3.micro"
          storage_encrypted               = \(encrypted)
          kms_key_id                      = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
          publicly_accessible             = false
          backup_retention_period         = 7
          enabled_cloudwatch_logs_exports = ["postgresql"]
        }

        """
    }

    /// `source = "./café"` spelt decomposed: Terraform holds strings in normalization form C and reads the folder
    /// spelt precomposed (here unencrypted); policycheck read the decomposed one (encrypted) and took the other for
    /// a module already called, so the database Terraform deploys was never checked.
    @Test func aModuleSourceNamesTheFolderTerraformReads() throws {
        let root = try CLI.temporaryDirectory()
        try Self.write([
            "main.tf": "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\nmodule \"db\" {\n  source = \"./\(Self.decomposed)\"\n}\n",
            "\(Self.precomposed)/main.tf": Self.database(encrypted: false),
            "\(Self.decomposed)/main.tf": Self.database(encrypted: true),
        ], in: root)
        let result = try CLI.run(["check", ".", "--fail-on", "none"], in: root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let failures = result.stdout.split(separator: "\n").filter { $0.contains("MMC-ENC-001") }
        #expect(failures.count == 1, "\(result.stdout)")
        #expect(failures.first?.contains("module.db.aws_db_instance.main") == true, "\(result.stdout)")
        // The decomposed folder no module calls is a root module of its own, read as Terraform would read it there.
        #expect(result.stdout.contains("2 deployments"), "\(result.stdout)")
    }

    /// `resource "aws_db_instance" "café"` twice, the second spelt decomposed and unencrypted: two resources to
    /// Terraform, which compares names byte for byte; policycheck took the second for a repeated declaration and
    /// checked only the first. A `.tfvars` name spelt decomposed set the precomposed variable, which Terraform leaves
    /// at its default. Such names are refused now, as names policycheck cannot tell apart.
    @Test func aTerraformNameNotInNormalizationFormCIsRefused() throws {
        let root = try CLI.temporaryDirectory()
        let twice = Self.database(encrypted: true).replacingOccurrences(of: "\"main\"", with: "\"\(Self.precomposed)\"")
            + "\n" + Self.database(encrypted: false).replacingOccurrences(of: "\"main\"", with: "\"\(Self.decomposed)\"")
        try Self.write([
            "twice/main.tf": "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\n" + twice,
            "vars/main.tf": "variable \"\(Self.precomposed)\" {\n  default = false\n}\n",
            "vars/terraform.tfvars": "\(Self.decomposed) = true\n",
        ], in: root)
        let result = try CLI.run(["check", "twice"], in: root)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("twice/main.tf:16:28: error: the block label '\(Self.decomposed)' is not in Unicode normalization form C"),
                "\(result.stdout)")
        let variables = try CLI.run(["check", "vars"], in: root)
        #expect(variables.status == 2, "\(variables.stdout)\(variables.stderr)")
        #expect(variables.stdout.contains("vars/terraform.tfvars:1:1: error: the attribute name"), "\(variables.stdout)")
    }
}
