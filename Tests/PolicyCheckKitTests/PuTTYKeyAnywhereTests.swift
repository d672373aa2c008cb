import Foundation
import PolicyCheckKit
import PolicyCheckTestSupport
import Testing

/// A PuTTY private key after a line of prose, or in a YAML value, is found as a `.ppk` file's is: only a file that
/// started with the header was read (tester, round 35), though an OpenSSH or PEM key anywhere was.
@Suite struct PuTTYKeyAnywhereTests {
    @Test func aPuTTYKeyAfterProseOrInAValueIsACommittedKey() throws {
        let key = try String(contentsOf: TerraformFixture.testsDirectory.appendingPathComponent("Fixtures/keys/fail-committed-putty-ed25519.ppk"),
                             encoding: .utf8)
        let folder = ScratchFolder.path("putty")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(("server notes\n" + key).utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let indented = key.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        try Data(("key: |\n" + indented + "\n").utf8).write(to: folder.appendingPathComponent("values.yaml"))
        // After a public PEM block, in a file and in a value (review, round 35).
        let publicBlock = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEvo2vaITf1gy4+2ImB144eQJUiEIH
            ttrei7ZKd8AEQeBcmjbU0RTOyPw9ErFIkGknyMdWAF+fNGcbCZ9u54Ofdw==
            -----END PUBLIC KEY-----

            """
        try Data((publicBlock + key).utf8).write(to: folder.appendingPathComponent("bundle.txt"))
        let both = (publicBlock + key).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        try Data(("pair: |\n" + both + "\n").utf8).write(to: folder.appendingPathComponent("pair.yaml"))
        let report = try TerraformFixture.run([folder.path])
        let files = Set(report.findings.filter { $0.ruleId == "MMC-KM-001" }.map { ($0.file as NSString).lastPathComponent })
        #expect(files == ["notes.txt", "values.yaml", "bundle.txt", "pair.yaml"], "\(report.findings.map(\.summary)) \(report.filesSkipped)")
    }
}
