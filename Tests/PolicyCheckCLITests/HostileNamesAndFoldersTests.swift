import Foundation
import PolicyCheckTestSupport
@testable import PolicyCheckModel
import Testing

/// The CLI against hostile file names and a hostile output folder (issue 14, items 6 and 7): nothing reaches stderr
/// or stdout raw, and nothing is written through a planted symbolic link.
@Suite struct HostileNamesAndFoldersTests {
    typealias CLI = PolicyCheckProcess

    /// A line no CI runner or terminal acts on: no control (but the line break), no bidi override, no workflow command.
    static func isInert(_ output: String) -> Bool {
        output.unicodeScalars.allSatisfy { $0 == "\n" || !($0.value < 0x20 || (0x7F...0x9F).contains($0.value)
            || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)) }
            && output.split(separator: "\n").allSatisfy { !$0.drop { $0 == " " }.hasPrefix(":") && !$0.contains("##[") }
    }

    /// A stale inline ignore in a file named like a workflow command: the warning names the file inertly.
    @Test func staleIgnoreWarningCannotRunAWorkflowCommand() throws {
        let workspace = try EvidenceWorkspace()
        let name = "::add-mask::x\r\u{1B}[2K##[warning]forged.yaml"
        try workspace.write(name, """
            apiVersion: policycheck/v1
            kind: Deployment
            metadata: {name: pilot}
            spec:
              offering: shared
              region: eu-west-1 # policycheck:ignore MMC-NET-001 nothing to ignore any more
            """)
        let result = try workspace.run(["check", name])
        // The text report on stdout carries the warning; stderr does not say it again (docs/output.md, "Warnings").
        #expect(result.stdout.contains("stale inline ignore"), "\(result.stdout)")
        #expect(Self.isInert(result.stderr), "\(result.stderr.debugDescription)")
        #expect(Self.isInert(result.stdout), "\(result.stdout.debugDescription)")
    }

    /// A line feed in a file name reached JUnit's failure text raw, so the text had a line the name chose
    /// (`::notice file=x::all clear`); each part of the text is one line now (tester round 29).
    @Test func aLineFeedInAFileNameStartsNoLineOfJUnitText() throws {
        let workspace = try EvidenceWorkspace()
        let name = "a\n::notice file=x::all clear.yaml"
        try workspace.write(name, """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: LoadBalancer
              ports: [{port: 5432}]
            """)
        let result = try workspace.run(["check", ".", "--format", "junit"])
        #expect(result.stdout.contains("MMC-NET-001"), "\(result.stdout)")
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("::notice") }, "\(result.stdout)")
    }

    /// A file named with ESC and BEL reached the bundle's report.md raw: `cat report.md` retitled the terminal and
    /// `ESC [ 8 m` hid the rest of each finding's row (tester round 31). They are spelt out, as bidi controls are.
    @Test func aFileNameCannotDriveTheTerminalOfWhoeverReadsReportMarkdown() throws {
        let workspace = try EvidenceWorkspace()
        let name = "manifests/x\u{1B}]0;pwned\u{07}\u{1B}[8mhidden\u{7F}\u{9B}.yaml"
        try workspace.write(name, String(decoding: try workspace.read("manifests/high-only.yaml"), as: UTF8.self))
        let result = try workspace.report(out: "bundle")
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let markdown = String(decoding: try workspace.read("bundle/report.md"), as: UTF8.self)
        #expect(markdown.contains("`manifests/x\\u{1B}]0;pwned\\u{7}\\u{1B}[8mhidden\\u{7F}\\u{9B}.yaml`"), "\(markdown)")
        #expect(Self.isInert(markdown), "\(markdown.debugDescription)")
    }

    /// 0.1.0 printed recorded input names raw: a name holding CR and an ESC sequence painted "INTACT" over the
    /// CHANGED line.
    @Test func verifyReportCannotBePaintedOver() throws {
        let workspace = try EvidenceWorkspace()
        let crafted = "manifests/x\r\u{1B}[1AINTACT: all checks passed\u{1B}[K.yaml"
        try workspace.write(crafted, String(decoding: try workspace.read("manifests/compliant.yaml"), as: UTF8.self))
        _ = try workspace.report(out: "bundle")
        try workspace.write(crafted, "apiVersion: policycheck/v1\nkind: Deployment\nmetadata: {name: changed}\nspec: {offering: shared, region: eu-west-1}")
        let result = try workspace.run(["verify-report", "bundle"])
        #expect(result.status != 0)
        #expect(result.stdout.contains("CHANGED"), "\(result.stdout)")
        #expect(Self.isInert(result.stdout), "\(result.stdout.debugDescription)")
        #expect(Self.isInert(result.stderr), "\(result.stderr.debugDescription)")
    }

    /// SARIF, JUnit and the baseline are written beside planted links, never through them.
    @Test func plantedLinksInTheOutputFolderAreNotWrittenThrough() throws {
        let workspace = try EvidenceWorkspace()
        try FileManager.default.createDirectory(atPath: workspace.path("out"), withIntermediateDirectories: true)
        try workspace.write("victim.txt", "precious")
        for name in ["report.sarif", "junit.xml", "baseline.json", "inventory.txt"] {
            try FileManager.default.createSymbolicLink(atPath: workspace.path("out/\(name)"), withDestinationPath: workspace.path("victim.txt"))
        }
        _ = try workspace.run(["check", "manifests/high-only.yaml", "--format", "sarif=out/report.sarif",
                               "--format", "junit=out/junit.xml", "--write-baseline", "out/baseline.json"])
        _ = try workspace.run(["keys", "inspect", "manifests/committed.pem", "--output", "out/inventory.txt"])
        #expect(try workspace.read("victim.txt") == Data("precious\n".utf8))
        for name in ["report.sarif", "junit.xml", "baseline.json", "inventory.txt"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: workspace.path("out/\(name)"))
            #expect(attributes[.type] as? FileAttributeType == .typeRegular, "\(name)")
        }
        let linked = try workspace.run(["report", "manifests", "--out", "out/report.sarif"])
        #expect(linked.status == 2)
        #expect(try workspace.read("victim.txt") == Data("precious\n".utf8))
    }
}

