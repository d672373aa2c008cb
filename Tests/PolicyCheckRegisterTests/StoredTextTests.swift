import Foundation
import KeyMaterial
import PolicyCheckRegister
import Testing

/// A U+0000 in a bundle's text (a resource name written as `"hooli\0prod"` in YAML) is stored the same way by both
/// engines — as `\u0000` — and reported the same way: SQLite used to truncate at it, PostgreSQL to refuse the push.
@Suite struct StoredTextTests {
    static let engines: [Engine] = Engine.postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    static let period = try! AuditPeriod(from: "2025-01-01", to: "2025-01-31", repositories: [], seed: 1)

    @Test func escapeReplacesOnlyNul() {
        #expect(StoredText.escape("hooli\u{0}prod\u{0}") == "hooli\\u0000prod\\u0000")
        #expect(StoredText.escape("plain \u{1b} \\u0000 é") == "plain \u{1b} \\u0000 é")
    }

    /// A bundle whose repository, actor and every finding's resource hold a NUL (JSON `\u0000` in evidence.json).
    static func nulBundle(_ factory: BundleFactory, name: String) throws -> String {
        let made = try factory.clone(name, runId: BundleFactory.runId(name), repository: "acme/nul\\u0000api", at: BundleFactory.epoch)
        let file = URL(fileURLWithPath: made.path).appendingPathComponent("evidence.json")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "\"resource\": \"", with: "\"resource\": \"r\\u0000")
            .replacingOccurrences(of: "\"actor\": \"dev\"", with: "\"actor\": \"d\\u0000ev\"")
        try Data(text.utf8).write(to: file)
        return made.path
    }

    @Test func bothEnginesStoreAndReportANulIdentically() async throws {
        let factory = try BundleFactory()
        let bundle = try Self.nulBundle(factory, name: "nul")
        guard case .run(let run) = BundleIntake.read(bundle, publicKeyPEM: nil) else {
            Issue.record("the bundle was refused")
            return
        }
        #expect(run.repository == "acme/nul\\u0000api")
        #expect(run.actor == "d\\u0000ev")
        #expect(!run.findings.isEmpty && run.findings.allSatisfy { $0.resource.hasPrefix("r\\u0000") })
        var stored: [[String]] = []
        var bundles: [[String]] = []
        for engine in Self.engines {
            let register = try await engine.freshRegister()
            #expect(try await register.push([run]) == [.stored(.start)], "\(engine)")
            let rows = try await register.select(SQLStatement("""
                SELECT r.repository, r.actor, f.resource FROM runs r JOIN run_findings f ON f.run_id = r.run_id
                WHERE r.repository = ? ORDER BY f.position
                """, [.text(run.repository)]))
            stored.append(rows.flatMap { $0.map { $0.string ?? "(null)" } })
            let report = PeriodReport(try await PeriodLoader.load(register, period: Self.period), period: Self.period)
            bundles.append(try PeriodBundle.make(report, toolVersion: "test").map { Digest.sha256($0.bytes) })
            let json = try PeriodBundle.make(report, toolVersion: "test").first { $0.name == "evidence.json" }
            #expect(String(decoding: try #require(json).bytes, as: UTF8.self).contains(#""repository": "acme/nul\\u0000api""#))
            await register.close()
        }
        #expect(stored[0].count == 3 * run.findings.count)
        #expect(stored[0].prefix(3) == ["acme/nul\\u0000api", "d\\u0000ev", run.findings[0].resource])
        #expect(Set(stored).count == 1, "the engines stored different text: \(stored)")
        #expect(Set(bundles).count == 1, "the period bundles differ between engines")
    }

    /// What a refused bundle claims is text too: a NUL in it neither truncates nor blocks the refusal's record.
    @Test(arguments: engines)
    func aRefusalClaimingANulIsRecorded(_ engine: Engine) async throws {
        let factory = try BundleFactory()
        let bundle = try Self.nulBundle(factory, name: "tampered")
        try Data("<p>changed</p>".utf8).write(to: URL(fileURLWithPath: bundle).appendingPathComponent("report.md.new"))
        let page = URL(fileURLWithPath: bundle).appendingPathComponent("report.md")
        try FileManager.default.removeItem(at: page)
        try FileManager.default.moveItem(at: URL(fileURLWithPath: bundle).appendingPathComponent("report.md.new"), to: page)
        guard case .refused(let refusal) = BundleIntake.read(bundle, publicKeyPEM: nil) else {
            Issue.record("a tampered bundle was accepted")
            return
        }
        let register = try await engine.freshRegister()
        try await register.record(refusal, at: BundleFactory.epoch)
        let rows = try await register.select(SQLStatement("SELECT claimed_repository FROM refusals"))
        await register.close()
        #expect(rows.map { $0.first?.string } == ["acme/nul\\u0000api"])
    }
}
