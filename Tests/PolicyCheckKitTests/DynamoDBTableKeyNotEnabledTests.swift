import Foundation
import PolicyCheckKit
import Testing

/// A DynamoDB table whose server-side encryption is not enabled uses an AWS owned key, whatever key it names: "If
/// disabled (false) or not specified, server-side encryption is set to AWS owned key"
/// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSESpecification.html). Terraform's
/// `server_side_encryption { enabled = false, kms_key_arn = … }` passed MMC-ENC-002 on the named key (round 28) while
/// CloudFormation's `SSEEnabled: false` beside `KMSMasterKeyId` failed. The fixtures are the same two tables in every
/// format: one stated off (a finding at the switch, saying the key is ignored), one whose switch is not known (cannot be
/// verified).
@Suite struct DynamoDBTableKeyNotEnabledTests {
    typealias CFN = CloudFormationTesting

    private static func keyFindings(_ findings: [Finding]) -> [Finding] {
        findings.filter { $0.ruleId == "MMC-ENC-002" }
    }

    private static let ignored = "no KMS key is named for the database, so AWS manages its key (server_side_encryption.enabled is false, so DynamoDB uses an AWS owned key and ignores kms_key_arn); expected one of the declared keys (aws_kms_key.table)"

    @Test func sourceTableNotEnabledFailsAtItsSwitch() throws {
        let findings = Self.keyFindings(try TerraformSourceFixture.findings("dynamodb-table-key-not-enabled-fail"))
        #expect(findings.map(\.summary) == [
            // A variable with no value: cannot be verified, at its declaration.
            "MMC-ENC-002 info 5:1 aws_dynamodb_table.undecided",
            "MMC-ENC-002 high 27:19 aws_dynamodb_table.disabled",
        ])
        #expect(findings.map(\.cannotVerify) == [true, false])
        #expect(findings[1].message == Self.ignored)
    }

    @Test func sourceTableEnabledOnTheKeyPasses() throws {
        #expect(try TerraformSourceFixture.findings("dynamodb-table-key-enabled-pass").map(\.summary) == [])
    }

    @Test func planTableNotEnabledFailsAtItsSwitch() throws {
        let findings = Self.keyFindings(try TerraformFixture.findings(
            TerraformFixture.deployment("fail/dynamodb-table-key-not-enabled.json")))
        #expect(findings.map { "\($0.summary) \($0.path)" } == [
            "MMC-ENC-002 high 61:26 aws_dynamodb_table.disabled resource_changes[1].change.after.server_side_encryption[0].enabled",
            "MMC-ENC-002 info 123:26 aws_dynamodb_table.undecided resource_changes[2].change.after_unknown.server_side_encryption[0].enabled",
        ])
        #expect(findings[0].message == Self.ignored)
        #expect(findings[1].message == "the database's KMS key cannot be verified: known only after apply (it comes from var.sse_enabled)")
    }

    @Test func planTableEnabledOnTheKeyPasses() throws {
        let deployment = try TerraformFixture.deployment("pass/dynamodb-table-key-enabled.json")
        #expect(try TerraformFixture.findings(deployment).map(\.summary) == [])
        #expect(deployment.dataStores.map { "\($0.component) \($0.encryption.kmsKey.map { "\($0.value)" } ?? "nil")" } == [
            "aws_dynamodb_table.enabled known(\"aws_kms_key.table\")",
        ])
    }

    @Test func templateTableNotEnabledFailsAtItsSwitch() throws {
        let name = "fail-dynamodb-table-key-not-enabled.yaml"
        let findings = Self.keyFindings(try CFN.findings(CFN.fixture(name), path: name))
        #expect(findings.map(\.cfnSummary) == [
            "33:21 high MMC-ENC-002 Disabled Resources.Disabled.Properties.SSESpecification.SSEEnabled",
            "49:21 info MMC-ENC-002 Undecided Resources.Undecided.Properties.SSESpecification.SSEEnabled",
        ])
        #expect(findings[0].message == "no KMS key is named for the database, so AWS manages its key (SSESpecification.SSEEnabled is false, so DynamoDB uses an AWS owned key and ignores SSESpecification.KMSMasterKeyId); expected one of the declared keys (Key)")
    }

    /// No key named: the finding stays where the key belongs, without the note (as before).
    @Test func aTableNamingNoKeyKeepsThePlainMessage() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_dynamodb_table.t", "aws_dynamodb_table", after: ["server_side_encryption": [["enabled": false]]])
        let findings = Self.keyFindings(try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json)))
        #expect(findings.map(\.message) == ["no KMS key is named for the database, so AWS manages its key; expected a customer-managed KMS key"])
        #expect(findings.map(\.path) == ["resource_changes[0].change.after.server_side_encryption[0].enabled"])
    }
}
