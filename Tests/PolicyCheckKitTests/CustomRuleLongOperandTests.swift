import PolicyCheckKit
import Testing

/// A failing comparison spells 16 of a rule's operands and counts the rest: each of 10,000 failing entries printed
/// the rule's 10,000 operands (1.8 GB of report).
@Suite struct CustomRuleLongOperandTests {
    @Test func aMessageSpellsSixteenOperandsAndCountsTheRest() throws {
        let regions = (0..<20).map { "eu-region-\($0)" }
        let policy = try PackText.load(PackText.customRule("""
            category: residency
            select: {resource: deployment}
            assert: {path: region, in: [\(regions.joined(separator: ", "))]}
            """))
        let finding = try #require(Fixture.check(yaml: CustomRuleTests.manifest, policy: policy).findings.first)
        let shown = regions.prefix(16).map { "'\($0)'" }.joined(separator: ", ")
        #expect(finding.message.contains("\(shown), … (20 values)"), "\(finding.message)")
        #expect(!finding.message.contains("eu-region-16"))
    }
}
