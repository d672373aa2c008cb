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

        let out = try TemporaryFolder.make().appendingPathComponent("audit")
        let audit = try Shell.run(Shell.policycheck, ["audit", "--from", "2025-01-01", "--to", "2025-01-31",
                                                      "--register", register, "--out", out.path])
        #expect(audit.status == 0, "\(audit.stderr)")
        let evidence = try JSONReader().read(Array(try Data(contentsOf: out.appendingPathComponent("evidence.json"))))
        let chains = evidence["population"]?["chains"]?.items ?? []
        let counts = chains.map { ($0["repository"]?.string ?? "", $0["runs"]?.numberLiteral ?? "", $0["unauthenticated"]?.numberLiteral ?? "") }
        #expect(counts.contains { $0.0 == "acme/api" && $0.1 == "2" && $0.2 == "2" }, "\(counts)")
        #expect(counts.contains { $0.0 != "acme/api" && $0.1 == "1" && $0.2 == "0" }, "\(counts)")
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("| Repository | Ref | Runs | Pass | Fail | Error | Unauthenticated | First | Last |"))
        #expect(markdown.contains("**not authenticated**<br>pushed without --pubkey"), "\(markdown)")
        #expect(markdown.contains("verified<br>signer SPKI SHA-256 "), "\(markdown)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("not authenticated"))
    }
}
