import Foundation
import PolicyCheckTestSupport
import PolicyCheckKit
import Synchronization
import PolicyCheckSyntax
import Testing

/// Hostile and broken input: every case is a one-line error naming the file (exit 2), never a crash, a hang or an
/// echo of the input; other inputs are still checked.
@Suite struct HostileInputTests {
    static let manifestHead = "apiVersion: policycheck/v1\nkind: Deployment\n"

    static func run(_ files: [String: [UInt8]], paths: [String]? = nil, now: Timestamp = Fixture.now,
                    allowOutsideTree: Bool = false) throws -> CheckReport {
        let directory = ScratchFolder.path("hostile")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, bytes) in files {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
        var run = CheckRun(policy: Fixture.defaultPolicy, now: now, failOn: .low, toolVersion: "test")
        run.allowOutsideTree = allowOutsideTree
        return run.run(paths: (paths ?? files.keys.sorted()).map { directory.appendingPathComponent($0).path })
    }

    static func text(_ string: String) -> [UInt8] { Array(string.utf8) }

    static var aliasBomb: String {
        var lines = [manifestHead + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1..<10 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let cases: [(String, [UInt8], String)] = [
        ("alias-bomb.yaml", text(aliasBomb), "alias bomb"),
        ("deep-flow.yaml", text("a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)), "nesting deeper than"),
        ("deep-block.yaml", text((1..<3000).map { String(repeating: "  ", count: $0) + "- " }.joined(separator: "\n")), "nesting deeper than"),
        ("deep-sequence.yaml", text(String(repeating: "- ", count: 50_000) + "x\n"), "nesting deeper than"),
        ("deep.json", text(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)), "nesting deeper than"),
        ("alias-chain.yaml", text((1..<400).map { "a\($0): &a\($0) [*a\($0 - 1)]" }.reduce("a0: &a0 [x]") { $0 + "\n" + $1 }), "nesting deeper than"),
        ("tabs.yaml", text(manifestHead + "metadata:\n\tname: x\n"), "YAML indents with spaces only"),
        ("python-tag.yaml", text(manifestHead + "metadata: !!python/object/apply:os.system [\"id\"]\n"), "is not allowed"),
        ("duplicate-keys.yaml", text(manifestHead + "metadata: {name: a}\nmetadata: {name: b}\n"), "duplicate key"),
        ("duplicate-keys.json", text("{\"apiVersion\": \"policycheck/v1\", \"kind\": \"Deployment\", \"kind\": \"Deployment\"}"), "duplicate key"),
        ("invalid-utf8.yaml", text(manifestHead) + [0xC3, 0x28, 0x0A], "invalid UTF-8"),
        ("nul.yaml", text(manifestHead) + [0x00, 0x0A], "binary"),
        ("binary.yaml", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + Array(repeating: 0, count: 64), "binary"),
        ("truncated.json", text("{\"apiVersion\": \"policycheck/v1\", \"kind\": \"Depl"), "end of input"),
        ("truncated.yaml", text(manifestHead + "metadata: {name: x\n"), "expected"),
        ("empty.yaml", [], "empty"),
        ("comments-only.yaml", text("# nothing here\n# at all\n"), "empty"),
        ("too-many-documents.yaml", text(String(repeating: "---\na: 1\n", count: 10_001)), "YAML documents"),
        ("utf32.json", [0xFF, 0xFE, 0x00, 0x00] + text("{}"), "UTF-32"),
        // Collection keys made the YAML parser's duplicate check hash and sort whole key trees (seconds for 2 KB).
        ("nested-complex-keys.yaml", text(nestedComplexKeys), "explicit mapping keys"),
        ("alias-key.yaml", text(aliasKey), "an alias as a mapping key"),
        ("flow-key.yaml", text(manifestHead + "metadata: {[a, b]: c}\n"), "mapping keys must be scalars"),
        ("block-flow-key.yaml", text(manifestHead + "metadata:\n  {name: x}: y\n"), "mapping keys must be scalars"),
    ]

    /// `? - ? - …`: explicit keys that are sequences of mappings with explicit keys, eight levels deep.
    static var nestedComplexKeys: String {
        (0..<8).map { level in String(repeating: "  ", count: level) + "? - x\n" + String(repeating: "  ", count: level) + "  - y" }
            .joined(separator: "\n") + "\n: v\n"
    }

    /// A mapping keyed by an alias of a list that expands to 2^24 items.
    static var aliasKey: String {
        ((1..<25).map { "a\($0): &a\($0) [*a\($0 - 1), *a\($0 - 1)]" }.reduce("a0: &a0 [x, y]") { $0 + "\n" + $1 })
            + "\nm: {*a24 : 1}\n"
    }

    @Test(arguments: cases.map(\.0))
    func hostileFileIsAOneLineErrorWithExitCodeTwo(_ name: String) throws {
        let (_, bytes, expected) = try #require(Self.cases.first { $0.0 == name })
        let report = try Self.run([name: bytes])
        #expect(report.exitCode == 2)
        let error = try #require(report.errors.first, "no error for \(name)")
        #expect(report.errors.count == 1)
        #expect(error.file.hasSuffix(name))
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(!error.description.contains("\n"))
        #expect(error.description.count < 300, "the message must not echo the input")
    }

    @Test func aLongLineIsNeverEchoed() throws {
        let line = "metadata: {name: " + String(repeating: "x", count: 50_000) + "\n"
        let report = try Self.run(["long.yaml": Self.text(Self.manifestHead + line)])
        let error = try #require(report.errors.first)
        #expect(error.description.count < 300)
        #expect(!error.message.contains(String(repeating: "x", count: 100)))
    }

    @Test func oneBadFileAmongManyNeverStopsTheOthers() throws {
        let good = try Fixture.text("native/compliant/dedicated.yaml")
        var files: [String: [UInt8]] = [:]
        for index in 0..<5 { files["good-\(index).yaml"] = Self.text(good) }
        files["bad.yaml"] = Self.text(Self.aliasBomb)
        files["worse.json"] = Self.text("{")
        let report = try Self.run(files)
        #expect(report.exitCode == 2)
        #expect(report.filesChecked.count == 5)
        #expect(report.errors.count == 2)
    }

    /// Found by the `native` fuzz target: line breaks in a double-quoted YAML value (here carriage returns, which
    /// fold to line feeds) reached a finding's message and split it over several lines. Every check is covered:
    /// evidence escapes control characters.
    @Test func lineBreaksInValuesNeverSplitAFindingOverLines() throws {
        let window = "Sat 03:00-01:00 E" + String(repeating: "\r", count: 4) + "urope/Berlin"
        let manifest = try Fixture.text("native/compliant/dedicated.yaml")
        var broken = manifest.replacingOccurrences(of: "window: \"Sun 04:00-06:00 UTC\"", with: "window: \"\(window)\"")
        let kmsKey = try #require(broken.range(of: "kmsKey: data-key"))
        broken.replaceSubrange(kmsKey, with: "kmsKey: \"data\\n\\nkey\"")
        let result = Fixture.check(yaml: broken)
        #expect(Set(result.findings.map(\.ruleId)) == ["MMC-CHG-001", "MMC-KEY-003"])
        let message = try #require(result.findings.first { $0.ruleId == "MMC-CHG-001" }?.message)
        #expect(!message.contains("\n") && !message.contains("\r"), "\(message)")
        #expect(message.contains("\\u{a}"), "\(message)")
        for finding in result.findings {
            #expect(!finding.message.contains { $0.isNewline }, "\(finding.ruleId): \(finding.message)")
        }
    }

    /// A new temporary directory with a `sub` directory, and a compliant manifest at `manifest` under it.
    private static func tree(_ prefix: String, manifest: String) throws -> (directory: URL, sub: URL) {
        let directory = ScratchFolder.path(prefix)
        let sub = directory.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixture.path("native/compliant/dedicated.yaml"),
                                         toPath: directory.appendingPathComponent(manifest).path)
        return (directory, sub)
    }

    @Test func directoryWalksFollowNoLoopsAndReportBrokenLinks() throws {
        let (directory, sub) = try Self.tree("links", manifest: "sub/app.yaml")
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("loop").path, withDestinationPath: directory.path)
        let missing = "/nonexistent/\(UUID().uuidString)"
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("broken.yaml").path,
                                                   withDestinationPath: missing)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.yaml").path,
                                                   withDestinationPath: sub.appendingPathComponent("app.yaml").path)
        let report = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test").run(paths: [directory.path])
        #expect(report.filesChecked.count == 2)
        // Round 25 (karpenter's `kodata/HEAD -> ../../../.git/HEAD` in a `git archive` copy): the error says where
        // the link points.
        #expect(report.errors.map(\.message) == ["broken symbolic link: its target '\(missing)' is missing or unreadable"])
        // The link to a directory is not followed, but listed: what it holds would otherwise pass unseen.
        #expect(report.filesSkipped.map(\.file).contains { $0.hasSuffix("sub/loop") }, "\(report.filesSkipped)")
        #expect(report.filesSkipped.first { $0.file.hasSuffix("sub/loop") }?.reason.hasPrefix("is a symbolic link to a directory") == true)
    }

    /// A hostile link target cannot break the one-line error: its control characters are escaped.
    @Test func aBrokenLinksTargetIsQuotedWithoutControlCharacters() throws {
        let (directory, _) = try Self.tree("link-target", manifest: "sub/app.yaml")
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("forged.yaml").path,
                                                   withDestinationPath: "missing\nerror: forged line")
        let report = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test").run(paths: [directory.path])
        #expect(report.errors.map(\.message) == ["broken symbolic link: its target 'missing\\u{a}error: forged line' is missing or unreadable"])
    }

    /// The fuzzer's find: 2 KB of nested explicit keys that the YAML parser's duplicate check took 8 s over.
    @Test func nestedExplicitKeysFailFast() throws {
        let bytes = try #require(FileManager.default.contents(atPath: Fixture.path("hostile/fail-nested-explicit-keys.yaml")))
        let error = #expect(throws: SyntaxError.self) { try YAMLReader().read([UInt8](bytes)) }
        #expect(error?.message.contains("explicit mapping keys") == true, "\(String(describing: error))")
    }

    /// What only looks like a collection or alias key — in quoted scalars, comments, block scalars, plain text and
    /// tagged block scalars — is read as it always was.
    @Test func textThatLooksLikeComplexKeysStillParses() throws {
        let yaml = """
            a: "x]: y"
            b: 'it''s [1]: z'   # [2]: not a key either
            c: |
              ? not a key
              [1]: https://example.com
              *alias : text
            d: !Sub |
              {x}: y
            e:
              - >-
                [a]: b
              - plain ? text
            f: [http://example.com, {g: "*h"}, a?b]
            "q]": quoted key
            i: &anchor {j: 1}
            k: *anchor
            l]: plain key with a bracket
            m[0]: another
            n: echo [unbalanced
            o: |
              [1]: still block text
            p: |
              [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
            --- |
              [top]: level block
            """
        let documents = try YAMLReader().read(Array(yaml.utf8))
        #expect(documents.count == 2)
        let first = try #require(documents.first)
        #expect(first["c"]?.string == "? not a key\n[1]: https://example.com\n*alias : text\n")
        #expect(first["d"]?.string == "{x}: y\n" && first["d"]?.tag == "!Sub")
        #expect(first["e"]?.items?.map(\.string) == ["[a]: b", "plain ? text"])
        #expect(first["q]"]?.string == "quoted key")
        #expect(first["k"]?["j"]?.numberLiteral == "1")
        #expect(first["l]"]?.string == "plain key with a bracket" && first["m[0]"]?.string == "another")
        #expect(first["n"]?.string == "echo [unbalanced" && first["o"]?.string == "[1]: still block text\n")
        #expect(first["p"]?.string == String(repeating: "[", count: 300) + "\n", "brackets in a block scalar are text, not nesting")
        #expect(documents.last?.string == "[top]: level block")
    }

    /// However a file is named (inside a directory given too, through `.`, `..` or doubled slashes), it is checked once.
    @Test func aFileNamedSeveralWaysIsCheckedOnce() throws {
        let (directory, sub) = try Self.tree("twice", manifest: "app.yaml")
        let paths = [directory.path, directory.path + "/./app.yaml", sub.path + "/../app.yaml", directory.path + "//app.yaml"]
        let report = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test").run(paths: paths)
        #expect(report.filesChecked.count == 1)
        #expect(report.errors.isEmpty)
    }

    @Test func specialFilesAreNeverOpened() throws {
        let directory = ScratchFolder.path("fifo")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fifo = directory.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        let walked = run.run(paths: [directory.path])
        #expect(walked.errors.first?.message.contains("no policycheck manifest found (1 file skipped)") == true)
        // Listed as a skip, never dropped unseen (tester, round 38), and never opened.
        #expect(walked.filesSkipped.map(\.kind) == ["not a regular file"])
        #expect(walked.filesSkipped.first?.file.hasSuffix("pipe.yaml") == true)
        try Data(Fixture.text("native/compliant/dedicated.yaml").utf8).write(to: directory.appendingPathComponent("app.yaml"))
        let beside = run.run(paths: [directory.path])
        #expect(beside.filesChecked.count == 1 && beside.filesSkipped.count == 1 && beside.errors.isEmpty)
        let named = run.run(paths: [fifo])
        #expect(named.errors.map(\.message) == ["not a regular file"])
    }

    @Test func byokReferencesToSpecialFilesAreNeverOpened() throws {
        let directory = ScratchFolder.path("byok-fifo")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let fifo = directory.appendingPathComponent("wrapping.der").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let manifest = try Fixture.text("native/key-material/byok/fail-plaintext-material.yaml")
            .replacingOccurrences(of: "../../../keys/wrapping-rsa4096.der", with: fifo)
            .replacingOccurrences(of: "../../../keys/", with: Fixture.path("keys") + "/")
        let report = Mutex<CheckReport?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            // The FIFO and the key fixtures lie outside the temporary tree: allowed, so the FIFO is what is judged.
            let result = try? Self.run(["byok.yaml": Self.text(manifest)], allowOutsideTree: true)
            report.withLock { $0 = result }
            finished.signal()
        }.start()
        if finished.wait(timeout: .now() + 30) == .timedOut {
            Issue.record("opening the FIFO named by wrappingPublicKey blocked")
            // A writer unblocks the reader (then closing gives it end of file), so the test ends either way.
            close(open(fifo, O_WRONLY | O_NONBLOCK))
            finished.wait()
        }
        let result = try #require(report.withLock { $0 })
        #expect(result.exitCode == 2)
        let messages = result.errors.map(\.message)
        #expect(messages.count == 1 && messages[0].contains("wrappingPublicKey") && messages[0].hasSuffix("not a regular file"),
                "\(messages)")
    }

    @Test func filesOverTheSizeLimitAreRefusedWhole() throws {
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        run.maxFileBytes = 64
        let report = run.run(paths: [Fixture.path("native/compliant/dedicated.yaml")])
        #expect(report.exitCode == 2)
        #expect(report.errors.first?.message.contains("larger than the 64-byte limit") == true)
    }
}
