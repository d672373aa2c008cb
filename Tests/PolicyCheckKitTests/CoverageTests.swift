import Foundation
import PolicyCheckKit
import Testing

/// Keeps the fixture suite honest: every rule of the default pack has fail and pass fixtures, and every fixture's
/// name matches what it does.
@Suite struct CoverageTests {
    static let failures = OfferingRuleTests.failures + ResidencyRuleTests.failures + EncryptionRuleTests.failures
        + ByokRuleTests.failures + NetworkRuleTests.failures + AvailabilityRuleTests.failures
        + ChangeManagementRuleTests.failures + KeyMaterialRuleTests.failures + LoggingRuleTests.failures
    static let passes = OfferingRuleTests.passes + ResidencyRuleTests.passes + EncryptionRuleTests.passes
        + ByokRuleTests.passes + NetworkRuleTests.passes + AvailabilityRuleTests.passes
        + ChangeManagementRuleTests.passes + KeyMaterialRuleTests.passes + LoggingRuleTests.passes

    static let defaultRuleIds = Set(Fixture.defaultPolicy.rules.map(\.rule.id))

    /// Rules whose failing case needs a custom pack (tested in their family's suite).
    static let failingOnlyWithCustomPack: Set<String> = ["MMC-NET-009"]

    /// Rules about what only infrastructure code or `keys verify` can express, tested in their own suites
    /// (ModelRuleTests builds the model directly; KeyMaterialRuleTests runs `keys verify`).
    static let testedOutsideFixtureTables: Set<String> = [
        "MMC-KEY-010", "MMC-NET-011", "MMC-NET-012", "MMC-KM-012", "MMC-KM-013", "MMC-AVL-003",
        // Encryption in transit is read from plans and templates only (TransitEncryptionRuleTests).
        "MMC-ENC-003", "MMC-ENC-004",
    ]

    @Test func everyDefaultRuleHasAFailFixture() {
        let covered = Set(Self.failures.map(\.rule)).union(Self.failingOnlyWithCustomPack)
            .union(Self.testedOutsideFixtureTables)
        #expect(Self.defaultRuleIds.subtracting(covered).sorted() == [])
        #expect(covered.subtracting(Self.defaultRuleIds).sorted() == [])
    }

    @Test func everyDefaultRuleHasAPassFixture() {
        let covered = Set(Self.passes.map(\.rule)).union(Self.testedOutsideFixtureTables)
        #expect(Self.defaultRuleIds.subtracting(covered).sorted() == [])
    }

    /// Every `native/**/*.yaml` fixture.
    static let nativeFixtures: [String] = {
        let root = Fixture.directory.appendingPathComponent("native")
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".yaml") { paths.append("native/" + path) }
        }
        return paths.sorted()
    }()

    @Test func fixturesAreFound() {
        #expect(Self.nativeFixtures.count > 100)
    }

    /// `fail*.yaml` fixtures produce findings with the default pack, `pass*.yaml` and `compliant/*` produce none.
    @Test(arguments: nativeFixtures)
    func fixtureNameMatchesItsOutcome(_ fixture: String) {
        let result = Fixture.check(fixture)
        #expect(result.errors.isEmpty, "\(result.summary)")
        #expect(!result.deployments.isEmpty)
        let name = URL(fileURLWithPath: fixture).lastPathComponent
        if name.hasPrefix("pass") || fixture.hasPrefix("native/compliant/") {
            #expect(result.findings.isEmpty, "\(result.summary)")
        } else if fixture == "native/network/max-entries/fail.yaml" {
            #expect(result.findings.isEmpty, "fails only under the custom pack with maxEntries: 2")
        } else {
            #expect(name.hasPrefix("fail"))
            #expect(!result.findings.isEmpty)
        }
    }

    @Test func everyFailFixtureIsPinnedByATable() {
        let pinned = Set(Self.failures.map(\.fixture))
        let extra: Set<String> = [
            "native/offering/shared-everything/fail.yaml",  // OfferingRuleTests
            "native/network/max-entries/fail.yaml",  // NetworkRuleTests.maxEntriesComesFromThePackParameter
        ]
        let failFixtures = Self.nativeFixtures.filter { URL(fileURLWithPath: $0).lastPathComponent.hasPrefix("fail") }
        #expect(Set(failFixtures).subtracting(pinned).subtracting(extra).sorted() == [])
    }
}
