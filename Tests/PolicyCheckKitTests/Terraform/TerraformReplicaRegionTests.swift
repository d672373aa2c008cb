import PolicyCheckKit
import Testing

/// Regions written inside nested blocks (DynamoDB and Secrets Manager replicas, ECR replication destinations) are
/// where a copy of the data is kept, located at the nested attribute.
@Suite struct TerraformReplicaRegionTests {
    typealias Plan = TerraformPlanBuilder

    private func residency(_ plan: Plan) throws -> [Finding] {
        try TerraformFixture.findings("MMC-RES-001", json: plan.json)
    }

    @Test func aDynamoDBReplicaOutsideTheRegionFailsAtItsRegionName() throws {
        var plan = Plan()
        plan.change("aws_dynamodb_table.t", "aws_dynamodb_table", after: [
            "name": "t", "replica": [["region_name": "us-east-1"], ["region_name": "eu-west-1"]],
        ])
        let findings = try residency(plan)
        #expect(findings.map(\.path) == ["resource_changes[0].change.after.replica[1].region_name"])
        #expect(findings.map(\.resource) == ["aws_dynamodb_table.t"])
        #expect(findings.map(\.message) == [
            "replica region is 'eu-west-1': a copy of the data would be kept in a region outside the allowed us-east-1",
        ])
        #expect(findings.map(\.cannotVerify) == [false])
    }

    @Test func aReplicaInTheAllowedRegionPasses() throws {
        var plan = Plan()
        plan.change("aws_dynamodb_table.t", "aws_dynamodb_table", after: ["name": "t", "replica": [["region_name": "us-east-1"]]])
        plan.change("aws_secretsmanager_secret.s", "aws_secretsmanager_secret", after: ["name": "s", "replica": [["region": "us-east-1"]]])
        #expect(try residency(plan).isEmpty)
    }

    @Test func aSecretReplicaAndAnECRDestinationOutsideTheRegionFail() throws {
        var plan = Plan()
        plan.change("aws_secretsmanager_secret.s", "aws_secretsmanager_secret", after: ["name": "s", "replica": [["region": "eu-west-1"]]])
        plan.change("aws_ecr_replication_configuration.r", "aws_ecr_replication_configuration", after: [
            "replication_configuration": [["rule": [["destination": [
                ["region": "us-east-1", "registry_id": "111122223333"], ["region": "ap-south-1", "registry_id": "111122223333"],
            ]]]]],
        ])
        let findings = try residency(plan)
        #expect(findings.map { "\($0.resource) \($0.path)" } == [
            "aws_secretsmanager_secret.s resource_changes[0].change.after.replica[0].region",
            "aws_ecr_replication_configuration.r resource_changes[1].change.after.replication_configuration[0].rule[0].destination[1].region",
        ])
        #expect(findings.last?.message.hasPrefix("replication destination region is 'ap-south-1'") == true)
    }

    @Test func aReplicaRegionKnownOnlyAfterApplyCannotBeVerified() throws {
        var plan = Plan()
        plan.change("aws_dynamodb_table.t", "aws_dynamodb_table", after: ["name": "t", "replica": [[:] as [String: Any]]],
                    unknown: ["replica": [["region_name": true]]])
        plan.configure("aws_dynamodb_table.t", ["replica": [["region_name": Plan.references("var.replica_region")]]])
        let findings = try residency(plan)
        #expect(findings.map(\.cannotVerify) == [true])
        #expect(findings.map(\.path) == ["resource_changes[0].change.after_unknown.replica[0].region_name"])
        #expect(findings.first?.message
            == "replica region cannot be verified: known only after apply (it comes from var.replica_region)")
    }

    @Test func aKnownRegionOutsideFailsEvenBesideAnUnknownOne() throws {
        var plan = Plan()
        plan.change("aws_dynamodb_table.t", "aws_dynamodb_table",
                    after: ["name": "t", "replica": [["region_name": "eu-west-1"], [:] as [String: Any]]],
                    unknown: ["replica": [[:] as [String: Any], ["region_name": true]]])
        plan.configure("aws_dynamodb_table.t", ["replica": [["region_name": Plan.constant("eu-west-1")],
                                                            ["region_name": Plan.references("var.replica_region")]]])
        let findings = try residency(plan)
        #expect(findings.map(\.cannotVerify) == [false])
        #expect(findings.map(\.path) == ["resource_changes[0].change.after.replica[0].region_name"])
    }

    @Test func aTableReplicaResourceTakesItsProvidersRegion() throws {
        var plan = Plan()
        plan.providers["aws.eu"] = ["name": "aws", "alias": "eu", "expressions": ["region": ["constant_value": "eu-west-1"]]]
        plan.change("aws_dynamodb_table_replica.eu", "aws_dynamodb_table_replica", after: [:],
                    unknown: ["global_table_arn": true])
        plan.configure("aws_dynamodb_table_replica.eu", ["global_table_arn": Plan.references("aws_dynamodb_table.t.arn")],
                       provider: "aws.eu")
        let findings = try residency(plan).filter { $0.resource == "aws_dynamodb_table_replica.eu" }
        #expect(findings.map(\.message) == [
            "provider region (the resource uses provider aws.eu) is 'eu-west-1': it places data in a region outside the allowed us-east-1",
        ])
    }
}
