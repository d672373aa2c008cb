import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// Values Terraform computes one way and a 64-bit, JSON-writing, core-schema evaluator another (tester round 2,
/// repro 03): each is now Terraform's exactly, or unknown — never a different known value a condition then follows.
@Suite struct TerraformValueDivergenceTests {
    private func value(_ expression: String) throws -> TerraformValue { try TerraformSourceFunctionTests.value(expression) }
    private func spell(_ expression: String) throws -> String { TerraformSourceFixture.spell(try value(expression)) }

    /// Terraform's numbers are decimals to 512 bits: `0.1 + 0.2` is 0.3 there, 0.30000000000000004 in 64 bits.
    static let inexactNumbers: [String] = [
        "0.1 + 0.2", "3 * 0.1", "0.3 - 0.1", "1 / 3", "sum([0.1, 0.2])", #"tostring(0.1 + 0.2) == "0.3""#,
        "sum([0.1, 0.2]) == 0.3", "0.3 % 0.1", "-7 % 3", "range(0, 1, 0.1)", "0.10000000000000001",
        #"tonumber("0.10000000000000001")"#,
    ]

    @Test(arguments: inexactNumbers)
    func inexactArithmeticIsUnknown(_ expression: String) throws {
        let result = try value(expression)
        #expect(result.unknownReason != nil, "\(expression): \(TerraformSourceFixture.spell(result))")
    }

