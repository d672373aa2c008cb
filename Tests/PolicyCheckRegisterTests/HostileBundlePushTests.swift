import Foundation
import PolicyCheckRegister
import Testing

/// `register push` with a bundle handed over by someone hostile (unsigned, evidence.json edited, pages intact):
/// what it prints is neutralised for a terminal or CI log, and a run whose id or verdict is not one `report`
/// writes is refused — exit 2, recorded as a refusal, nothing stored (docs/audit.md, docs/security.md).
@Suite struct HostileBundlePushTests {
    static let engines = RegisterCommandTests.engines

    /// No ESC, no line break, no line that starts a GitHub workflow command.
    static func expectInert(_ text: String, _ comment: Comment? = nil) {
        #expect(!text.contains("\u{1b}"), comment)
        for line in text.split(separator: "\n") {
            #expect(!line.drop(while: { $0 == " " }).hasPrefix("::"), "a line starts a workflow command: \(line)")
        }
    }

    @Test(arguments: engines)
    func pushPrintsBundleFieldsCleanedForTheTerminal(_ engine: Engine) throws {
        let factory = try BundleFactory()
        let register = try engine.freshLocation()
        let bundle = try factory.clone("ref", runId: BundleFactory.runId("ref"), repository: "acme/x\\u001b]0;owned\\u0007", at: BundleFactory.epoch)
        try BundleFactory.edit(bundle.path, [("\"ref\": \"refs/heads/main\"",
            "\"ref\": \"refs/heads/main\\u001b[2J\\u001b[32m\\n::error file=x::forged annotation\\n::add-mask::main\"")])
        let push = try Shell.run(Shell.policycheck, ["register", "push", bundle.path, "--register", register])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stdout.split(separator: "\n").count == 1, "\(push.stdout)")
        #expect(push.stdout.hasPrefix("stored \(BundleFactory.runId("ref")) acme/x\\u{1B}]0;owned\\u{7} refs/heads/main\\u{1B}[2J"), "\(push.stdout)")
        Self.expectInert(push.stdout)
        let again = try Shell.run(Shell.policycheck, ["register", "push", bundle.path, "--register", register])
        #expect(again.stdout.hasPrefix("already stored"))
        Self.expectInert(again.stdout)
    }

    @Test(arguments: engines)
    func aRunIdOrVerdictReportNeverWritesIsRefused(_ engine: Engine) async throws {
        let factory = try BundleFactory()
        let register = try engine.freshLocation()
        let hexUpper = BundleFactory.runId("upper").uppercased()
        let cases: [(name: String, runId: String, edit: [(String, String)], reason: String)] = [
            ("forged-id", "zz\\n::warning::forged-id", [], "run.id is not 32 lowercase hex digits"),
            ("upper-id", hexUpper, [], "run.id is not 32 lowercase hex digits"),
            ("short-id", String(BundleFactory.runId("short").prefix(31)), [], "run.id is not 32 lowercase hex digits"),
            ("verdict", BundleFactory.runId("verdict"), [("\"verdict\": \"", "\"verdict\": \"pass\\u001b[2J")],
             "run.verdict is not pass, fail or error"),
        ]
        for item in cases {
            let bundle = try factory.clone(item.name, runId: item.runId, repository: "acme/api", at: BundleFactory.epoch)
            if !item.edit.isEmpty { try BundleFactory.edit(bundle.path, item.edit) }
            let push = try Shell.run(Shell.policycheck, ["register", "push", bundle.path, "--register", register])
            #expect(push.status == 2, "\(item.name): \(push.stdout)")
            #expect(push.stdout.isEmpty)
            #expect(push.stderr == "\(bundle.path): error: refused: evidence.json's \(item.reason); nothing stored\n", "\(item.name)")
            Self.expectInert(push.stderr)
        }
        let opened = try await RegisterLocation.parse(register).open()
        let stored = try await opened.runCount()
        let refusals = try await opened.select(SQLStatement("SELECT COUNT(*) FROM refusals"))
        await opened.close()
        #expect(stored == 0)
        #expect(refusals.first?.first?.int == cases.count)
    }
}