/// A folder a pull request committed as `--out` (`evidence/index.html`: "all controls passed") was written into, and
/// its file handed over with the bundle; now `report` refuses a folder holding anything but the bundle's own files.
@Suite struct ForeignFilesInTheBundleFolderTests {
    @Test func aBundleIsNotWrittenBesideFilesThatAreNotItsOwn() throws {
        let workspace = try EvidenceWorkspace()
        try FileManager.default.createDirectory(atPath: workspace.path("bundle"), withIntermediateDirectories: true)
        try workspace.write("bundle/index.html", "<h1>All controls passed</h1>")
        let refused = try workspace.run(["report", "manifests/high-only.yaml", "--out", "bundle"])
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("error: --out holds files that are not part of the bundle ('index.html')"),
                "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("bundle/evidence.json")))
        // A folder holding only an earlier bundle is written over, as before.
        try FileManager.default.removeItem(atPath: workspace.path("bundle/index.html"))
        #expect(try workspace.run(["report", "manifests/high-only.yaml", "--out", "bundle"]).status == 1)
        #expect(try workspace.run(["report", "manifests/high-only.yaml", "--out", "bundle"]).status == 1)
    }

    /// A page planted in a bundle's folder after the run (`index.html` saying every control passed) sat beside an
    /// INTACT verdict: the folder is not the bundle, and verify-report says so (tester round 31).
    @Test func verifyReportNamesFilesPlantedBesideTheBundle() throws {
        let workspace = try EvidenceWorkspace()
        #expect(try workspace.report(out: "bundle").status == 1)
        // Unsigned: consistent but not authenticated (exit 3), never ALTERED.
        let intact = try workspace.run(["verify-report", "bundle"])
        #expect(intact.status == 3, "\(intact.stdout)\(intact.stderr)")
        try workspace.write("bundle/index.html", "<h1>SOC 2: all controls passed</h1>")
        let planted = try workspace.run(["verify-report", "bundle"])
        #expect(planted.status == 1, "\(planted.stdout)\(planted.stderr)")
        #expect(planted.stdout.contains("index.html: is in the bundle's folder but not in the bundle"), "\(planted.stdout)")
        #expect(planted.stdout.contains("ALTERED: index.html"), "\(planted.stdout)")
    }

    /// A directory under a bundle file's name: said with its reason before anything is replaced (it was "cannot move
    /// report.html into place", tester round 31), and the earlier bundle is left whole.
    @Test func aDirectoryUnderABundleFileNameIsNamed() throws {
        let workspace = try EvidenceWorkspace()
        #expect(try workspace.run(["report", "manifests/high-only.yaml", "--out", "bundle"]).status == 1)
        let before = try workspace.read("bundle/evidence.json")
        try FileManager.default.removeItem(atPath: workspace.path("bundle/report.md"))
        try FileManager.default.createDirectory(atPath: workspace.path("bundle/report.md"), withIntermediateDirectories: true)
        let refused = try workspace.run(["report", "manifests/compliant.yaml", "--out", "bundle"])
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("--out holds a directory named 'report.md', where the bundle writes that file"), "\(refused.stderr)")
        #expect(try workspace.read("bundle/evidence.json") == before)
    }
}

/// Foundation's `deletingLastPathComponent` traps on a one-character component, so `policycheck check x` crashed
/// (and a one-letter chart or kustomization folder, `check c`). Parents are spelt without it.
@Suite struct OneCharacterNameTests {
    @Test func aOneCharacterFileIsChecked() throws {
        let directory = ScratchFolder.path("onechar")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n".utf8).write(to: directory.appendingPathComponent("x"))
        let result = try PolicyCheckProcess.run(["check", "x"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 file checked"))
    }

    @Test(arguments: [("x", ""), ("k/", ""), ("/a", "/"), ("/", "/"), ("a/b/", "a"), ("a//b", "a"), ("./k", "."),
                      ("/tmp/lock/", "/tmp"), ("ab/", ""), ("a/b/c.yaml", "a/b")])
    func parentsAreSpeltAsFoundationSpellsThem(path: String, parent: String) {
        #expect(InputPath.parent(of: path) == parent)
    }
}
