import PolicyCheckKit
import Testing

/// How KMS key attributes become the `kmsKey` rules see: declared keys by address (directly, through aliases,
/// module outputs and module variables), AWS-managed defaults, and values unknown until apply.
@Suite struct TerraformKeyResolutionTests {
    typealias Plan = TerraformPlanBuilder

    private func database(kmsReferences: [String]?, configured: Bool = true) -> Plan {
        var plan = Plan()
        plan.change("aws_kms_key.main", "aws_kms_key", after: ["enable_key_rotation": true], unknown: ["arn": true])
        plan.change("aws_db_instance.db", "aws_db_instance", after: ["storage_encrypted": true],
                    unknown: ["kms_key_id": true])
        plan.configure("aws_kms_key.main", ["enable_key_rotation": Plan.constant(true)])
        var expressions: [String: Any] = ["storage_encrypted": Plan.constant(true)]
        if let kmsReferences { expressions["kms_key_id"] = ["references": kmsReferences] }
        plan.configure("aws_db_instance.db", expressions)
        plan.includeConfiguration = configured
        return plan
    }

    @Test func referenceToAKeyInThePlanIsThatKey() throws {
        let deployment = try TerraformFixture.deployment(json: database(kmsReferences: ["aws_kms_key.main.arn", "aws_kms_key.main"]).json)
        let key = try #require(deployment.dataStores.first?.encryption.kmsKey)
        #expect(key.value == .known("aws_kms_key.main"))
        #expect(key.origin.path == "resource_changes[1].change.after_unknown.kms_key_id")
        #expect(deployment.keys.map { $0.id?.value } == ["aws_kms_key.main"])
        #expect(try TerraformFixture.findings(deployment).withoutLoggingTransitRecovery.isEmpty)
    }

    @Test func keyLeftToTheProviderIsTheAWSManagedKey() throws {
        let deployment = try TerraformFixture.deployment(json: database(kmsReferences: nil).json)
        #expect(deployment.dataStores.first?.encryption.kmsKey == nil)
        let findings = try TerraformFixture.findings(deployment).withoutLoggingTransitRecovery
        #expect(findings.map(\.summary).map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["MMC-ENC-002 high"])
        #expect(findings.first?.message.hasPrefix("no KMS key is named for the database, so AWS manages its key") == true)
    }

    @Test func unresolvableReferenceCannotBeVerified() throws {
        let deployment = try TerraformFixture.deployment(json: database(kmsReferences: ["data.aws_kms_key.shared.arn"]).json)
        let key = try #require(deployment.dataStores.first?.encryption.kmsKey)
        #expect(key.value == .unknown(reason: "known only after apply (it comes from data.aws_kms_key.shared.arn)"))
        let findings = try TerraformFixture.findings(deployment).withoutLoggingTransitRecovery
        #expect(findings.map(\.severity) == [.info])
        #expect(findings.allSatisfy { $0.cannotVerify })
    }

    @Test func withoutConfigurationUnknownStaysUnknown() throws {
        let deployment = try TerraformFixture.deployment(json: database(kmsReferences: nil, configured: false).json)
        #expect(deployment.dataStores.first?.encryption.kmsKey?.value == .unknown(reason: "known only after apply"))
    }

