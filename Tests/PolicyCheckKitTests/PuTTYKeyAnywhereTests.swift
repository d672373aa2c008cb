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
        let report = try TerraformFixture.run([folder.path])
        let files = Set(report.findings.filter { $0.ruleId == "MMC-KM-001" }.map { ($0.file as NSString).lastPathComponent })
        #expect(files == ["notes.txt", "values.yaml"], "\(report.findings.map(\.summary)) \(report.filesSkipped)")
    }
}
