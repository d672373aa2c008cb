import PolicyCheckKit
import Testing

/// A module's `provider_config` entry with no `expressions` that no resource names only says the module requires the
/// provider: its resources use their caller's configuration, and the entry is no provider left to the environment.
/// One that a resource names is a configuration those resources use — an empty `provider "aws" {}` in the module
/// looks the same — and stays "cannot verify".
@Suite struct TerraformModuleProviderTests {
    typealias Plan = TerraformPlanBuilder

    private func residency(_ plan: Plan) throws -> [Finding] {
        try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json)).filter { $0.ruleId == "MMC-RES-001" }
    }

    private func plan(moduleResourceKey: String?) -> Plan {
        var plan = Plan()
        plan.providers["module.logs:aws"] = ["name": "aws", "version_constraint": ">= 4.0", "module_address": "module.logs"]
        var resource: [String: Any] = ["address": "aws_cloudwatch_log_group.this", "mode": "managed", "expressions": [:] as [String: Any]]
        if let moduleResourceKey { resource["provider_config_key"] = moduleResourceKey }
        plan.moduleCalls["logs"] = ["source": "./logs", "module": ["resources": [resource]]]
        return plan
    }

    /// terraform-compliance's `test_issue-567` shape, as Terraform 1.1+ writes it: the module's resources name the
    /// root's configuration, and the requirement entry no resource names is no configuration of its own.
    @Test func aRequirementNoResourceNamesIsNoConfiguration() throws {
        #expect(try residency(plan(moduleResourceKey: "aws")).isEmpty)
        #expect(try residency(plan(moduleResourceKey: nil)).isEmpty)
    }

    /// The reviewer's case: an entry the module's resources name may be an empty provider block of the module's own,
    /// which takes the environment's region — never taken for the root's us-east-1.
    @Test func anEntryAResourceNamesIsJudgedAsAConfiguration() throws {
        for key in ["module.logs:aws", "logs:aws"] {
            let findings = try residency(plan(moduleResourceKey: key))
            #expect(findings.map { "\($0.resource) \($0.cannotVerify)" } == ["module.logs.provider.aws true"], "\(key)")
            #expect(findings.first?.message.contains("names no region") == true, "\(findings.map(\.message))")
        }
    }
}
