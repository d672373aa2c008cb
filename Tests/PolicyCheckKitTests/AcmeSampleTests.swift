import PolicyCheckKit
import Testing

/// The "done when" story: a pack that extends the default, adds a rule, disables one and raises another's
/// severity; it lints clean, its tests pass, and it fires on input of every format that has a fixture.
@Suite struct AcmeSampleTests {
    static let policy: CompiledPolicy = {
        do {
            return try PolicySources.load([PackText.root("samples/policies/acme.yaml")])
        } catch {
            fatalError("samples/policies/acme.yaml does not load: \(error)")
        }
    }()

    /// Inputs whose file store is keyed from another account, one line per format (under
    /// `samples/policies/tests/fixtures/`); Terraform and CloudFormation fixtures join as their adapters land.
    static let keyedFromAnotherAccount: [(fixture: String, line: Int)] = [
        ("native/file-store-other-account.yaml", 17),
        // ("terraform-plan/file-store-other-account.json", <line>),
        // ("cloudformation/file-store-other-account.yaml", <line>),
    ]

    @Test func lintsClean() {
        #expect(PolicyLoader().lint(file: PackText.root("samples/policies/acme.yaml")).isEmpty)
    }

    @Test func composesTheDefaultPack() throws {
        #expect(Self.policy.rule(id: "MMC-NET-008") == nil)
        #expect(Self.policy.rule(id: "MMC-NET-005")?.rule.severity == .high)
        let custom = try #require(Self.policy.rule(id: "ACME-ENC-001"))
        #expect(custom.rule.isCustom && custom.rule.category == .encryption)
        #expect(Self.policy.rule(id: "ACME-NET-001")?.rule.category == .custom)
        #expect(Self.policy.rules.count == Fixture.defaultPolicy.rules.count - 1 + 2)
    }

    @Test(arguments: zip(keyedFromAnotherAccount.map(\.fixture), keyedFromAnotherAccount.map(\.line)))
    func firesOnAFileStoreKeyedFromAnotherAccount(_ fixture: String, _ line: Int) throws {
        let input = InputDiscovery.Input(path: PackText.root("samples/policies/tests/fixtures/" + fixture), displayPath: fixture, isExplicit: true)
        let read = InputReader().read(input)
        #expect(read.errors.isEmpty, "\(read.errors)")
        let evaluator = Evaluator(policy: Self.policy)
        let findings = read.deployments.flatMap { evaluator.evaluate($0, context: CheckContext(now: Fixture.now)).findings }
        let fired = findings.filter { $0.ruleId == "ACME-ENC-001" }
        #expect(fired.count == 1)
        let finding = try #require(fired.first)
        #expect(finding.line == line)
        #expect(finding.severity == .high)
        #expect(finding.message.contains("account 444455556666"))
        #expect(finding.controls == ["SOC2:CC6.1", "ISO27001-2022:A.8.24"])
    }

    @Test func passesTheCompliantFixture() {
        let input = InputDiscovery.Input(path: PackText.root("samples/policies/tests/fixtures/native/acme-compliant.yaml"),
                                         displayPath: "acme-compliant.yaml", isExplicit: true)
        let read = InputReader().read(input)
        let evaluator = Evaluator(policy: Self.policy)
        let findings = read.deployments.flatMap { evaluator.evaluate($0, context: CheckContext(now: Fixture.now)).findings }
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }
}
