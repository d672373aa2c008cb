import Foundation
import PolicyCheckTestSupport
@testable import PolicyCheckEvidence
@testable import PolicyCheckKit
@testable import PolicyCheckModel
import Testing

/// Output files in a folder someone else controls: symbolic links planted at the target or at a temporary name
/// must not make policycheck write through them (issue 14, item 6).
@Suite struct OutputFileSymlinkTests {
    /// A fresh folder with a victim file outside it.
    private func folder() throws -> (folder: URL, victim: String) {
        let root = ScratchFolder.path("output")
        let folder = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let victim = root.appendingPathComponent("victim.txt").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        return (folder, victim)
    }

    @Test func symbolicLinkAtTheTargetIsReplacedNotFollowed() throws {
        let (folder, victim) = try folder()
        let target = folder.appendingPathComponent("report.sarif").path
        try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: victim)
        try OutputFile.write("{}\n", to: target)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(!OutputFile.isSymbolicLink(target))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "{}\n")
    }

    /// 0.1.0 wrote through `.NAME.PID.tmp`, opened without `O_EXCL`/`O_NOFOLLOW`: a link planted there for likely
    /// process ids was followed.
    @Test func symbolicLinksAtPredictableTemporaryNamesAreNotFollowed() throws {
        let (folder, victim) = try folder()
        let pid = ProcessInfo.processInfo.processIdentifier
        for name in [".junit.xml.\(pid).tmp", ".junit.xml.tmp", "junit.xml.tmp"] {
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: victim)
        }
        let target = folder.appendingPathComponent("junit.xml").path
        try OutputFile.write("<testsuites/>\n", to: target)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "<testsuites/>\n")
        // Nothing but the target and the planted links is left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == [".junit.xml.\(pid).tmp", ".junit.xml.tmp", "junit.xml", "junit.xml.tmp"])
    }

    @Test func temporaryNamesAreUnguessable() {
        let url = URL(fileURLWithPath: "/tmp/out/report.sarif")
        let names = Set((0..<64).map { _ in OutputFile.temporaryName(for: url) })
        #expect(names.count == 64)
        #expect(names.allSatisfy { $0.hasPrefix(".report.sarif.") && $0.hasSuffix(".tmp") && $0.count > 30 })
    }

    @Test func bundleIntoASymbolicLinkIsRefused() throws {
        let (folder, victim) = try folder()
        let elsewhere = URL(fileURLWithPath: victim).deletingLastPathComponent().appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let link = folder.appendingPathComponent("evidence").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: elsewhere.path)
        #expect(throws: Diagnostic.self) { try BundleDirectory.write(files: [("evidence.json", Array("{}".utf8))], to: link) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }
}
