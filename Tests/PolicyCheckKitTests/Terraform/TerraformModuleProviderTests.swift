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

    /// A module's own provider block whose region is one of its variables (`provider "aws" { region = var.region }`),
    /// the pattern before provider configurations were passed in: the plan holds the value its call gives, as a
    /// literal or a variable of the caller, else the module's default. It was "cannot be verified", and the module's
    /// resources in eu-west-1 passed the residency gate when checked from the plan (a tester's real plan).
    private func plan(region expression: [String: Any]?, default fallback: String? = nil, nested: Bool = false) -> Plan {
        var plan = Plan()
        let module = nested ? "module.outer.module.inner" : "module.inner"
        plan.providers["\(module):aws"] = ["name": "aws", "module_address": module,
                                           "expressions": ["region": Plan.references("var.region")]]
        var variables: [String: Any] = ["region": [:] as [String: Any]]
        if let fallback { variables["region"] = ["default": fallback] }
        var inner: [String: Any] = ["source": "./inner", "module": [
            "resources": [["address": "aws_s3_bucket.data", "mode": "managed", "provider_config_key": "\(module):aws",
                           "expressions": [:] as [String: Any]]],
            "variables": variables]]
        if let expression { inner["expressions"] = ["region": expression] }
        if nested {
            plan.moduleCalls["outer"] = ["source": "./outer", "expressions": ["region": Plan.references("var.dr_region")],
                                         "module": ["module_calls": ["inner": inner], "variables": ["region": [:] as [String: Any]]]]
        } else {
            plan.moduleCalls["inner"] = inner
        }
        plan.variables = ["dr_region": ["value": "eu-west-1"]]
        return plan
    }

    @Test func aModuleProvidersRegionIsTheValueItsCallGives() throws {
        let literal = try residency(plan(region: Plan.constant("eu-west-1")))
        #expect(literal.map { "\($0.resource) \($0.cannotVerify) \($0.path)" }
            == ["module.inner.provider.aws false configuration.root_module.module_calls.inner.expressions.region.constant_value"])
        let fromRoot = try residency(plan(region: Plan.references("var.dr_region")))
        #expect(fromRoot.map { "\($0.resource) \($0.cannotVerify) \($0.path)" } == ["module.inner.provider.aws false variables.dr_region.value"])
        let nested = try residency(plan(region: Plan.references("var.region"), nested: true))
        #expect(nested.map { "\($0.resource) \($0.cannotVerify) \($0.path)" } == ["module.outer.module.inner.provider.aws false variables.dr_region.value"])
        let defaulted = try residency(plan(region: nil, default: "eu-west-1"))
        #expect(defaulted.map { "\($0.resource) \($0.cannotVerify)" } == ["module.inner.provider.aws false"])
        // The allowed region passes; a call whose value the plan does not hold still cannot be verified.
        #expect(try residency(plan(region: Plan.constant("us-east-1"))).isEmpty)
        let unknown = try residency(plan(region: Plan.references("aws_region.current.name")))
        #expect(unknown.map { "\($0.resource) \($0.cannotVerify)" } == ["module.inner.provider.aws true"])
    }
}
