import Foundation
import PolicyCheckSyntax
import Testing

/// The period pages say which runs the register authenticated: a forged copy of a bundle (verdict edited, signature
/// removed) pushed without `--pubkey` read as one more passing run, sampleable like the signed ones (tester round 31).
@Suite struct PeriodAuthenticationTests {
    @Test(arguments: RegisterCommandTests.engines)
    func pagesCountAndMarkRunsPushedWithoutAVerifiedSignature(_ engine: Engine) throws {
        let keys = try TemporaryFolder.make()
        let (key, pub) = try BundleFactory.keyPair("signer", in: keys)
        let factory = try BundleFactory(signKey: key)
        let register = try engine.freshLocation()
        let unsigned = try factory.chain("acme/api", count: 2, prefix: "u")
        let push = try Shell.run(Shell.policycheck, ["register", "push"] + unsigned + ["--register", register])
        #expect(push.status == 0, "\(push.stderr)")
        let signed = try Shell.run(Shell.policycheck, ["register", "push", try #require(factory.signedTemplate).path,
                                                       "--register", register, "--pubkey", pub])
        #expect(signed.status == 0, "\(signed.stderr)")

        let (out, evidence) = try JanuaryAudit.run(register)
        let chains = evidence["population"]?["chains"]?.items ?? []
        let counts = chains.map { ($0["repository"]?.string ?? "", $0["runs"]?.numberLiteral ?? "", $0["unauthenticated"]?.numberLiteral ?? "") }
        #expect(counts.contains { $0.0 == "acme/api" && $0.1 == "2" && $0.2 == "2" }, "\(counts)")
        #expect(counts.contains { $0.0 != "acme/api" && $0.1 == "1" && $0.2 == "0" }, "\(counts)")
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("| Repository | Ref | Runs | Pass | Fail | Error | Not authenticated | First | Last |"))
        #expect(markdown.contains("<br>not authenticated: pushed without --pubkey"), "\(markdown)")
        #expect(markdown.contains("<br>signature verified on push"), "\(markdown)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("not authenticated"))
    }
}

/// A run's time is its `SOURCE_DATE_EPOCH`, usually its commit's, which the commit's author sets: a backdated run
/// naming a later run as its previous one was "linked", and filed in the earlier period (tester round 31).
@Suite struct BackwardsLinkTests {
    @Test(arguments: RegisterCommandTests.engines)
    func aRunDatedBeforeThePreviousRunItNamesIsABreak(_ engine: Engine) throws {
        let factory = try BundleFactory()
        let register = try engine.freshLocation()
        let later = try factory.clone("later", runId: BundleFactory.runId("later"), repository: "acme/api",
                                      at: BundleFactory.epoch + 86_400)
        let backdated = try factory.clone("backdated", runId: BundleFactory.runId("backdated"), repository: "acme/api",
                                          at: BundleFactory.epoch + 3_600,
                                          previous: (BundleFactory.runId("later"), later.sha256))
        let push = try Shell.run(Shell.policycheck, ["register", "push", later.path, backdated.path, "--register", register])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stdout.contains("stored \(BundleFactory.runId("backdated")) acme/api refs/heads/main chain: backwards"), "\(push.stdout)")
        let (_, evidence) = try JanuaryAudit.run(register)
        let breaks = (evidence["population"]?["chainBreaks"]?.items ?? [])
            .map { ($0["runId"]?.string ?? "", $0["kind"]?.string ?? "") }
        #expect(breaks.contains { $0.0 == BundleFactory.runId("backdated") && $0.1 == "backwards" }, "\(breaks)")
    }

    /// A run backdated before the period (its commit's date set to 1999) that names a run of the period as its
    /// previous one was left out of the period's population, its findings with it, and the run it follows was named
    /// as the break (`unchained`): it is in the period its predecessor places it in, as the `backwards` break it is
    /// (hostile tester, round 35).
    @Test(arguments: RegisterCommandTests.engines)
    func aRunBackdatedBeforeThePeriodIsInThePeriodOfTheRunItFollows(_ engine: Engine) throws {
        let factory = try BundleFactory()
        let register = try engine.freshLocation()
        let first = try factory.clone("first", runId: BundleFactory.runId("first"), repository: "acme/api",
                                      at: BundleFactory.epoch + 3_600)
        let backdated = try factory.clone("backdated", runId: BundleFactory.runId("backdated"), repository: "acme/api",
                                          at: BundleFactory.epoch - 400 * 86_400,
                                          previous: (BundleFactory.runId("first"), first.sha256))
        // A second backdated run, earlier still, following the first: in the period too, however long the chain.
        let older = try factory.clone("older", runId: BundleFactory.runId("older"), repository: "acme/api",
                                      at: BundleFactory.epoch - 800 * 86_400,
                                      previous: (BundleFactory.runId("backdated"), backdated.sha256))
        let push = try Shell.run(Shell.policycheck, ["register", "push", first.path, backdated.path, older.path, "--register", register])
        #expect(push.status == 0, "\(push.stderr)")
        let (_, evidence) = try JanuaryAudit.run(register)
        let breaks = (evidence["population"]?["chainBreaks"]?.items ?? [])
            .map { "\($0["runId"]?.string ?? "") \($0["kind"]?.string ?? "")" }.sorted()
        #expect(breaks == ["\(BundleFactory.runId("backdated")) backwards", "\(BundleFactory.runId("older")) backwards"].sorted(), "\(breaks)")
        let chains = evidence["population"]?["chains"]?.items ?? []
        #expect(chains.contains { $0["repository"]?.string == "acme/api" && $0["runs"]?.numberLiteral == "3" },
                "\(chains.map { ($0["repository"]?.string ?? "", $0["runs"]?.numberLiteral ?? "") })")
    }
}

/// `audit` of January 2025 (the bundles' month) over a register: its folder and its evidence.json.
enum JanuaryAudit {
    static func run(_ register: String) throws -> (folder: URL, evidence: SourceNode) {
        let out = try TemporaryFolder.make().appendingPathComponent("audit")
        let audit = try Shell.run(Shell.policycheck, ["audit", "--from", "2025-01-01", "--to", "2025-01-31",
                                                      "--register", register, "--out", out.path])
        #expect(audit.status == 0, "\(audit.stderr)")
        return (out, try JSONReader().read(Array(try Data(contentsOf: out.appendingPathComponent("evidence.json")))))
    }
}
