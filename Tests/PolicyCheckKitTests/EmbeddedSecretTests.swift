import Foundation
import PolicyCheckKit
import Testing

/// Secrets a pull request can commit (docs/security.md, item 12): 0.1.0 published the SHA-256 of an in-tree raw key
/// in evidence.json (a check value for it) and missed private keys inside Kubernetes Secrets and service-account
/// JSON files. Now those are MMC-KM-001 (critical) findings, and no input holding a secret key gets a digest.
@Suite struct EmbeddedSecretTests {
    private static let pem = (try? String(contentsOfFile: Fixture.path("keys/private-rsa2048.pem"), encoding: .utf8)) ?? ""
    /// A line of the key's body: it must appear in no finding, record or report.
    private static var bodyLine: String { pem.split(separator: "\n").dropFirst().first.map(String.init) ?? "missing fixture" }

    private func run(_ files: [String: String], extra: [(String, [UInt8])] = []) throws -> (CheckReport, URL) {
        let directory = try PackText.directory(files)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, bytes) in extra { try Data(bytes).write(to: directory.appendingPathComponent(name)) }
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        run.jobs = 1
        run.hashInputs = true
        return (run.run(paths: [directory.path]), directory)
    }

    private func committedSecrets(_ report: CheckReport) -> [Finding] {
        report.findings.filter { $0.ruleId == "MMC-KM-001" }
    }

    @Test func aPrivateKeyInAKubernetesSecretIsACriticalFinding() throws {
        #expect(!Self.pem.isEmpty)
        let encoded = Data(Self.pem.utf8).base64EncodedString()
        let (report, directory) = try run([
            "secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: tls}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: aGVsbG8=\n  tls.key: \(encoded)\n",
            "string-secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: raw}\nstringData:\n  key.pem: |\n"
                + Self.pem.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let findings = committedSecrets(report)
        #expect(findings.count == 2, "\(report.findings.map { "\($0.ruleId) \($0.resource)" })")
        let data = try #require(findings.first { $0.resource.hasSuffix("secret.yaml (data.tls.key)") && !$0.resource.contains("string-") })
        #expect(data.severity == .critical)
        #expect(data.line == 7 && data.column == 12)
        #expect(findings.contains { $0.resource.hasSuffix("string-secret.yaml (stringData.key.pem)") && $0.line == 5 })
        #expect(findings.allSatisfy { $0.value == nil && !$0.message.contains(Self.bodyLine) && !$0.message.contains(encoded.prefix(40)) })
        #expect(report.inputs.allSatisfy { $0.sha256 == nil && $0.reason == "holds a secret key: no digest of it is published" })
    }

    /// Argo CD's repository secrets and `kubernetes.io/ssh-auth` Secrets carry OpenSSH keys, which OpenSSL cannot read.
    @Test func anOpenSSHKeyInASecretIsACriticalFinding() throws {
        let key = try String(contentsOfFile: Fixture.path("keys/fail-committed-openssh-ed25519"), encoding: .utf8)
        let (report, directory) = try run([
            "repo.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: repo}\ntype: kubernetes.io/ssh-auth\nstringData:\n  ssh-privatekey: |\n"
                + key.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let finding = try #require(committedSecrets(report).first)
        #expect(finding.resource.hasSuffix("repo.yaml (stringData.ssh-privatekey)"))
        #expect(finding.message.contains("an Ed25519 256-bit private key (openssh) in plain text"))
        #expect(report.inputs.first?.sha256 == nil)
    }

    @Test func aServiceAccountKeyFileIsACriticalFinding() throws {
        let escaped = Self.pem.replacingOccurrences(of: "\n", with: "\\n")
        let (report, directory) = try run([
            "sa.json": "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key_id\": \"abc\", \"private_key\": \"\(escaped)\", \"client_email\": \"x@p.iam.gserviceaccount.com\"}",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let finding = try #require(committedSecrets(report).first)
        #expect(finding.resource.hasSuffix("sa.json (private_key)"))
        #expect(finding.severity == .critical)
        #expect(report.exitCode == 1)
        #expect(!finding.message.contains(Self.bodyLine))
        #expect(report.inputs.first?.sha256 == nil)
    }

    @Test func aSecretWithoutAKeyAndAPublicKeyKeepTheirDigests() throws {
        let (report, directory) = try run([
            "secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: pw}\ndata:\n  password: aHVudGVyMg==\n",
            "public.pem": try String(contentsOfFile: Fixture.path("keys/pass-rsa3072-public.pem"), encoding: .utf8),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(committedSecrets(report).isEmpty)
        #expect(report.inputs.first { $0.file.hasSuffix("public.pem") }?.sha256?.count == 64)
    }

    /// 0.1.0 recorded SHA-256(key) for a committed raw AES key: anyone could confirm a guessed key against it.
    @Test func aCommittedRawKeyGetsNoDigest() throws {
        let raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixture.path("keys/plaintext-aes256.raw"))))
        let (report, directory) = try run([:], extra: [("committed.raw", raw)])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(committedSecrets(report).count == 1)
        let record = try #require(report.inputs.first)
        #expect(record.sha256 == nil)
        #expect(record.reason == "holds a secret key: no digest of it is published")
    }

    /// Helm charts' `values.yaml`, applications' JSON configuration and ConfigMaps are no Secret and often no manifest:
    /// a key in any string of them (PEM, `\n`-escaped, base64 of PEM) or commented out was missed, the file skipped.
    @Test func aPrivateKeyInAnyYAMLOrJSONStringIsACriticalFinding() throws {
        let indented = Self.pem.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
        let escaped = Self.pem.replacingOccurrences(of: "\n", with: "\\n")
        let encoded = Data(Self.pem.utf8).base64EncodedString()
        let (report, directory) = try run([
            "values.yaml": "replicaCount: 2\ningress:\n  tls:\n    key: |\n\(indented)\n",
            "config.json": "{\"server\": {\"port\": 443, \"tls\": [{\"key\": \"\(escaped)\"}]}}",
            "configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  key.b64: \(encoded)\n",
            "commented.yaml": "image: app\n# the old key:\n" + Self.pem.split(separator: "\n").map { "# " + $0 }.joined(separator: "\n") + "\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let findings = committedSecrets(report)
        let places = Set(findings.map { "\(($0.resource as NSString).lastPathComponent) \($0.line ?? 0):\($0.column ?? 0)" })
        #expect(places == ["values.yaml (ingress.tls.key) 4:10", "config.json (server.tls[0].key) 1:42",
                           "configmap.yaml (data.key.b64) 5:12", "commented.yaml 3:1"], "\(places)")
        #expect(findings.allSatisfy { $0.severity == .critical && !$0.message.contains(Self.bodyLine) })
        #expect(report.filesSkipped.isEmpty, "\(report.filesSkipped)")
        #expect(report.inputs.allSatisfy { $0.sha256 == nil })
    }

    /// Documentation's placeholder blocks (`REDACTED`, `...`) are no key: the file stays a skip, with no finding.
    @Test func aPlaceholderKeyInAValuesFileIsNoFinding() throws {
        let (report, directory) = try run([
            "values.yaml": "tls:\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    REDACTED\n    -----END RSA PRIVATE KEY-----\n",
            "sa.json": "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n\"}",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(committedSecrets(report).isEmpty)
        #expect(report.filesSkipped.count == 2)
    }

    /// A key in a file of any ending: after 4 KiB of prose, quoted line by line in a program, on one line with `\n`
    /// escapes in a `.env` file, indented in a Python string, and across the edge of the sniffer's 1 MiB chunks.
    @Test func aPrivateKeyInAnyTextFileIsACriticalFinding() throws {
        let lines = Self.pem.split(separator: "\n")
        let prose = String(repeating: "a line of prose before the key\n", count: 300)
        let edge = String(repeating: "x", count: (1 << 20) - 20) + "\n"
        let (report, directory) = try run([
            "notes.txt": prose + Self.pem,
            "key_test.go": "package x\n\nvar key = \"" + lines.map { $0 + "\\n\" +\n\t\"" }.joined() + "\"\n",
            "app.env": "KEY=\"" + Self.pem.replacingOccurrences(of: "\n", with: "\\n") + "\"\n",
            "fixture.py": "def key():\n    return \"\"\"" + lines.map { "    " + $0 }.joined(separator: "\n") + "\"\"\"\n",
            "edge.log": edge + Self.pem,
            "readme.md": "No key here, only the word PRIVATE KEY.\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = Set(committedSecrets(report).map { ($0.resource as NSString).lastPathComponent })
        #expect(files == ["notes.txt", "key_test.go", "app.env", "fixture.py", "edge.log"], "\(files)")
        // Each is reported where its key's label is, not at 1:1.
        let places = Dictionary(uniqueKeysWithValues: committedSecrets(report).map {
            (($0.resource as NSString).lastPathComponent, "\($0.line ?? 0):\($0.column ?? 0)")
        })
        #expect(places == ["notes.txt": "301:1", "key_test.go": "3:12", "app.env": "1:6", "fixture.py": "2:19", "edge.log": "2:1"],
                "\(places)")
        #expect(committedSecrets(report).allSatisfy { !$0.message.contains(Self.bodyLine) })
        #expect(report.inputs.allSatisfy { $0.sha256 == nil })
    }

    /// OpenPGP secret keys (`gpg --export-secret-keys --armor`, a CI signing key) were not recognised at all: their
    /// label is `PGP PRIVATE KEY BLOCK`. Now they are found like any key, in a file or a YAML value.
    @Test func anOpenPGPSecretKeyIsACriticalFinding() throws {
        let key = try String(contentsOfFile: Fixture.path("keys/fail-committed-openpgp-ed25519.asc"), encoding: .utf8)
        let indented = key.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        let (report, directory) = try run([
            "ci/signing.txt": "The release signing key:\n\n" + key,
            "values.yaml": "signing:\n  key: |\n\(indented)\n",
            "legacy.txt": "Old release key:\n" + key.replacingOccurrences(of: "PGP PRIVATE KEY BLOCK", with: "PGP SECRET KEY BLOCK"),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let findings = committedSecrets(report)
        #expect(Set(findings.map { ($0.resource as NSString).lastPathComponent })
                == ["signing.txt", "values.yaml (signing.key)", "legacy.txt"])
        #expect(findings.allSatisfy { $0.message.contains("an Ed25519 256-bit private key (openpgp) in plain text") })
        let body = key.split(separator: "\n").first { $0.count > 40 }.map(String.init) ?? "missing"
        #expect(findings.allSatisfy { !$0.message.contains(body.prefix(30)) })
        #expect(report.inputs.allSatisfy { $0.sha256 == nil })
    }

    /// A hostile review's ways to hide a key, each now found: a label YAML folds at its space (a Secret that 0.1's
    /// scan flagged and this round's first cut passed), a stray byte that is not UTF-8, a file named as JSON with
    /// comments, a key file commented out, base64 wrapped or shifted by a leading blank line, lines quoted with
    /// trailing commas (a notebook), a one-line key with spaces for line breaks, CR line ends and UTF-16.
    @Test func keysWrittenToHideAreFound() throws {
        let lines = Self.pem.split(separator: "\n").map(String.init)
        let body = lines.dropFirst().dropLast().joined(separator: "\\n")
        let wrapped = Data(Self.pem.utf8).base64EncodedString(options: .lineLength76Characters)
            .split(whereSeparator: \.isNewline).map { "    " + $0 }.joined(separator: "\n")
        let shifted = Data(("\n" + Self.pem).utf8).base64EncodedString()
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in ("notes\n" + Self.pem).utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        var latin1 = Array("# caf".utf8) + [0xE9] + Array("\nkey: |\n".utf8)
        latin1 += Array(lines.map { "  " + $0 }.joined(separator: "\n").utf8) + [0x0A]
        let (report, directory) = try run([
            "folded.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  tls.key: \"-----BEGIN PRIVATE\n    KEY-----\\n\(body)\\n-----END PRIVATE\n    KEY-----\\n\"\n",
            "tsconfig.json": "{\n" + lines.map { "  // " + $0 }.joined(separator: "\n") + "\n}\n",
            "deploy.key": lines.map { "# " + $0 }.joined(separator: "\n") + "\n",
            "wrapped.yaml": "tls:\n  key: |\n\(wrapped)\n",
            "shifted.yaml": "key: \(shifted)\n",
            "notebook.ipynb": "{\"source\": [\n" + lines.map { "  \"\($0)\\n\"," }.joined(separator: "\n") + "\n  \"\"]}\n",
            "app.env": "KEY=\"" + lines.joined(separator: " ") + "\"\n",
            "old-mac.txt": "hello\r" + lines.joined(separator: "\r") + "\r",
            "bytes_test.py": "KEY = (\n" + lines.map { "    b\"\($0)\\n\"" }.joined(separator: "\n") + "\n)\n",
            "wide.txt": "notes\n" + lines[0] + String(repeating: " ", count: 70_000) + "\n" + lines.dropFirst().joined(separator: "\n") + "\n",
            "relabelled.md": "Notes\n" + Self.pem.replacingOccurrences(of: "PRIVATE KEY", with: "EC PARAMETERS"),
        ], extra: [("windows.txt", utf16), ("latin1.yaml", latin1)])
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = Set(committedSecrets(report).map { ($0.resource as NSString).lastPathComponent.split(separator: " ")[0] })
        #expect(files == ["folded.yaml", "tsconfig.json", "deploy.key", "wrapped.yaml", "shifted.yaml", "notebook.ipynb",
                          "app.env", "old-mac.txt", "windows.txt", "latin1.yaml", "bytes_test.py", "wide.txt", "relabelled.md"], "\(files.sorted())")
        #expect(report.inputs.allSatisfy { $0.sha256 == nil }, "\(report.inputs.filter { $0.sha256 != nil }.map(\.file))")
    }

    /// A documentation placeholder beside a real certificate makes no key file of a README: no finding, no skip.
    @Test func aPlaceholderBesideACertificateIsNoKey() throws {
        let certificate = try String(contentsOfFile: Fixture.path("keys/fail-cert-expired-sha1.pem"), encoding: .utf8)
        let (report, directory) = try run([
            "README.md": "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nREDACTED\\n-----END PRIVATE KEY-----\\n\"}\n\n" + certificate,
            "SETUP.md": "# Setup\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...REDACTED...\n-----END RSA PRIVATE KEY-----\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.filesSkipped.isEmpty, "\(report.filesSkipped)")
    }

    /// A module named by one of its files is not walked: its keys are reported from the module's files.
    @Test func aKeyInATerraformFileNamedOnTheCommandLineIsAFinding() throws {
        let directory = try PackText.directory([
            "infra/main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\nlocals {\n  key = <<EOF\n\(Self.pem)EOF\n}\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        run.jobs = 1
        let report = run.run(paths: [directory.appendingPathComponent("infra/main.tf").path])
        let finding = try #require(committedSecrets(report).first)
        #expect(finding.line == 6 && finding.column == 1)
    }

    /// A chart template that seems to hold a key is only searched for keys, never parsed raw: an encrypted key in
    /// one was a YAML error (exit 2) once the sniffer sent it to be read.
    @Test func aChartTemplateIsSearchedForKeysNotParsed() throws {
        let encrypted = try String(contentsOfFile: Fixture.path("keys/pass-encrypted-private-key.pem"), encoding: .utf8)
        let template = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\nstringData:\n  tls.key: |\n"
        let (report, directory) = try run([
            "chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
            "chart/values.yaml": "a: 1\n",
            "chart/templates/secret.yaml": template + encrypted.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n",
            "chart/templates/plain.yaml": template + Self.pem.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(!report.errors.contains { $0.description.contains("secret.yaml") || $0.description.contains("plain.yaml") },
                "\(report.errors)")
        #expect(committedSecrets(report).map { ($0.resource as NSString).lastPathComponent } == ["plain.yaml"])
    }
}
