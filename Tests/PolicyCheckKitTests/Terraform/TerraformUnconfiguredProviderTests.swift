import PolicyCheckKit
import Testing

/// A plan whose AWS resources name a provider configuration no `provider_config` entry holds: the configuration has
/// no `provider "aws"` block, so Terraform gives the provider an empty one, whose region is the environment's. Four
/// of Checkov's plan fixtures are shaped so; they passed residency silently.
@Suite struct TerraformUnconfiguredProviderTests {
    typealias Plan = TerraformPlanBuilder

    private func residency(_ plan: Plan) throws -> [Finding] {
        try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json)).filter { $0.ruleId == "MMC-RES-001" }
    }

    private func plan(providers: [String: Any], rootKey: String?, moduleKey: String?) -> Plan {
        var plan = Plan()
        plan.providers = providers
        plan.change("aws_s3_bucket.logs", "aws_s3_bucket", after: ["bucket": "logs"])
        if let rootKey { plan.configure("aws_s3_bucket.logs", [:], provider: rootKey) }
        if let moduleKey {
            let resource: [String: Any] = ["address": "aws_sqs_queue.q", "mode": "managed", "provider_config_key": moduleKey,
                                           "expressions": [:] as [String: Any]]
            plan.moduleCalls["queue"] = ["source": "./queue", "module": ["resources": [resource]]]
        }
        return plan
    }

    @Test func aResourceWhoseProviderHasNoBlockCannotBeVerified() throws {
        for (rootKey, moduleKey) in [("aws", nil), (nil, "module.queue:aws"), ("aws", "module.queue:aws"), (nil, "queue:aws")] as [(String?, String?)] {
            let findings = try residency(plan(providers: [:], rootKey: rootKey, moduleKey: moduleKey))
            #expect(findings.map { "\($0.resource) \($0.cannotVerify)" } == ["provider.aws true"], "\(String(describing: rootKey)) \(String(describing: moduleKey))")
            #expect(findings.first?.message == "provider region cannot be verified: no provider block configures it, so it takes AWS_REGION or the shared configuration's when Terraform runs")
        }
    }

    @Test func anAliasWithoutABlockIsNamedByItsAlias() throws {
        let findings = try residency(plan(providers: Plan().providers, rootKey: "aws.replica", moduleKey: nil))
        #expect(findings.map(\.resource) == ["provider.aws.replica"])
    }

    @Test func aConfiguredProviderOrOtherProvidersAreNotFlagged() throws {
        let east = Plan().providers
        #expect(try residency(plan(providers: east, rootKey: "aws", moduleKey: "module.queue:aws")).isEmpty, "the module inherits the root's")
        let moduleOwn: [String: Any] = ["aws": east["aws"]!, "module.queue:aws": ["name": "aws", "module_address": "module.queue",
                                         "expressions": ["region": ["constant_value": "us-east-1"]]]]
        #expect(try residency(plan(providers: moduleOwn, rootKey: "aws", moduleKey: "queue:aws")).isEmpty, "Terraform 1.0's key spelling")
        #expect(try residency(plan(providers: [:], rootKey: "random", moduleKey: "module.queue:null")).isEmpty)
    }
}
