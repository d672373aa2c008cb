import PolicyCheckKit
import Testing

/// Key settings unknown until apply (rotation, policy) cannot be verified; replica keys carry their region.
@Suite struct TerraformKeyUnknownsTests {
    typealias Plan = TerraformPlanBuilder

    @Test func rotationAndPolicyUnknownUntilApplyCannotBeVerified() throws {
        var plan = Plan()
        plan.change("aws_kms_key.data", "aws_kms_key", after: ["description": "data"],
                    unknown: ["arn": true, "enable_key_rotation": true, "policy": true])
        plan.configure("aws_kms_key.data", [
            "enable_key_rotation": Plan.references("var.rotate"),
            "policy": Plan.references("data.aws_iam_policy_document.key.json", "data.aws_iam_policy_document.key"),
        ])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        let key = try #require(deployment.keys.first)
        #expect(key.rotation?.mode == nil)
        #expect(key.rotation?.unknownReason == "known only after apply (it comes from var.rotate)")
        let findings = try TerraformFixture.findings(deployment)
        #expect(findings.map { "\($0.ruleId) \($0.severity.rawValue) \($0.cannotVerify) \($0.path)" }.sorted() == [
            "MMC-KEY-005 info true resource_changes[0].change.after_unknown.enable_key_rotation",
            "MMC-KEY-010 info true resource_changes[0].change.after_unknown.policy",
        ])
        #expect(findings.map(\.message).sorted() == [
            "key rotation cannot be verified: known only after apply (it comes from var.rotate)",
            "the key policy cannot be verified: known only after apply (it comes from data.aws_iam_policy_document.key.json)",
        ])
    }

    @Test func rotationLeftToTheProviderIsStillNotEnabled() throws {
        var plan = Plan()
        plan.change("aws_kms_key.data", "aws_kms_key", after: ["enable_key_rotation": false], unknown: ["arn": true, "policy": true])
        plan.configure("aws_kms_key.data", [:])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        // A policy the provider fills in is AWS's default key policy: nothing to judge.
        #expect(deployment.keys.first?.policy == nil)
        let findings = try TerraformFixture.findings(deployment)
        #expect(findings.map { "\($0.ruleId) \($0.severity.rawValue)" } == ["MMC-KEY-005 medium"])
    }

    @Test func replicaKeyRegionIsTheRegionOfItsProvider() throws {
        var plan = Plan()
        plan.providers["aws.replica"] = ["name": "aws", "alias": "replica",
                                         "expressions": ["region": ["constant_value": "eu-west-1"]]]
        plan.change("aws_kms_key.primary", "aws_kms_key", after: ["enable_key_rotation": true, "multi_region": true],
                    unknown: ["arn": true])
        plan.change("aws_kms_replica_key.replica", "aws_kms_replica_key", after: ["description": "replica"],
                    unknown: ["arn": true, "primary_key_arn": true])
        plan.configure("aws_kms_key.primary", [:])
        plan.configure("aws_kms_replica_key.replica",
                       ["primary_key_arn": Plan.references("aws_kms_key.primary.arn", "aws_kms_key.primary")],
                       provider: "aws.replica")
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.keys.first?.replicaRegions.map(\.value) == ["eu-west-1"])
        #expect(deployment.keys.first?.replicaRegions.first?.origin.path == "resource_changes[1].change.after_unknown.arn")
        let replica = deployment.regions.filter { $0.component == "aws_kms_replica_key.replica" }
        #expect(replica.map { "\($0.region) \($0.role) \($0.isReplica)" }
            == ["eu-west-1 KMS replica key region (its provider's region) true"])
        let findings = try TerraformFixture.findings(deployment)
        #expect(findings.map { "\($0.ruleId) \($0.resource)" }.sorted() == [
            "MMC-KEY-002 aws_kms_key.primary", "MMC-RES-001 aws_kms_replica_key.replica",
            "MMC-RES-001 provider.aws.replica", "MMC-RES-002 aws_kms_key.primary",
        ])
    }
}
