import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// Numbers past what 64-bit floating point holds exactly, strings where a bool is expected, `==` between types and
/// Go's case mapping, as Terraform evaluates them (review of round 23): each exact, an error or unknown — never a
/// crash or a nearby value Terraform would not compute.
@Suite struct TerraformNumberAndTypeTests {
    private func value(_ expression: String) throws -> TerraformValue { try TerraformSourceFunctionTests.value(expression) }
    private func spell(_ expression: String) throws -> String { TerraformSourceFixture.spell(try value(expression)) }

    // MARK: - Crashes: Double to integer conversions

    static let exactNetworkResults: [(String, String)] = [
        // -2^128 is exact in 64 bits: in ::/0 it counts back to the first address.
        (#"cidrhost("::/0", -340282366920938463463374607431768211456)"#, #""::""#),
        (#"cidrhost("::/0", -1)"#, #""ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff""#),
        (#"cidrhost("::/64", -1)"#, #""::ffff:ffff:ffff:ffff""#),
        (#"cidrhost("10.0.0.0/8", -2)"#, #""10.255.255.254""#),
        (#"cidrhost("10.0.0.0/8", 2)"#, #""10.0.0.2""#),
        (#"cidrhost("::/0", 1267650600228229401496703205376)"#, #""0:10::""#),
        (#"cidrsubnet("::/0", 128, 170141183460469231731687303715884105728)"#, #""8000::/128""#),
        (#"cidrsubnet("::/0", 1, 1)"#, #""8000::/1""#),
        (#"cidrsubnet("10.0.0.0/8", 8, 255)"#, #""10.255.0.0/16""#),
        // Leading zeros in octets and prefix length are decimal, as the CIDR functions' documentation says.
        (#"cidrhost("010.0.0.0/8", 1)"#, #""10.0.0.1""#),
        (#"cidrhost("10.000.0.0/016", 257)"#, #""10.0.1.1""#),
        (#"cidrsubnet("010.0.0.0/08", 8, 1)"#, #""10.1.0.0/16""#),
        (#"cidrnetmask("172.016.0.0/012")"#, #""255.240.0.0""#),
        (#"cidrsubnets("010.0.0.0/8", 8, 8)"#, #"["10.0.0.0/16","10.1.0.0/16"]"#),
        (#"substr("chat-files", 0, 100)"#, #""chat-files""#),
        (#"substr("chat-files", 5, 4611686018427387904)"#, #""files""#),
        (#"element(["a", "b"], 3)"#, #""b""#),
    ]

    @Test(arguments: exactNetworkResults)
    func wholeNumbersAreExact(_ expression: String, _ expected: String) throws {
        #expect(try spell(expression) == expected, "\(expression)")
    }

    /// Not a whole number Terraform's integer parameters take, or not in the prefix: an error, as Terraform's.
    static let errors: [String] = [
        #"cidrhost("::/64", 18446744073709551616)"#,
        #"cidrhost("10.0.0.0/8", 16777216)"#,
        #"cidrhost("10.0.0.0/8", -16777217)"#,
        #"cidrhost("10.0.0.0/8", 1.5)"#,
        #"cidrsubnet("10.0.0.0/8", 8, 256)"#,
        #"cidrsubnet("10.0.0.0/8", 1180591620717411303424, 0)"#,
        #"cidrsubnet("::/0", 129, 0)"#,
        #"substr("chat-files", 0, 1180591620717411303424)"#,
        #"element(["a"], 1180591620717411303424)"#,
        #"element(["a"], -1)"#,
        #"slice(["a"], 0, 1180591620717411303424)"#,
        #"slice(["a"], 0.5, 1)"#,
    ]

    @Test(arguments: errors)
    func outOfRangeIsAnError(_ expression: String) {
        #expect(throws: TerraformEvaluationError.self, "\(expression)") { try value(expression) }
    }

    /// Written numbers the 64-bit value cannot hold: unknown, naming the number (2^128-1, 1e30, 2^64-1).
    static let inexactLiterals: [String] = [
        #"cidrhost("::/0", 340282366920938463463374607431768211455)"#,
        #"cidrsubnet("::/0", 128, 340282366920938463463374607431768211455)"#,
        #"cidrhost("::/64", 18446744073709551615)"#,
        #"substr("chat-files", 0, 1e30)"#,
        #"element(["a"], 1e30)"#,
        #"slice(["a"], 0, 1e30)"#,
        "1e400",
    ]

    @Test(arguments: inexactLiterals)
    func inexactNumbersAreUnknown(_ expression: String) throws {
        let result = try value(expression)
        #expect(result.unknownReason?.contains("64-bit") == true, "\(expression): \(TerraformSourceFixture.spell(result))")
    }

    /// Terraform's big floats hold 1e400 and 1e-400; a 64-bit number does not (infinity, zero): unknown, saying it is
    /// out of range — not "must be a number", not "not held exactly", never infinity or zero.
    @Test(arguments: [#"tonumber("1e400")"#, "1e400", #"tonumber("-1e400")"#, #"tonumber("1e-400")"#, "1e-400",
                      #"jsondecode("[1e400]")[0]"#, #""1e400" + 0"#])
    func numbersPastTheSixtyFourBitRangeAreUnknownAsOutOfRange(_ expression: String) throws {
        let result = try value(expression)
        #expect(result.unknownReason?.contains("out of the range policycheck's 64-bit numbers can represent") == true,
                "\(expression): \(TerraformSourceFixture.spell(result)) \(result.unknownReason ?? "")")
    }

    @Test func tonumberOfAStringThatIsNoNumberIsStillAnError() {
        #expect(throws: TerraformEvaluationError.self) { try value(#"tonumber("1e")"#) }
        #expect(throws: TerraformEvaluationError.self) { try value(#"tonumber("abc")"#) }
    }

    // MARK: - Precision of arithmetic

    @Test func arithmeticThatLosesPrecisionIsUnknown() throws {
        #expect(try value("18014398509481984 + 22 - 18014398509481984").unknownReason?.contains("18014398509481984 + 22") == true)
        #expect(try value("1000000000000000 * 1000000000000000").isUnknown)
        #expect(try value("9007199254740993 - 1").isUnknown)
        #expect(try value("sum([18014398509481984, 22, -18014398509481984])").isUnknown)
        #expect(try value("range(18014398509481984, 18014398509481990)").isUnknown)
        #expect(try value(#"tonumber("18014398509481985")"#).isUnknown)
        #expect(try value(#""18014398509481985" - 18014398509481984"#).isUnknown)
        #expect(try spell(#""22" + 1"#) == "23")
    }

    @Test func exactArithmeticPastTwoToTheFiftyThreeIsKept() throws {
        #expect(try spell("18014398509481984 + 4 - 18014398509481984") == "4")
        #expect(try spell(#""x${1152921504606846976 * 2}""#) == #""x2305843009213693952""#)
        #expect(try spell("0.5 + 0.25 > 0.7") == "true")
        // Terraform's decimals make 0.1 + 0.2 exactly 0.3 (not greater); binary64 cannot say so: unknown.
        #expect(try value("0.1 + 0.2 > 0.3").isUnknown)
        #expect(try spell("7 / 2") == "3.5")
        #expect(try spell("sum([18014398509481984, 4, -18014398509481984])") == "4")
        // Printed as Terraform prints numbers: every digit, no exponent.
        #expect(try spell(#""x${0.0000001}""#) == #""x0.0000001""#)
        #expect(try spell(#""x${-0.0000125}""#) == #""x-0.0000125""#)
        #expect(try spell(#""x${2.5}""#) == #""x2.5""#)
    }

    @Test func theSourcePortOfAnImpreciseSumIsNotReadAsANearbyPort() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            resource "aws_security_group" "bastion" {
              name = "bastion"
              ingress {
                protocol    = "tcp"
                from_port   = 18014398509481984 + 22 - 18014398509481984
                to_port     = 18014398509481984 + 22 - 18014398509481984
                cidr_blocks = ["0.0.0.0/0"]
              }
            }
            """)
        let open = findings.filter { $0.ruleId == "MMC-NET-001" }
        #expect(!open.isEmpty)
        #expect(!open.contains { $0.message.contains("port 24") })
    }

    // MARK: - Strings where a bool or number is expected

    static let stringBools: [(String, String)] = [
        (#"tobool("1")"#, "true"), (#"tobool("0")"#, "false"), (#"tobool("true")"#, "true"),
        (#"!"1""#, "false"), (#""0" ? "a" : "b""#, #""b""#), (#""1" && true"#, "true"),
    ]

    @Test(arguments: stringBools)
    func zeroAndOneConvertToBool(_ expression: String, _ expected: String) throws {
        #expect(try spell(expression) == expected, "\(expression)")
    }

    @Test func otherStringsAreNotBools() {
        #expect(throws: TerraformEvaluationError.self) { try value(#"tobool("yes")"#) }
        #expect(throws: TerraformEvaluationError.self) { try value(#"tobool("True")"#) }
    }

    @Test func aStringZeroAndOneAreFalseAndTrueInAResource() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" {
              region = "us-east-1"
            }
            resource "aws_db_instance" "db" {
              identifier          = "chat"
              engine              = "postgres"
              instance_class      = "db.t3.micro"
              storage_encrypted   = "0"
              publicly_accessible = "1"
            }
            """)
        #expect(findings.contains { $0.severity == .critical && $0.ruleId.hasPrefix("MMC-ENC") }, "\(findings.map(\.message))")
        #expect(findings.contains { $0.ruleId == "MMC-NET-012" && $0.severity == .high }, "\(findings.map(\.message))")
    }

    /// go-cty converts no other string to a bool, so `terraform plan` stops on `encrypted = "TRUE"`: read as absent it
    /// gave the provider's default, which passes a rule whose default is on. The module is refused, each value located.
    @Test func aStringTerraformDoesNotConvertToABoolStopsTheModule() throws {
        let errors = try TerraformSourceHostileTests.errors(["main.tf": """
            provider "aws" {
              region = "us-east-1"
            }
            resource "aws_ebs_volume" "v" {
              availability_zone = "us-east-1a"
              size              = 10
              encrypted         = "TRUE"
            }
            resource "aws_s3_bucket" "logs" {
              bucket = "chat-logs"
            }
            resource "aws_s3_bucket_public_access_block" "logs" {
              bucket                  = aws_s3_bucket.logs.id
              block_public_acls       = "on"
              block_public_policy     = "yes"
              ignore_public_acls      = 1
              restrict_public_buckets = [true]
            }
            """])
        let rest = " is not a bool: Terraform converts only true, false and the strings \"true\", \"false\", \"1\" and \"0\" to one, and stops at plan on any other"
        #expect(errors == [
            "main.tf:7:23: \"TRUE\"", "main.tf:14:29: \"on\"", "main.tf:15:29: \"yes\"", "main.tf:16:29: 1",
            "main.tf:17:29: a list",
        ].map { $0 + rest }, "\(errors)")
    }

    /// A plan's values are typed by Terraform, so it holds no such string; one that does anyway (edited by hand) is
    /// read as unknown — cannot verify — not as absent.
    @Test func aPlanHoldingAStringThatIsNoBoolCannotBeVerified() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_ebs_volume.v", "aws_ebs_volume", after: ["availability_zone": "us-east-1a", "size": 10, "encrypted": "TRUE"])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-ENC-001" }
        #expect(findings.map(\.cannotVerify) == [true], "\(findings.map(\.message))")
        #expect(findings.first?.message.contains(#"its value "TRUE" is not a bool, which Terraform refuses"#) == true, "\(findings.map(\.message))")
    }

    /// A volume whose `encrypted` is a bool variable, given by the tests' `terraform.tfvars`.
    static let volumeEncryptedByVariable = """
        provider "aws" {
          region = "us-east-1"
        }
        variable "encrypted" {
          type = bool
        }
        resource "aws_ebs_volume" "v" {
          availability_zone = "us-east-1a"
          size              = 10
          encrypted         = var.encrypted
        }

        """

    @Test func aBoolVariableGivenAStringTerraformDoesNotConvertStopsTheModule() throws {
        let errors = try TerraformSourceHostileTests.errors([
            "main.tf": Self.volumeEncryptedByVariable,
            "terraform.tfvars": "encrypted = \"True\"\n",
        ])
        #expect(errors.count == 1 && errors[0].hasPrefix("terraform.tfvars:1:13: \"True\" is not a bool"), "\(errors)")
    }

    @Test func aBoolVariableGivenZeroIsFalse() throws {
        let findings = try TerraformSourceFixture.findings(files: [
            "main.tf": Self.volumeEncryptedByVariable,
            "terraform.tfvars": "encrypted = \"0\"\n",
        ])
        #expect(findings.contains { $0.severity == .critical && $0.ruleId.hasPrefix("MMC-ENC") }, "\(findings.map(\.message))")
    }

    // MARK: - == between types

    static let equalities: [(String, String)] = [
        ("[] == []", "true"), ("{} == {}", "true"), (#"["a"] == ["a"]"#, "true"), ("{ a = 1 } == { a = 1 }", "true"),
        ("tolist([]) == []", "false"), ("toset([]) == []", "false"), ("tomap({}) == {}", "false"),
        (#"tolist(["a"]) == tolist(["a"])"#, "true"), (#"toset(["a", "b"]) == toset(["b", "a"])"#, "true"),
        (#"["a"] == ["a", "b"]"#, "false"), (#"[1] == ["1"]"#, "false"), (#"tolist([]) != []"#, "true"),
        ("{ a = 1 } == { b = 1 }", "false"), (#"[] == "" "#, "false"),
        // Types policycheck does not track: a function's result, a conditional's unified type.
        ("concat([], []) == []", "?"), ("(true ? [] : [\"a\"]) == []", "?"), ("tolist([]) == tolist([])", "?"),
        ("merge({}, {}) == {}", "?"),
    ]

    @Test(arguments: equalities)
    func equalityIsFalseBetweenTypes(_ expression: String, _ expected: String) throws {
        #expect(try spell(expression) == expected, "\(expression)")
    }

    /// A variable's declared type decides `==`; one policycheck does not read leaves it unknown.
    @Test(arguments: [
        ("list(string)", "false"), ("set(string)", "false"), ("tuple([])", "true"), ("any", "true"),
        ("list(weird)", "?"),
    ])
    func aVariablesTypeDecidesEquality(_ type: String, _ expected: String) throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": """
            variable "x" {
              type    = \(type)
              default = []
            }
            locals {
              v = var.x == []
            }
            """])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (root, _) = try TerraformSourceFixture.evaluate(directory: directory)
        defer { root.dismantle() }
        #expect(TerraformSourceFixture.spell(try root.local("v", at: 0)) == expected, "\(type)")
    }

    @Test func aListVariableIsNeverEqualToTheEmptyTuple() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" {
              region = "us-east-1"
            }
            variable "admin_cidrs" {
              type    = list(string)
              default = []
            }
            resource "aws_security_group" "bastion" {
              name = "bastion"
            }
            resource "aws_security_group_rule" "ssh" {
              count             = var.admin_cidrs == [] ? 0 : 1
              type              = "ingress"
              protocol          = "tcp"
              from_port         = 22
              to_port           = 22
              cidr_blocks       = length(var.admin_cidrs) > 0 ? var.admin_cidrs : ["0.0.0.0/0"]
              security_group_id = aws_security_group.bastion.id
            }
            """)
        #expect(findings.contains { $0.ruleId == "MMC-NET-001" && $0.severity == .critical }, "\(findings.map(\.message))")
    }

    // MARK: - Go's simple case mapping

    static let cases: [(String, String)] = [
        (#"lower("İnternal")"#, #""internal""#), (#"upper("ß")"#, #""ß""#), (#"upper("ǆ")"#, #""Ǆ""#),
        (#"lower("ΑΣ")"#, #""ασ""#), (#"upper("ﬀ")"#, #""ﬀ""#), (#"upper("ᾳ")"#, #""ᾼ""#), (#"upper("abc")"#, #""ABC""#),
    ]

    @Test(arguments: cases)
    func caseMappingIsGos(_ expression: String, _ expected: String) throws {
        #expect(try spell(expression) == expected, "\(expression)")
    }

    // MARK: - Where an unknown comes from

    @Test func anUnknownNamesTheLocalThatIsUnknownNotALiteralOne() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" {
              region = local.region
            }
            data "aws_caller_identity" "current" {}
            locals {
              region     = "us-east-1"
              account_id = data.aws_caller_identity.current.account_id
            }
            resource "aws_s3_bucket" "logs" {
              bucket = "chat-logs"
            }
            resource "aws_s3_bucket_policy" "logs" {
              bucket = aws_s3_bucket.logs.id
              policy = jsonencode({
                Version = "2012-10-17"
                Statement = [{
                  Effect    = "Deny"
                  Principal = "*"
                  Action    = "s3:*"
                  Resource  = "arn:aws:s3:::chat-logs/*"
                  Condition = { Bool = { "aws:SecureTransport" = "false" }, ArnLike = { "aws:SourceArn" = "arn:aws:logs:${local.region}:${local.account_id}:*" } }
                }]
              })
            }
            """)
        let messages = findings.map(\.message).filter { $0.contains("it comes from") }
        #expect(!messages.isEmpty, "\(findings.map(\.message))")
        #expect(messages.allSatisfy { !$0.contains("local.region") && $0.contains("local.account_id") }, "\(messages)")
    }

    // MARK: - Encoding functions (examples from their pages under developer.hashicorp.com/terraform/language/functions)

    static let encodings: [(String, String)] = [
        (#"base64decode("ZmFsc2U=")"#, #""false""#), (#"base64decode("SGVsbG8gV29ybGQ=")"#, #""Hello World""#),
        (#"urlencode("Hello World!")"#, #""Hello+World%21""#), (#"urlencode("☃")"#, #""%E2%98%83""#),
        (#"urlencode("foo=bar&baz=qux")"#, #""foo%3Dbar%26baz%3Dqux""#), (#"urlencode("a-b_c.d~e")"#, #""a-b_c.d~e""#),
        (#"parseint("100", 10)"#, "100"), (#"parseint("FF", 16)"#, "255"), (#"parseint("-10", 16)"#, "-16"),
        (#"parseint("1011111011101111", 2)"#, "48879"), (#"parseint("aA", 62)"#, "656"), (#"parseint("zz", 36)"#, "1295"),
        (#"parseint("100000000000000000000", 16)"#, "1208925819614629174706176"),
        (#"parseint("ffffffffffffffffffff", 16)"#, "?"),
    ]

    @Test(arguments: encodings)
    func encodingFunctionsAreEvaluated(_ expression: String, _ expected: String) throws {
        #expect(try spell(expression) == expected, "\(expression)")
    }

    static let encodingErrors: [String] = [
        #"base64decode("not base64!")"#, #"base64decode("/w==")"#, #"parseint("12", 2)"#, #"parseint("", 10)"#,
        #"parseint("1", 63)"#, #"parseint("0x10", 16)"#,
    ]

    @Test(arguments: encodingErrors)
    func badEncodingsAreErrors(_ expression: String) {
        #expect(throws: TerraformEvaluationError.self, "\(expression)") { try value(expression) }
    }

    @Test func aDecodedFalseTurnsEncryptionOff() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" {
              region = "us-east-1"
            }
            resource "aws_ebs_volume" "v" {
              availability_zone = "us-east-1a"
              size              = 10
              encrypted         = base64decode("ZmFsc2U=") == "true"
            }
            """)
        #expect(findings.contains { $0.ruleId == "MMC-ENC-001" && $0.severity == .critical }, "\(findings.map(\.message))")
    }
}