    @Test func aliasLeadsToItsKey() throws {
        var plan = database(kmsReferences: ["aws_kms_alias.main.arn", "aws_kms_alias.main"])
        plan.change("aws_kms_alias.main", "aws_kms_alias", after: ["name": "alias/main"], unknown: ["target_key_id": true])
        plan.configure("aws_kms_alias.main", ["target_key_id": Plan.references("aws_kms_key.main.key_id", "aws_kms_key.main")])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.dataStores.first?.encryption.kmsKey?.value == .known("aws_kms_key.main"))
    }

    @Test func moduleOutputLeadsToTheKeyInsideTheModule() throws {
        var plan = Plan()
        plan.change("module.kms.aws_kms_key.this", "aws_kms_key", after: ["enable_key_rotation": true],
                    unknown: ["arn": true], module: "module.kms")
        plan.change("aws_s3_bucket.files", "aws_s3_bucket", after: ["bucket": "files"])
        plan.change("aws_s3_bucket_server_side_encryption_configuration.files",
                    "aws_s3_bucket_server_side_encryption_configuration",
                    after: ["bucket": "files", "rule": [["apply_server_side_encryption_by_default": [["sse_algorithm": "aws:kms"]]]]],
                    unknown: ["rule": [["apply_server_side_encryption_by_default": [["kms_master_key_id": true]]]]])
        plan.configure("aws_s3_bucket.files", ["bucket": Plan.constant("files")])
        plan.configure("aws_s3_bucket_server_side_encryption_configuration.files", [
            "bucket": Plan.constant("files"),
            "rule": [["apply_server_side_encryption_by_default": [["kms_master_key_id": Plan.references("module.kms.key_arn", "module.kms")]]]],
        ])
        plan.moduleCalls = ["kms": ["module": [
            "resources": [["address": "aws_kms_key.this", "mode": "managed", "expressions": [:] as [String: Any]]],
            "outputs": ["key_arn": ["expression": Plan.references("aws_kms_key.this.arn", "aws_kms_key.this")]],
        ]]]
        let deployment = try TerraformFixture.deployment(json: plan.json)
        let store = try #require(deployment.dataStores.first)
        #expect(store.component == "aws_s3_bucket.files")
        #expect(store.encryption.algorithm?.value == .known("aws:kms"))
        #expect(store.encryption.kmsKey?.value == .known("module.kms.aws_kms_key.this"))
        #expect(deployment.keys.map(\.component) == ["module.kms.aws_kms_key.this"])
    }

    @Test func moduleVariableLeadsToTheCallersKey() throws {
        var plan = Plan()
        plan.change("aws_kms_key.main", "aws_kms_key", after: ["enable_key_rotation": true], unknown: ["arn": true])
        plan.change("module.db.aws_rds_cluster.this", "aws_rds_cluster", after: ["storage_encrypted": true],
                    unknown: ["kms_key_id": true], module: "module.db")
        plan.configure("aws_kms_key.main", [:])
        plan.moduleCalls = ["db": [
            "expressions": ["kms_key_arn": Plan.references("aws_kms_key.main.arn", "aws_kms_key.main")],
            "module": ["resources": [["address": "aws_rds_cluster.this", "mode": "managed",
                                      "expressions": ["kms_key_id": Plan.references("var.kms_key_arn")]]]],
        ]]
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.dataStores.first?.component == "module.db.aws_rds_cluster.this")
        #expect(deployment.dataStores.first?.encryption.kmsKey?.value == .known("aws_kms_key.main"))
    }

    @Test func countedInstancesPairByIndex() throws {
        var plan = Plan()
        for index in 0..<2 {
            plan.change("aws_kms_key.volume[\(index)]", "aws_kms_key", after: ["enable_key_rotation": true], unknown: ["arn": true])
            plan.change("aws_ebs_volume.data[\(index)]", "aws_ebs_volume", after: ["encrypted": true], unknown: ["kms_key_id": true])
        }
        plan.configure("aws_kms_key.volume", [:])
        plan.configure("aws_ebs_volume.data", ["encrypted": Plan.constant(true), "kms_key_id": Plan.references("aws_kms_key.volume")])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.dataStores.map { $0.encryption.kmsKey?.value.known } == ["aws_kms_key.volume[0]", "aws_kms_key.volume[1]"])
    }

    @Test func knownAWSManagedAliasFailsTheCustomerKeyRule() throws {
        var plan = Plan()
        plan.change("aws_secretsmanager_secret.db", "aws_secretsmanager_secret", after: ["kms_key_id": "alias/aws/secretsmanager"])
        plan.configure("aws_secretsmanager_secret.db", ["kms_key_id": Plan.constant("alias/aws/secretsmanager")])
        let findings = try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json)).withoutLoggingTransitRecovery
        #expect(findings.map(\.ruleId) == ["MMC-ENC-002"])
        #expect(findings.first?.message.contains("AWS-managed key 'alias/aws/secretsmanager'") == true)
    }
}

/// Key resolution remembers references whose search ended without a key, so fan-in does not multiply the work; a
/// reference still being searched must not count as one, or a cycle changes which key is found.
@Suite struct TerraformKeyResolutionMemoryTests {
    typealias Plan = TerraformPlanBuilder

    @Test func aCycleBehindManyDeadReferencesStillFindsTheKeyItFoundBefore() throws {
        var plan = Plan()
        plan.change("aws_kms_key.c", "aws_kms_key", after: ["enable_key_rotation": true], unknown: ["arn": true])
        plan.change("aws_kms_key.d", "aws_kms_key", after: ["enable_key_rotation": true], unknown: ["arn": true])
        plan.change("aws_db_instance.db", "aws_db_instance", after: ["storage_encrypted": true],
                    unknown: ["kms_key_id": true])
        plan.configure("aws_kms_alias.r", ["target_key_id": ["references": ["aws_kms_alias.a.target_key_id", "aws_kms_key.c"]]])
        plan.configure("aws_kms_alias.a", ["target_key_id": ["references": ["aws_kms_alias.r.target_key_id", "aws_kms_key.d"]]])
        // More dead ends than the search takes before it starts remembering.
        let dead = (0..<40).map { "module.none.o\($0)" }
        plan.configure("aws_db_instance.db", ["storage_encrypted": Plan.constant(true),
                                              "kms_key_id": ["references": dead + ["aws_kms_alias.r.target_key_id"]]])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.dataStores.first?.encryption.kmsKey?.value == .known("aws_kms_key.c"))
    }
}
