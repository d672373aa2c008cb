import PolicyCheckKit
import Testing

/// Large plans: lookups that stay linear, and messages that stay short however many keys a plan declares.
@Suite struct TerraformScaleTests {
    typealias Plan = TerraformPlanBuilder

    /// A plan with `keys` customer keys and one database encrypted with `kmsKeyID`.
    private func plan(keys: Int, kmsKeyID: String?, keyARNs: [String: String] = [:]) -> Plan {
        var plan = Plan()
        for number in 0..<keys {
            var after: [String: Any] = ["enable_key_rotation": true]
            if let arn = keyARNs["aws_kms_key.k\(number)"] { after["arn"] = arn }
            plan.change("aws_kms_key.k\(number)", "aws_kms_key", after: after)
        }
        var database: [String: Any] = ["storage_encrypted": true]
        if let kmsKeyID { database["kms_key_id"] = kmsKeyID }
        plan.change("aws_db_instance.db", "aws_db_instance", after: database)
        return plan
    }

    static let foreignKey = "arn:aws:kms:us-east-1:111122223333:key/0f0f0f0f-1111-2222-3333-444455556666"

    @Test func manyDeclaredKeysAreSummarisedInTheMessage() throws {
        let deployment = try TerraformFixture.deployment(json: plan(keys: 7, kmsKeyID: nil).json)
        let finding = try #require(TerraformFixture.findings(deployment).first { $0.ruleId == "MMC-ENC-002" })
        #expect(finding.message.hasSuffix(
            "expected one of the 7 declared keys (aws_kms_key.k0, aws_kms_key.k1, aws_kms_key.k2, aws_kms_key.k3, "
                + "aws_kms_key.k4 and 2 more)"))
    }

    @Test func fewDeclaredKeysAreAllNamed() throws {
        let deployment = try TerraformFixture.deployment(json: plan(keys: 2, kmsKeyID: nil).json)
        let finding = try #require(TerraformFixture.findings(deployment).first { $0.ruleId == "MMC-ENC-002" })
        #expect(finding.message.hasSuffix("expected one of the declared keys (aws_kms_key.k0, aws_kms_key.k1)"))
    }

    @Test func aCustomerKeyDefinedOutsideThePlanIsCustomerManaged() throws {
        let deployment = try TerraformFixture.deployment(json: plan(keys: 2, kmsKeyID: Self.foreignKey).json)
        #expect(try TerraformFixture.findings(deployment).filter { $0.ruleId == "MMC-ENC-002" }.isEmpty)
    }

    @Test func aKnownARNResolvesToTheFirstKeyThatHasIt() throws {
        let arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let json = plan(keys: 3, kmsKeyID: arn, keyARNs: ["aws_kms_key.k1": arn, "aws_kms_key.k2": arn]).json
        let deployment = try TerraformFixture.deployment(json: json)
        #expect(deployment.dataStores.first?.encryption.kmsKey?.value == .known("aws_kms_key.k1"))
        #expect(try TerraformFixture.findings(deployment).filter { $0.ruleId == "MMC-ENC-002" }.isEmpty)
    }

    @Test func configurationIsFoundForEveryResourceOfALargePlan() throws {
        var plan = Plan()
        for number in 0..<300 {
            plan.change("aws_ebs_volume.v\(number)", "aws_ebs_volume", after: ["encrypted": true], unknown: ["kms_key_id": true])
            plan.configure("aws_ebs_volume.v\(number)", ["encrypted": Plan.constant(true)])
        }
        let deployment = try TerraformFixture.deployment(json: plan.json)
        // Configured and not setting kms_key_id: every volume is left to the AWS-managed key (not "unknown").
        #expect(deployment.dataStores.count == 300)
        #expect(deployment.dataStores.allSatisfy { $0.encryption.kmsKey == nil })
    }
}

/// Region codes and ARNs are checked byte by byte; the verdicts must match the rules as written.
@Suite struct RegionCodeTests {
    @Test(arguments: ["us-east-1", "eu-west-2", "ap-southeast-4", "us-gov-west-1", "cn-north-1", "il-central-1",
                      "eusc-de-east-1", "us-isob-east-1"])
    func wellFormedRegions(_ region: String) {
        #expect(RegionCode.isWellFormed(region))
    }

    @Test(arguments: ["", "us", "us-east", "us-east-", "-east-1", "use-east-1", "US-east-1", "us-East-1", "us-east-1a",
                      "us-east-1-2", "us-gov-west-east-1", "us--1", "u1-east-1", "us-ea5t-1", "ü-east-1",
                      "eusc-", "eusc-1", "eusc-de-east", "mars-north-1", "eusc-de-east-west-1"])
    func malformedRegions(_ region: String) {
        #expect(!RegionCode.isWellFormed(region))
    }

    @Test func arnPartsAreSplitAtTheFirstFiveColons() throws {
        let arn = try #require(AmazonResourceName("arn:aws:kms:us-east-1:111122223333:key/a:b"))
        #expect([arn.partition, arn.service, arn.region ?? "-", arn.account, arn.resource]
            == ["aws", "kms", "us-east-1", "111122223333", "key/a:b"])
        #expect(AmazonResourceName("arn:aws:s3:::bucket")?.region == nil)
        #expect(AmazonResourceName("arn:aws:kms:us-east-1") == nil)
    }

    /// The scan's shortcut reads the service and region exactly as the full parse does, and refuses the same texts.
    @Test(arguments: ["arn:aws:kms:us-east-1:111122223333:key/a:b", "arn:aws:s3:::bucket", "arn:aws:kms:us-east-1",
                      "arn:aws:kms:us-east-1:", "arn:::::", "arn:aws-cn:ec2:cn-north-1:1:vpc/x", "arn:é:sns:eu-west-3:1:t",
                      "ARN:aws:kms:us-east-1:1:key/x", "not an arn", ""])
    func serviceAndRegionAgreeWithTheFullParse(_ text: String) {
        let full = AmazonResourceName(text)
        let fields = AmazonResourceName.serviceAndRegion(text)
        #expect((full == nil) == (fields == nil))
        if let full, let fields {
            #expect(fields.service == full.service)
            #expect(fields.region == (full.region ?? ""))
        }
        #expect(AmazonResourceName("nope:aws:kms:us-east-1:1:key/x") == nil)
    }

    @Test func keyIdentifiers() {
        #expect(KeyIdentifier.isUUID("1234abcd-12AB-34cd-56ef-1234567890ab"))
        #expect(!KeyIdentifier.isUUID("1234abcd-12ab-34cd-56ef-1234567890a"))
        #expect(!KeyIdentifier.isUUID("1234abcd_12ab-34cd-56ef-1234567890ab"))
        #expect(!KeyIdentifier.isUUID("1234abcg-12ab-34cd-56ef-1234567890ab"))
    }
}
