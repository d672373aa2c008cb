import PolicyCheckKit
import Testing

/// A key policy whose text is known only after apply — it names the account's root through
/// `data.aws_caller_identity`, as nearly every key policy written in Terraform does — is judged by what its known
/// statements grant (MMC-KEY-010). Round 24: such a statement beside one granting principal `"*"` without a
/// condition turned the high finding into "cannot be verified" (info).
@Suite struct TerraformSourceKeyPolicyTests {
    private static let header = """
        provider "aws" {
          region = "us-east-1"
        }
        data "aws_caller_identity" "current" {}

        """

    /// The owner statement of AWS's default key policy, its account known only when Terraform plans.
    private static let owner = """
        { Sid = "Owner", Effect = "Allow", Action = "kms:*", Resource = "*",
          Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" } }
        """

    private func keyPolicy(_ policy: String) throws -> [String] {
        try TerraformSourceFixture.findings(main: Self.header + """
            resource "aws_kms_key" "data" {
              enable_key_rotation     = true
              deletion_window_in_days = 30
              policy                  = \(policy)
            }
            """)
            .filter { $0.ruleId == "MMC-KEY-010" }
            .map { "\($0.severity) \($0.cannotVerify ? "cannot verify" : "fails")" }
    }

    private func statements(_ statements: String...) -> String {
        "jsonencode({ Version = \"2012-10-17\", Statement = [\(statements.joined(separator: ", "))] })"
    }

