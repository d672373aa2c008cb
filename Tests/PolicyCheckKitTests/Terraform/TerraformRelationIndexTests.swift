import PolicyCheckKit
import Testing

/// Relations the Terraform adapter resolves through indexes built once per plan pick the same resource a scan in
/// plan order picked: the first that refers to the target, a name only when nothing refers, and among the instances
/// of a block the one in the same module instance with the same key.
@Suite struct TerraformRelationIndexTests {
    typealias Plan = TerraformPlanBuilder

    private static var reference: [String: Any] { ["bucket": Plan.references("aws_s3_bucket.logs.id", "aws_s3_bucket.logs")] }

    @Test func theFirstCompanionThatRefersToTheBucketWinsOverOneThatNamesIt() throws {
        var plan = Plan()
        plan.change("aws_s3_bucket.logs", "aws_s3_bucket", after: ["bucket": "acme-logs"])
        // By name first in plan order, then two by reference: the first by reference configures the bucket.
        plan.change("aws_s3_bucket_acl.by_name", "aws_s3_bucket_acl", after: ["bucket": "acme-logs", "acl": "private"])
        plan.change("aws_s3_bucket_acl.first", "aws_s3_bucket_acl", after: ["acl": "public-read"], unknown: ["bucket": true])
        plan.change("aws_s3_bucket_acl.second", "aws_s3_bucket_acl", after: ["acl": "private"], unknown: ["bucket": true])
        plan.configure("aws_s3_bucket.logs", [:])
        plan.configure("aws_s3_bucket_acl.first", Self.reference)
        plan.configure("aws_s3_bucket_acl.second", Self.reference)
        let store = try #require(TerraformFixture.deployment(json: plan.json).dataStores.first)
        #expect(store.publicAccess?.value == .known(true))
        #expect(store.publicAccess?.origin.path == "resource_changes[2].change.after.acl")
    }

    @Test func withoutAReferenceTheFirstCompanionNamingTheBucketWins() throws {
        var plan = Plan()
        plan.change("aws_s3_bucket.logs", "aws_s3_bucket", after: ["bucket": "acme-logs"])
        plan.change("aws_s3_bucket.other", "aws_s3_bucket", after: ["bucket": "acme-other"])
        plan.change("aws_s3_bucket_acl.a", "aws_s3_bucket_acl", after: ["bucket": "acme-other", "acl": "private"])
        plan.change("aws_s3_bucket_acl.b", "aws_s3_bucket_acl", after: ["bucket": "acme-logs", "acl": "public-read-write"])
        plan.change("aws_s3_bucket_acl.c", "aws_s3_bucket_acl", after: ["bucket": "acme-logs", "acl": "private"])
        let stores = try TerraformFixture.deployment(json: plan.json).dataStores
        #expect(stores.map { "\($0.component) \($0.publicAccess?.origin.path ?? "-")" } == [
            "aws_s3_bucket.logs resource_changes[3].change.after.acl", "aws_s3_bucket.other -",
        ])
    }

    @Test func countedInstancesPairByModuleInstanceAndKey() throws {
        var plan = Plan()
        for module in ["module.a[0]", "module.a[1]"] {
            for index in 0..<3 {
                plan.change("\(module).aws_kms_key.k[\(index)]", "aws_kms_key", after: ["enable_key_rotation": true],
                            unknown: ["arn": true], module: module)
                plan.change("\(module).aws_ebs_volume.v[\(index)]", "aws_ebs_volume", after: ["encrypted": true],
                            unknown: ["kms_key_id": true], module: module)
            }
        }
        // One instance of a block elsewhere: every reference to it resolves to it, whatever the referrer's key.
        plan.change("module.a[1].aws_kms_key.only", "aws_kms_key", after: ["enable_key_rotation": true], module: "module.a[1]")
        plan.moduleCalls = ["a": ["module": ["resources": [
            ["address": "aws_kms_key.k", "mode": "managed", "expressions": [:]],
            ["address": "aws_kms_key.only", "mode": "managed", "expressions": [:]],
            ["address": "aws_ebs_volume.v", "mode": "managed",
             "expressions": ["kms_key_id": Plan.references("aws_kms_key.k")]],
        ]]]]
        let keys = try TerraformFixture.deployment(json: plan.json).dataStores.map { $0.encryption.kmsKey?.value.known ?? "-" }
        #expect(keys == (0..<2).flatMap { module in (0..<3).map { "module.a[\(module)].aws_kms_key.k[\($0)]" } })
    }

    @Test func aNamedInstanceKeyPicksThatInstanceAndAMissingOneNone() throws {
        var plan = Plan()
        for index in 0..<3 {
            plan.change("aws_kms_key.k[\(index)]", "aws_kms_key", after: ["enable_key_rotation": true], unknown: ["arn": true])
        }
        plan.change("aws_ebs_volume.second", "aws_ebs_volume", after: ["encrypted": true], unknown: ["kms_key_id": true])
        plan.change("aws_ebs_volume.missing", "aws_ebs_volume", after: ["encrypted": true], unknown: ["kms_key_id": true])
        plan.change("aws_ebs_volume.any", "aws_ebs_volume", after: ["encrypted": true], unknown: ["kms_key_id": true])
        plan.configure("aws_kms_key.k", [:])
        plan.configure("aws_ebs_volume.second", ["kms_key_id": Plan.references("aws_kms_key.k[1].arn", "aws_kms_key.k[1]")])
        plan.configure("aws_ebs_volume.missing", ["kms_key_id": Plan.references("aws_kms_key.k[7].arn", "aws_kms_key.k[7]")])
        // No key of its own and three candidates: which one cannot be told.
        plan.configure("aws_ebs_volume.any", ["kms_key_id": Plan.references("aws_kms_key.k")])
        let stores = try TerraformFixture.deployment(json: plan.json).dataStores
        #expect(stores.map { $0.encryption.kmsKey?.value } == [
            .known("aws_kms_key.k[1]"), .unknown(reason: "known only after apply (it comes from aws_kms_key.k[7].arn)"),
            .unknown(reason: "known only after apply (it comes from aws_kms_key.k)"),
        ])
    }

    @Test func aReplicaFindsItsPrimaryKeyByKnownARN() throws {
        let arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"
        var plan = Plan()
        plan.change("aws_kms_key.a", "aws_kms_key", after: ["enable_key_rotation": true, "arn": arn])
        plan.change("aws_kms_key.b", "aws_kms_key", after: ["enable_key_rotation": true, "arn": arn])
        plan.change("aws_kms_replica_key.r", "aws_kms_replica_key",
                    after: ["primary_key_arn": arn, "arn": arn.replacingOccurrences(of: "us-east-1", with: "eu-west-1")])
        let keys = try TerraformFixture.deployment(json: plan.json).keys
        #expect(keys.map { "\($0.component): \($0.replicaRegions.map(\.value))" } == [
            "aws_kms_key.a: [\"eu-west-1\"]", "aws_kms_key.b: []",
        ])
    }
}
