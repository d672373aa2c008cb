import PolicyCheckKit
import Testing

/// A module's `provider_config` entry with no `expressions` only says the module needs the provider (or is passed
/// one): it stands for its caller's configuration, not for a provider left to the environment.
@Suite struct TerraformModuleProviderTests {
    typealias Plan = TerraformPlanBuilder

    private func residency(_ plan: Plan) throws -> [Finding] {
        try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json)).filter { $0.ruleId == "MMC-RES-001" }
    }

    /// terraform-compliance's `test_issue-567` shape: the root's only `aws` configuration is in us-east-1.
    @Test func aModuleRequirementStandsForTheOnlyConfiguration() throws {
        var plan = Plan()
        plan.providers["module.logs:aws"] = ["name": "aws", "version_constraint": ">= 4.0", "module_address": "module.logs"]
        #expect(try residency(plan).isEmpty)

        plan.providers["aws"] = ["name": "aws", "expressions": ["region": ["constant_value": "eu-west-1"]]]
        let findings = try residency(plan)
        #expect(findings.map { "\($0.resource) \($0.cannotVerify)" } == ["provider.aws false"], "judged once, as the root's")
    }

    /// With two configurations the module could have been passed either (`providers = { aws = aws.eu }`), and a plan
    /// does not record which: never a pass.
    @Test func aModuleRequirementBesideSeveralConfigurationsCannotBeVerified() throws {
        var plan = Plan()
        plan.providers["aws.eu"] = ["name": "aws", "alias": "eu", "expressions": ["region": ["constant_value": "us-east-1"]]]
        plan.providers["module.logs:aws"] = ["name": "aws", "module_address": "module.logs"]
        let findings = try residency(plan)
        #expect(findings.map { "\($0.resource) \($0.cannotVerify)" } == ["module.logs.provider.aws true"])
        #expect(findings.first?.message.contains("inherited, or passed in `providers`") == true, "\(findings.map(\.message))")
    }

    /// No configuration at all: the module's provider is the empty default, whose region is the environment's.
    @Test func aModuleRequirementWithNoConfigurationTakesTheEnvironmentsRegion() throws {
        var plan = Plan()
        plan.providers = ["module.logs:aws": ["name": "aws", "module_address": "module.logs"]]
        let findings = try residency(plan)
        #expect(findings.map { "\($0.resource) \($0.cannotVerify)" } == ["module.logs.provider.aws true"])
        #expect(findings.first?.message.contains("configures no aws provider") == true, "\(findings.map(\.message))")
    }
}