    @Test func everyoneBesideAnOwnerKnownOnlyAfterApplyFails() throws {
        #expect(try keyPolicy(statements(Self.owner, """
            { Sid = "Everyone", Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Principal = "*" }
            """)) == ["high fails"])
        // A principal list holding "*" beside an unknown item opens the key whatever the unknown is.
        #expect(try keyPolicy(statements("""
            { Effect = "Allow", Action = "kms:Decrypt", Resource = "*",
              Principal = { AWS = ["*", data.aws_caller_identity.current.arn] } }
            """)) == ["high fails"])
        // kms:* to everyone fails whatever its conditions, known or not.
        #expect(try keyPolicy(statements(Self.owner, """
            { Effect = "Allow", Action = "kms:*", Resource = "*", Principal = "*",
              Condition = { StringEquals = { "kms:CallerAccount" = data.aws_caller_identity.current.account_id } } }
            """)) == ["high fails"])
    }

    @Test func anAWSIAMPolicyDocumentOfTheSameStatementsFails() throws {
        let document = Self.header + """
            data "aws_iam_policy_document" "key" {
              statement {
                actions   = ["kms:*"]
                resources = ["*"]
                principals {
                  type        = "AWS"
                  identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
                }
              }
              statement {
                actions   = ["kms:Decrypt"]
                resources = ["*"]
                principals {
                  type        = "*"
                  identifiers = ["*"]
                }
              }
            }
            resource "aws_kms_key" "data" {
              enable_key_rotation     = true
              deletion_window_in_days = 30
              policy                  = data.aws_iam_policy_document.key.json
            }
            """
        let findings = try TerraformSourceFixture.findings(main: document).filter { $0.ruleId == "MMC-KEY-010" }
        #expect(findings.map { "\($0.severity) \($0.cannotVerify)" } == ["high false"])
        #expect(findings.first?.message.hasPrefix("a statement allows principal \"*\" (anyone) without a condition to kms:Decrypt") == true)
    }

    @Test func whatAnUnknownPartMayDecideCannotBeVerified() throws {
        // The owner alone, or with a service: nothing known opens the key.
        #expect(try keyPolicy(statements(Self.owner, """
            { Effect = "Allow", Action = ["kms:Encrypt", "kms:GenerateDataKey*"], Resource = "*",
              Principal = { Service = "logs.us-east-1.amazonaws.com" } }
            """)) == ["info cannot verify"])
        // A condition known only after apply may bind the caller.
        #expect(try keyPolicy(statements("""
            { Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Principal = "*",
              Condition = { StringEquals = { "kms:CallerAccount" = data.aws_caller_identity.current.account_id } } }
            """)) == ["info cannot verify"])
        // A principal known only after apply may be "*"; an effect known only after apply may be Allow.
        #expect(try keyPolicy(statements("""
            { Effect = "Allow", Action = "kms:Decrypt", Resource = "*",
              Principal = { AWS = data.aws_caller_identity.current.arn } }
            """)) == ["info cannot verify"])
        #expect(try keyPolicy(statements("""
            { Effect = data.aws_caller_identity.current.id, Action = "kms:Decrypt", Resource = "*", Principal = "*" }
            """)) == ["info cannot verify"])
    }

    /// A condition whose only unknown is the value of a key that names no caller (a CloudTrail encryption context
    /// holding the account id) cannot bind the caller, whatever the value: principal `"*"` fails (before, info and
    /// exit 0; tester, round 35, on nozaq/terraform-aws-secure-baseline's key policy without its CallerAccount
    /// condition). Beside a known caller condition, it passes; an unknown caller value is still undecided.
    @Test func anUnknownValueOfAKeyThatNamesNoCallerStillFails() throws {
        let context = """
            "kms:EncryptionContext:aws:cloudtrail:arn" = "arn:aws:cloudtrail:*:${data.aws_caller_identity.current.account_id}:trail/*"
            """
        let open = statements(Self.owner, """
            { Effect = "Allow", Action = ["kms:Decrypt", "kms:ReEncryptFrom"], Resource = "*", Principal = { AWS = "*" },
              Condition = { StringLike = { \(context) } } }
            """)
        #expect(try keyPolicy(open) == ["high fails"])
        // The message names the condition whose value is unknown, rather than saying there is none.
        let message = try TerraformSourceFixture.findings(main: Self.header + """
            resource "aws_kms_key" "data" {
              enable_key_rotation = true
              policy              = \(open)
            }
            """).first { $0.ruleId == "MMC-KEY-010" }?.message
        #expect(message?.contains("kms:EncryptionContext:aws:cloudtrail:arn restricts how the key is called") == true, "\(message ?? "")")
        #expect(try keyPolicy(statements(Self.owner, """
            { Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Principal = "*",
              Condition = { StringLike = { \(context) }, StringEquals = { "kms:CallerAccount" = "111122223333" } } }
            """)) == ["info cannot verify"])
        #expect(try keyPolicy(statements("""
            { Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Principal = "*",
              Condition = { StringLike = { \(context) },
                            StringEquals = { "kms:CallerAccount" = data.aws_caller_identity.current.account_id } } }
            """)) == ["info cannot verify"])
    }

    /// An `aws_iam_policy_document` written as terraform-aws-modules/kms writes it: one instance by `count`, merging
    /// the documents of a variable whose default is empty.
    private static func repeatedDocument(merging documents: String, repeat repetition: String = "count = var.create ? 1 : 0",
                                         reference: String = "data.aws_iam_policy_document.key[0].json") -> String {
        header + """
            variable "create" {
              type    = bool
              default = true
            }
            data "aws_iam_policy_document" "key" {
              \(repetition)
              source_policy_documents = \(documents)
              statement {
                actions   = ["kms:Decrypt"]
                resources = ["*"]
                principals {
                  type        = "AWS"
                  identifiers = ["*"]
                }
              }
            }
            resource "aws_kms_key" "data" {
              enable_key_rotation     = true
              deletion_window_in_days = 30
              policy                  = \(reference)
            }
            """
    }

    @Test func aDocumentRepeatedByCountOrForEachIsJudgedPerInstance() throws {
        for main in [
            Self.repeatedDocument(merging: "[]"),
            Self.repeatedDocument(merging: "null", repeat: #"for_each = toset(["data"])"#,
                                  reference: #"data.aws_iam_policy_document.key["data"].json"#),
        ] {
            let findings = try TerraformSourceFixture.findings(main: main).filter { $0.ruleId == "MMC-KEY-010" }
            #expect(findings.map { "\($0.severity) \($0.cannotVerify)" } == ["high false"], "\(main)")
        }
    }

    @Test func aDocumentMergingAKnownOneIsJudgedAsMerged() throws {
        // The provider merges documents by statement id; one merged in that overrides nothing leaves the grant to
        // everyone in place (what an override does is TerraformSourceBucketPolicyTests').
        let main = Self.repeatedDocument(merging: #"[jsonencode({ Statement = [] })]"#)
        let findings = try TerraformSourceFixture.findings(main: main).filter { $0.ruleId == "MMC-KEY-010" }
        #expect(findings.map { "\($0.severity) \($0.cannotVerify)" } == ["high false"])
    }

    @Test func aPolicyAttachedByAWSKMSKeyPolicyIsTheKeysPolicy() throws {
        let main = Self.header + """
            resource "aws_kms_key" "data" {
              enable_key_rotation     = true
              deletion_window_in_days = 30
              policy = jsonencode({ Statement = [
                { Effect = "Allow", Action = "kms:*", Resource = "*", Principal = { AWS = "arn:aws:iam::111122223333:root" } },
              ] })
            }
            resource "aws_kms_key_policy" "data" {
              key_id = aws_kms_key.data.id
              policy = jsonencode({ Statement = [
                { Sid = "Everyone", Effect = "Allow", Action = "kms:*", Resource = "*", Principal = "*" },
              ] })
            }
            """
        let findings = try TerraformSourceFixture.findings(main: main).filter { $0.ruleId == "MMC-KEY-010" }
        #expect(findings.map { "\($0.severity) \($0.resource)" } == ["high aws_kms_key.data"])
        #expect(findings.first?.message.hasPrefix("statement 'Everyone' allows kms:* to principal \"*\"") == true)
    }

    @Test func twoAttachedPoliciesOfOneKeyAreJudgedTogether() throws {
        // Both are put on the key, in an order the configuration does not fix: either may be the one left.
        let attachment = { (name: String, principal: String) in
            """
            resource "aws_kms_key_policy" "\(name)" {
              key_id = aws_kms_key.data.id
              policy = jsonencode({ Statement = [
                { Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Principal = \(principal) },
              ] })
            }

            """
        }
        let main = Self.header + """
            resource "aws_kms_key" "data" {
              enable_key_rotation     = true
              deletion_window_in_days = 30
            }

            """ + attachment("a_owner", #"{ AWS = "arn:aws:iam::111122223333:root" }"#) + attachment("b_everyone", #""*""#)
        let findings = try TerraformSourceFixture.findings(main: main).filter { $0.ruleId == "MMC-KEY-010" }
        #expect(findings.map { "\($0.severity) \($0.cannotVerify)" } == ["high false"])
    }
}
