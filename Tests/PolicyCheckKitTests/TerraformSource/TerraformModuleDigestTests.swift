import Foundation
import PolicyCheckTestSupport
import KeyMaterial
@testable import PolicyCheckKit
import Testing

/// What evidence records for a Terraform module (`inputs[].sha256`): a digest that changes with every byte, file
/// name and file boundary that decides the deployment — and none at all when a file may hold a private key, since
/// the digest of text a reader can otherwise see would confirm a guessed key. Each case here was a way around it.
@Suite struct TerraformModuleDigestTests {
    /// A module folder of its own, removed after the test.
    private final class Module {
        let root = ScratchFolder.path("pc-module-digest")

        init(_ files: [String: String]) throws {
            for (name, text) in files { try write(name, text) }
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func write(_ name: String, _ text: String) throws {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: url)
            try Data(text.utf8).write(to: url)
        }

        /// The module's input record from a run that hashes inputs.
        func record(variables: [TerraformVariableInput] = []) throws -> InputRecord {
            var run = CheckRun(policy: CompiledPolicy(packs: [try PolicyLoader().loadDefault()]),
                               now: TerraformFixture.now, failOn: .low, toolVersion: "test")
            run.hashInputs = true
            run.adapterOptions.terraformVariableInputs = variables
            return try #require(run.run(paths: [root.path]).inputs.first)
        }

        func digest(variables: [TerraformVariableInput] = []) throws -> String? { try record(variables: variables).sha256 }
    }

    private static let bucket = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n"
    private static let variable = "variable \"x\" {\n  default = 1\n}\n"

    @Test func theDigestIsAManifestOfEveryFileRead() throws {
        let module = try Module(["main.tf": Self.bucket, "variables.tf": Self.variable])
        let line = { (name: String, text: String) in
            "\(module.root.path)/\(name)\u{0}\(text.utf8.count)\u{0}\(Digest.sha256(Array(text.utf8)))\n"
        }
        let manifest = line("main.tf", Self.bucket) + line("variables.tf", Self.variable)
        let digest = try #require(try module.digest())
        #expect(digest == Digest.sha256(Array(manifest.utf8)))
        #expect(digest != Digest.sha256([]))
        try module.write("variables.tf", Self.variable + "# changed\n")
        #expect(try module.digest() != digest)
    }

    /// `zz.tf` and `zz_override.tf` with the same bytes are different modules (Terraform merges an override file
    /// into the others); bytes moved from one file to another change the digest too.
    @Test func fileNamesAndBoundariesChangeTheDigest() throws {
        let plain = try Module(["main.tf": Self.bucket, "zz.tf": Self.variable])
        let override = try Module(["main.tf": Self.bucket, "zz_override.tf": Self.variable])
        #expect(try plain.digest()?.isEmpty == false)
        #expect(try plain.digest() != override.digest())
        let moved = try Module(["main.tf": Self.bucket + Self.variable])
        let split = try Module(["main.tf": Self.bucket, "variables.tf": Self.variable])
        #expect(try moved.digest() != split.digest())
    }

    /// What `file()` reads decides values (`cidr_blocks = [file("cidr.txt")]`): it is in the digest.
    @Test func whatFileReadsIsInTheDigest() throws {
        let module = try Module([
            "main.tf": "resource \"aws_security_group\" \"g\" {\n  ingress {\n    from_port = 22\n    to_port = 22\n"
                + "    protocol = \"tcp\"\n    cidr_blocks = [trimspace(file(\"${path.module}/cidr.txt\"))]\n  }\n}\n",
            "cidr.txt": "10.0.0.0/8\n",
        ])
        let narrow = try #require(try module.digest())
        try module.write("cidr.txt", "0.0.0.0/0\n")
        #expect(try module.digest() != narrow)
    }

    /// A `--tf-var` value is the caller's, possibly a password: hashing it with the module would publish a check value
    /// for it. The digest is the same whatever value is given.
    @Test func commandLineValuesAreNotHashed() throws {
        let module = try Module(["main.tf": Self.bucket + "variable \"db_password\" {\n  type = string\n}\n"])
        let first = try module.digest(variables: [.value(name: "db_password", value: "hunter2")])
        let second = try module.digest(variables: [.value(name: "db_password", value: "correct horse")])
        #expect(first != nil)
        #expect(first == second)
    }

    /// A private key however it is written — a heredoc, `\n` escapes in `.tf.json` or `.tfvars`, or base64 —
    /// withholds the digest (an OpenSSL-readable key, not the text markers alone: see the next test).
    @Test(arguments: ["heredoc", "tf.json", "tfvars", "base64"])
    func aModuleThatMayHoldAPrivateKeyIsNotHashed(form: String) throws {
        let key = try String(contentsOfFile: Fixture.path("keys/private-rsa2048.pem"), encoding: .utf8)
        let escaped = key.replacingOccurrences(of: "\n", with: "\\n")
        var files = ["main.tf": Self.bucket + "variable \"key\" {\n  default = \"\"\n}\n"]
        switch form {
        case "heredoc": files["keys.tf"] = "locals {\n  key = <<EOT\n\(key)EOT\n}\n"
        case "tf.json": files["keys.tf.json"] = "{\"locals\": {\"key\": \"\(escaped)\"}}"
        case "tfvars": files["terraform.tfvars"] = "key = \"\(escaped)\"\n"
        default: files["keys.tf"] = "locals {\n  key = base64decode(\"\(Data(key.utf8).base64EncodedString())\")\n}\n"
        }
        let record = try Module(files).record()
        #expect(record.status == .evaluated, "\(record)")
        #expect(record.sha256 == nil)
        #expect(record.reason == "holds a secret key: no digest of it is published")
    }

    /// A module file that is a link out of the checked tree is refused, as a module source that leaves it is.
    @Test func aModuleFileLinkedFromOutsideTheTreeIsRefused() throws {
        let outside = try Module(["main.tf": "resource \"aws_s3_bucket\" \"leak\" {\n  bucket = \"leak\"\n}\n"])
        let module = try Module(["main.tf": Self.bucket])
        try FileManager.default.createSymbolicLink(atPath: module.root.appendingPathComponent("zz.tf").path,
                                                   withDestinationPath: outside.root.appendingPathComponent("main.tf").path)
        let record = try module.record()
        #expect(record.status == .error)
        #expect(record.reason?.contains("the module file lies outside the checked tree; pass --allow-outside-tree to read it") == true,
                "\(record.reason ?? "")")
    }

    /// The markers only say where to look: a comment that spells them (a hostile pull request's way to take the
    /// module out of the evidence) leaves the digest in place, since no key is there.
    @Test func aCommentSpellingTheMarkersKeepsTheDigest() throws {
        let decoy = "# -----BEGIN RSA PRIVATE KEY----- LS0tLS1CRUdJTiBQUklWQVRF\\n-----END RSA PRIVATE KEY-----\n"
        let record = try Module(["main.tf": decoy + Self.bucket]).record()
        #expect(record.status == .evaluated)
        #expect(record.sha256 != nil)
        #expect(record.reason == nil)
    }
}
