import Foundation
import PolicyCheckKit
import Testing

/// S3 counts an ACL public when it grants any permission to the AllUsers or AuthenticatedUsers group
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status).
/// Terraform's canned `authenticated-read` (READ to any AWS account;
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl) and explicit grants to either
/// group — `aws_s3_bucket_acl.access_control_policy.grant`, the bucket's inline `grant` — passed MMC-NET-012 (round
/// 28) while CloudFormation's `AuthenticatedRead` failed. The fail fixtures hold one bucket for each way plus one whose
/// grantee URI is not known (cannot be verified); the pass fixtures ACLs that grant neither group — `log-delivery-write`,
/// grants to the owner and to LogDelivery — and an AllUsers grant under a full public access block. Only MMC-NET-012
/// is pinned: the buckets are kept minimal, so the other bucket rules fire on them.
@Suite struct BucketPublicACLTests {
    typealias CFN = CloudFormationTesting

    private static func publicFindings(_ findings: [Finding]) -> [Finding] {
        findings.filter { $0.ruleId == "MMC-NET-012" }
    }

    @Test func sourceACLsGrantingEitherGroupFail() throws {
        let findings = Self.publicFindings(try TerraformSourceFixture.findings("bucket-public-acls-and-grants-fail"))
        #expect(findings.map(\.summary) == [
            // A variable with no value: cannot be verified, at its declaration.
            "MMC-NET-012 info 5:1 aws_s3_bucket.undecided",
            "MMC-NET-012 high 18:12 aws_s3_bucket.authenticated",
            "MMC-NET-012 high 24:12 aws_s3_bucket.inline_authenticated",
            "MMC-NET-012 high 45:16 aws_s3_bucket.granted",
            "MMC-NET-012 high 61:19 aws_s3_bucket.inline_granted",
        ])
        #expect(findings[0].message == "whether the file store is public cannot be verified: not known here (it comes from var.grantee_uri, which has no value here)")
    }

    @Test func sourceACLsGrantingNeitherGroupPass() throws {
        let findings = try TerraformSourceFixture.findings("bucket-private-acls-and-grants-pass")
        #expect(Self.publicFindings(findings).map(\.summary) == [])
        // Every bucket was read.
        #expect(Set(findings.map(\.resource)) == [
            "aws_s3_bucket.logs", "aws_s3_bucket.granted", "aws_s3_bucket.inline_granted", "aws_s3_bucket.blocked",
        ])
    }

    @Test func planACLsGrantingEitherGroupFail() throws {
        let findings = Self.publicFindings(try TerraformFixture.findings(
            TerraformFixture.deployment("fail/bucket-public-acls-and-grants.json")))
        #expect(findings.map { "\($0.summary) \($0.path)" } == [
            "MMC-NET-012 high 46:18 aws_s3_bucket.authenticated resource_changes[1].change.after.acl",
            "MMC-NET-012 high 69:18 aws_s3_bucket.inline_authenticated resource_changes[2].change.after.acl",
            "MMC-NET-012 high 138:30 aws_s3_bucket.granted resource_changes[4].change.after.access_control_policy[0].grant[1].grantee[0].uri",
            "MMC-NET-012 high 199:22 aws_s3_bucket.inline_granted resource_changes[5].change.after.grant[0].uri",
            "MMC-NET-012 info 287:30 aws_s3_bucket.undecided resource_changes[7].change.after_unknown.access_control_policy[0].grant[0].grantee[0].uri",
        ])
        #expect(findings[4].message == "whether the file store is public cannot be verified: known only after apply (it comes from var.grantee_uri)")
    }

    /// The pass plan also leaves each bucket's `acl` and `grant`, and a canned ACL's `access_control_policy`, to the
    /// provider (unknown until apply, not configured): AWS fills them with the grants made, not a value to verify.
    @Test func planACLsGrantingNeitherGroupPass() throws {
        let deployment = try TerraformFixture.deployment("pass/bucket-private-acls-and-grants.json")
        #expect(Self.publicFindings(try TerraformFixture.findings(deployment)).map(\.summary) == [])
        #expect(deployment.dataStores.map { "\($0.component) \($0.publicAccess.map { "\($0.value)" } ?? "nil")" } == [
            "aws_s3_bucket.logs nil", "aws_s3_bucket.granted nil", "aws_s3_bucket.inline_granted nil",
            "aws_s3_bucket.blocked known(false)",
        ])
    }

    /// CloudFormation names the same public canned ACLs: `AuthenticatedRead` is public, `LogDeliveryWrite` is not.
    @Test func templateAuthenticatedReadFails() throws {
        let name = "fail-bucket-authenticated-read.yaml"
        let findings = Self.publicFindings(try CFN.findings(CFN.fixture(name), path: name))
        #expect(findings.map(\.cfnSummary) == ["7:22 high MMC-NET-012 Authenticated Resources.Authenticated.Properties.AccessControl"])
    }

    private static let bucket = """
        provider "aws" {
          region = "us-east-1"
        }
        variable "acl" {
          type = string
        }
        resource "aws_s3_bucket" "data" {
          bucket = "chat-data"
        }

        """

    private static func acl(_ name: String, _ body: String) -> String {
        """
        resource "aws_s3_bucket_acl" "\(name)" {
          bucket = aws_s3_bucket.data.id
          \(body)
        }

        """
    }

    private func publicAccess(_ main: String) throws -> [String] {
        try Self.publicFindings(TerraformSourceFixture.findings(main: Self.bucket + main))
            .map { "\($0.severity.rawValue) \($0.cannotVerify ? "cannot verify" : "fails") \($0.line):\($0.column)" }
    }

    /// Of several ACL resources of one bucket (each replaces its ACL, in an order the plan does not fix), one granting
    /// AllUsers decides, as a public canned ACL does; a canned ACL not known cannot be verified, as CloudFormation's
    /// `AccessControl` from a parameter.
    @Test func aPublicGrantBesideAPrivateACLDecidesAndAnUnknownCannedACLCannotBeVerified() throws {
        let grant = """
            access_control_policy {
                grant {
                  grantee {
                    type = "Group"
                    uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
                  }
                  permission = "WRITE"
                }
                owner {
                  id = "owner"
                }
              }
            """
        let replaced = try publicAccess(Self.acl("private", "acl = \"private\"") + Self.acl("open", grant))
        #expect(replaced == ["high fails 20:16"])
        #expect(try publicAccess(Self.acl("chosen", "acl = var.acl")) == ["info cannot verify 4:1"])
        #expect(try publicAccess(Self.acl("logs", "acl = \"log-delivery-write\"")).isEmpty)
        let open = try publicAccess(Self.acl("open", "acl = \"public-read-write\""))
        #expect(open == ["high fails 12:9"])
    }
}