    static let exactNumbers: [(String, String)] = [
        ("0.5 + 0.25", "0.75"), ("7 / 2", "3.5"), ("1.5 * 4", "6"), ("sum([0.5, 0.25, 1])", "1.75"),
        ("7 % 3", "1"), ("5.5 % 2", "1.5"), ("tostring(-0)", #""-0""#), ("0 * -1", "-0"), ("ceil(-0.5)", "0"),
        ("floor(-0.0)", "0"), ("0.1", "0.1"), ("tostring(0.1)", #""0.1""#), ("1e-7", "0.0000001"),
        ("9007199254740993 - 1", "?"),
    ]

    @Test(arguments: exactNumbers)
    func exactArithmeticIsTerraforms(_ expression: String, _ expected: String) throws {
        #expect(try spell(expression) == expected, "\(expression)")
    }

    /// go-cty parses a number with Go's big-float parser, which refuses spaces: an error, as in Terraform.
    @Test(arguments: [#"tonumber(" 1")"#, #"" 1" + 1"#, #"tonumber("1 ")"#])
    func numbersWithSpacesAreAnError(_ expression: String) {
        #expect(throws: TerraformEvaluationError.self, "\(expression)") { try value(expression) }
    }

    /// Terraform's YAML is go-yaml's layout, and its reader YAML 1.1's: `yes` is true, `2001-01-01` a timestamp.
    static let yamlUnknowns: [String] = [
        "yamlencode({ a = 1 })", #"yamlencode({ a = 1 }) == "\"a\": 1\n""#, #"yamlencode("x")"#,
        #"yamldecode("a: yes").a"#, #"yamldecode("a: on").a"#, #"yamldecode("d: 2001-01-01").d"#,
        #"yamldecode("n: 010").n"#, #"yamldecode("n: 1_000").n"#, #"yamldecode("n: 0x1F").n"#,
        #"yamldecode("n: 1:30").n"#, #"yamldecode("yes: 1")"#, #"yamldecode("n: .inf").n"#,
    ]

    @Test(arguments: yamlUnknowns)
    func yamlReadOtherwiseIsUnknown(_ expression: String) throws {
        let result = try value(expression)
        #expect(result.unknownReason != nil, "\(expression): \(TerraformSourceFixture.spell(result))")
    }

    static let yamlKnowns: [(String, String)] = [
        (#"yamldecode("a: hello").a"#, #""hello""#), (#"yamldecode("p: 443").p"#, "443"),
        (#"yamldecode("c: 10.0.0.0/16").c"#, #""10.0.0.0/16""#), (#"yamldecode("b: true").b"#, "true"),
        (#"yamldecode("f: 2.5").f"#, "2.5"), (#"yamldecode("z: 0").z"#, "0"),
    ]

    @Test(arguments: yamlKnowns)
    func yamlBothReadersReadAlikeIsKnown(_ expression: String, _ expected: String) throws {
        #expect(try spell(expression) == expected, "\(expression)")
    }

    static let formats: [(String, String)] = [
        (#"format("%5.1f", 3.14159)"#, #""  3.1""#), (#"format("%-6.2f|", 2.5)"#, #""2.50  |""#),
        (#"format("%.1f", 0.25)"#, #""0.2""#), (#"format("%.0f", 2.5)"#, #""2""#), (#"format("%.2f", 9.999)"#, #""10.00""#),
        (#"format("%f", 1)"#, #""1.000000""#), (#"format("%#v", "x")"#, #""\"x\"""#), (#"format("%x", 255)"#, #""ff""#),
        (#"format("%X", 255)"#, #""FF""#), (#"format("%o", 8)"#, #""10""#), (#"format("%b", 5)"#, #""101""#),
        (#"format("%05d", -42)"#, #""-0042""#), (#"format("%-4s|", "é")"#, #""é   |""#), (#"format("%d%%", 5)"#, #""5%""#),
        (#"format("%v", "x")"#, #""x""#), (#"format("%x", -255)"#, #""-ff""#),
    ]

    @Test(arguments: formats)
    func formatVerbsAreTerraforms(_ expression: String, _ expected: String) throws {
        #expect(try spell(expression) == expected, "\(expression)")
    }

    /// Verbs, flags and values whose text is not reproduced: unknown, not an error and not a nearby text.
    @Test(arguments: [#"format("%e", 1)"#, #"format("%g", 1)"#, #"format("%+d", 1)"#, #"format("%[1]s", "a")"#,
                      #"format("%v", 1.5)"#, #"format("%.1f", 0.15)"#, #"format("%#x", 255)"#, #"format("%d", 1.5)"#,
                      #"formatlist("%e", [1])"#, #"format("%.2s", "abc")"#])
    func unreproducedFormatsAreUnknown(_ expression: String) throws {
        let result = try value(expression)
        #expect(result.unknownReason != nil, "\(expression): \(TerraformSourceFixture.spell(result))")
    }

    static let stringsAndJSON: [(String, String)] = [
        (#"trimspace("\u200bx")"#, "\"\u{200B}x\""), (#"trimspace("\ufeffx")"#, "\"\u{FEFF}x\""),
        (#"trimspace("\u3000\u00a0x\u2029\u0085")"#, #""x""#), (#"trimspace(" \t\n ")"#, #""""#),
        (#"jsonencode(distinct([1, "1"]))"#, #""[\"1\"]""#), (#"jsonencode(coalesce(1, "2"))"#, #""\"1\"""#),
        (#"jsonencode(toset([true, "true"]))"#, #""[\"true\"]""#), (#"distinct([1, 1, 2])"#, "[1,2]"),
        (#"jsonencode("\u2028\u2029")"#, #""\"\\u2028\\u2029\"""#), (#"jsonencode("\u0008\u000c<>&")"#, #""\"\\b\\f\\u003c\\u003e\\u0026\"""#),
    ]

    @Test(arguments: stringsAndJSON)
    func stringsAndJSONAreTerraforms(_ expression: String, _ expected: String) throws {
        #expect(try spell(expression) == expected, "\(expression)")
    }

    @Test(arguments: [#"jsondecode("{\"a\":1,\"a\":2}")"#, "coalesce(1, true)", "distinct([1, true])", #"distinct([1, ["a"]])"#])
    func unreproducedJSONAndMixedTypesAreUnknown(_ expression: String) throws {
        let result = try value(expression)
        #expect(result.unknownReason != nil, "\(expression): \(TerraformSourceFixture.spell(result))")
    }

    /// The tester's repro: twelve world-open SSH rules behind conditions Terraform evaluates as true. None passes.
    @Test func conditionsTerraformEvaluatesOtherwiseNeverPass() throws {
        let conditions = [
            #"tostring(0.1 + 0.2) == "0.3""#, #"yamlencode({ a = 1 }) == "\"a\": 1\n""#, #"yamldecode("a: yes").a == true"#,
            #"yamldecode("d: 2001-01-01").d == "2001-01-01T00:00:00Z""#, #"format("%5.1f", 3.14159) == "  3.1""#,
            #"format("%#v", "x") == "\"x\"""#, #"trimspace("\u200bx") == "\u200bx""#,
            #"jsonencode(distinct([1, "1"])) == "[\"1\"]""#, #"jsonencode(coalesce(1, "2")) == "\"1\"""#,
            #"jsonencode("\u2028") == "\"\\u2028\"""#, #"tostring(-0) == "-0""#, "sum([0.1, 0.2]) == 0.3",
        ]
        let rules = conditions.enumerated().map { index, condition in
            """
            resource "aws_security_group_rule" "c\(index)" {
              type              = "ingress"
              from_port         = 22
              to_port           = 22
              protocol          = "tcp"
              cidr_blocks       = [\(condition) ? "0.0.0.0/0" : "10.0.0.0/16"]
              security_group_id = "sg-1"
            }
            """
        }
        let findings = try TerraformSourceFixture.findings(main: "provider \"aws\" { region = \"us-east-1\" }\n" + rules.joined(separator: "\n"))
        let flagged = findings.filter { $0.ruleId == "MMC-NET-001" }.map(\.summary)
        for index in conditions.indices {
            #expect(flagged.contains { $0.hasSuffix("aws_security_group_rule.c\(index)") }, "c\(index): \(conditions[index]) — \(flagged)")
        }
    }
}
