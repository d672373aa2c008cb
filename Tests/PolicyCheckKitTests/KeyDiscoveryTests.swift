import Foundation
import PolicyCheckTestSupport
import PolicyCheckKit
import Testing

/// Which walked files are key material: a private key is found whatever its name (case, no ending, a leading dot,
/// a nested or templates folder, a manifest or JSONC name), while a PEM header in prose or binary data is a counted,
/// explained skip and a broken key named as one is still an error at its place.
@Suite struct KeyDiscoveryTests {
    static let sshKeys = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("KeyMaterialTests/Fixtures/ssh")

    static func sshKey(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: sshKeys.appendingPathComponent(name)))
    }

    /// A tree of `files` (relative path → bytes) in a fresh folder, checked as a directory.
    /// `paths`: what to check, relative to the tree (the whole tree when `nil`).
    static func check(_ files: [String: [UInt8]], paths: [String]? = nil,
                      configure: (inout CheckRun) -> Void = { _ in }) throws -> (CheckReport, String) {
        let root = ScratchFolder.path("key-discovery")
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        configure(&run)
        return (run.run(paths: paths.map { $0.map { root.appendingPathComponent($0).path } } ?? [root.path]), root.path + "/")
    }

    @Test func aPrivateKeyIsFoundWhateverItsName() throws {
        let pkcs8 = Array(try String(contentsOfFile: Fixture.path("keys/private-rsa2048.pem"), encoding: .utf8).utf8)
        let hidden: [String: [UInt8]] = [
            "id_ed25519": try Self.sshKey("openssh-ed25519"),
            ".ssh/ID_RSA": try Self.sshKey("openssh-rsa3072"),
            "deep/a/b/c/.deploy.PEM": try Self.sshKey("openssh-ecdsa-p256"),
            ".id_ecdsa": try Self.sshKey("openssh-ecdsa-p384"),
            "ssh_host_dsa_key": try Self.sshKey("openssh-dsa1024"),
            "backup.txt": try Self.sshKey("openssh-ecdsa-p521"),
            "legacy": try Self.sshKey("pkcs1-rsa2048-no-extension"),
            "notes": Array("Staging deploy key, rotated 2026-01:\n\n".utf8) + pkcs8,
            "key.yaml": try Self.sshKey("openssh-ed25519"),
            ".vscode/settings.json": pkcs8,
            "Win/putty.PPK": try Self.sshKey("putty-ed25519.ppk"),
        ]
        let (report, root) = try Self.check(hidden)
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.filesSkipped.isEmpty, "\(report.filesSkipped)")
        let flagged = Set(report.findings.filter { $0.ruleId == "MMC-KM-001" && $0.severity == .critical }
            .map { String($0.file.dropFirst(root.count)) })
        #expect(flagged == Set(hidden.keys))
        #expect(report.exitCode == 1)
    }

    @Test func aKeyInAChartsTemplatesFolderIsFound() throws {
        let (report, root) = try Self.check([
            "chart/Chart.yaml": Array("apiVersion: v2\nname: app\nversion: 1.0.0\n".utf8),
            "chart/templates/configmap.yaml": Array("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n".utf8),
            "chart/templates/files/id_ed25519": try Self.sshKey("openssh-ed25519"),
        ]) { run in
            run.render.allowUnrendered = true
            run.render.searchPath = ""
        }
        #expect(report.errors.isEmpty, "\(report.errors)")
        let finding = try #require(report.findings.first { $0.ruleId == "MMC-KM-001" })
        #expect(finding.file == root + "chart/templates/files/id_ed25519")
        // The template itself is still not read raw.
        #expect(!report.filesChecked.contains { $0.hasSuffix("configmap.yaml") })
    }

    @Test func anEncryptedOpenSSHKeyIsInspectedButIsNoCommittedSecret() throws {
        let (report, _) = try Self.check(["id_ed25519": try Self.sshKey("openssh-ed25519-encrypted")])
        #expect(report.errors.isEmpty)
        #expect(report.keyFiles.first?.objects.first?.kind == .encryptedPrivateKey)
        #expect(!report.findings.contains { $0.ruleId == "MMC-KM-001" })
    }

    @Test func aPEMHeaderInBinaryDataOrProseIsAnExplainedSkip() throws {
        let fixtures = Fixture.path("key-discovery")
        let binary = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/skip-pem-header-in-binary.bin"))
        let prose = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/skip-example-key-in-prose"))
        let (report, root) = try Self.check([
            "gitops-engine/pkg/diff/testdata/openapiv2.bin": [UInt8](binary), "docs/DEPLOY_KEYS": [UInt8](prose),
            "README.md": Array("Example:\n\n    -----BEGIN CERTIFICATE-----\n    ...\n    -----END CERTIFICATE-----\n".utf8),
            "app.yaml": Array("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n".utf8),
        ])
        #expect(report.errors.isEmpty, "\(report.errors)")
        let reasons = Dictionary(uniqueKeysWithValues: report.filesSkipped.map { (String($0.file.dropFirst(root.count)), $0.reason) })
        #expect(reasons["gitops-engine/pkg/diff/testdata/openapiv2.bin"]
                == "not key material: the 'CERTIFICATE' PEM header at 5:5 begins no key: PEM block 'CERTIFICATE' body is not valid base64 (in binary data)")
        #expect(reasons["docs/DEPLOY_KEYS"]
                == "not key material: the 'OPENSSH PRIVATE KEY' PEM header at 5:1 begins no key: PEM block 'OPENSSH PRIVATE KEY' body is not valid base64")
        // A document that merely shows a header is no input at all: no name or first line makes it one.
        #expect(reasons["README.md"] == nil)
        #expect(report.filesSkipped.count == 2)
    }

    @Test func aBrokenKeyNamedAsOneIsAnErrorAtItsFirstBadByte() throws {
        let (report, root) = try Self.check([
            "certs/server.key": Array(try Data(contentsOf: URL(fileURLWithPath: Fixture.path("key-discovery/error-malformed-rsa-private.key")))),
        ])
        let error = try #require(report.errors.first)
        #expect(error.description == root + "certs/server.key:2:5: error: malformed key material in block 0: PEM block 'RSA PRIVATE KEY' body is not valid base64")
        #expect(report.exitCode == 2)
    }

    @Test func aBrokenOpenSSHKeyWithAnSSHNameIsAnError() throws {
        var bytes = try Self.sshKey("openssh-ed25519")
        bytes.removeSubrange(120..<190)  // a whole body line and a half: the container no longer adds up
        let (report, _) = try Self.check(["id_ed25519": bytes])
        #expect(report.exitCode == 2)
        #expect(report.errors.first?.message.hasPrefix("malformed key material in block 0") == true, "\(report.errors)")
    }

    @Test func aFileHoldingAKeyPublishesNoDigestEvenWhenItCannotBeRead() throws {
        var broken = try Self.sshKey("openssh-rsa3072")
        broken.removeSubrange(200..<300)
        let (report, _) = try Self.check([
            "id_rsa": try Self.sshKey("openssh-rsa3072"), "notes/backup": broken,
            "app.yaml": Array("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n".utf8),
        ]) { $0.hashInputs = true }
        let digests = Dictionary(uniqueKeysWithValues: report.inputs.map { (($0.file as NSString).lastPathComponent, $0.sha256) })
        #expect(digests["id_rsa"] == .some(nil))
        #expect(digests["backup"] == .some(nil))
        #expect(digests["app.yaml"] != .some(nil))
    }

    @Test func sourceThatMerelyNamesAHeaderIsNotRead() throws {
        let (report, _) = try Self.check([
            "pem.go": Array("package pem\n\nconst header = \"-----BEGIN RSA PRIVATE KEY-----\"\n".utf8),
            "cmd/tool": Array("#!/bin/sh\ngrep -- '-----BEGIN OPENSSH PRIVATE KEY-----' \"$1\"\n".utf8),
            "app.yaml": Array("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n".utf8),
        ])
        #expect(report.errors.isEmpty)
        #expect(report.filesSkipped.isEmpty, "\(report.filesSkipped)")
        #expect(report.keyFileCount == 0)
    }
}
