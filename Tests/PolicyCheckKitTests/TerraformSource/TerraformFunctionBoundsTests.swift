import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// What a hostile module can ask of the functions: patterns that backtrack for minutes or overflow ICU's stack (and
/// then report no match), RE2 syntax ICU reads otherwise, results of gigabytes. Each is unknown or an error — never
/// a hang, a crash, or a value Terraform would not compute (review of round 20).
@Suite struct TerraformFunctionBoundsTests {
    private func value(_ expression: String) throws -> TerraformValue { try TerraformSourceFunctionTests.value(expression) }

    static let unknown: [String] = [
        // Nested repetition: catastrophic backtracking.
        #"regexall("(?:0+)+1", "\#(String(repeating: "0", count: 300))")"#,
        // A text past the bound: ICU ran out of stack and answered "no match".
        #"regexall("a", "\#(String(repeating: "b", count: 600))")"#,
        // More unbounded repetitions than the bound.
        #"regexall("a*b*c*d*e", "abcd")"#,
        // Non-ASCII patterns (Terraform normalises strings to NFC; a combining mark joins a slash into one character).
        "replace(\"10.0.0.0/10\", \"/\u{301}?1/\", \"\")",
        // RE2 refuses counts past 1000 or a minimum above the maximum: an error to Terraform, not a literal.
        #"regexall("a{1001}", "a")"#, #"regexall("a{2,1}", "a")"#,
        // Results of gigabytes.
        #"indent(100000000000, "a\nb")"#,
        "setproduct(range(60), range(60), range(60), range(60), range(60))",
    ]

    @Test(arguments: unknown)
    func beyondTheBoundsIsUnknown(_ expression: String) throws {
        #expect(try value(expression).unknownReason != nil, "\(expression)")
    }

    /// Go's regexp reads no count with a leading zero: `{01}` is the literal text.
    @Test func aLeadingZeroCountIsLiteralTextAsInGo() throws {
        #expect(TerraformSourceFixture.spell(try value(#"length(regexall("^0{01}$", "0"))"#)) == "0")
        #expect(TerraformSourceFixture.spell(try value(#"length(regexall("^0{01}$", "0{01}"))"#)) == "1")
    }

    @Test func aFormatWidthOfGigabytesIsAnError() {
        #expect(throws: (any Error).self) { try value(#"format("%99999999999d", 1)"#) }
    }

    @Test func patternsWithinTheBoundsAreStillEvaluated() throws {
        #expect(TerraformSourceFixture.spell(try value(#"regex("^arn:aws:iam::([0-9]{12}):role/(.+)$", "arn:aws:iam::123456789012:role/admin")"#))
                == #"["123456789012","admin"]"#)
        #expect(TerraformSourceFixture.spell(try value(#"replace("10.0.0.0/8", "/^10\\..*$/", "0.0.0.0/0")"#)) == #""0.0.0.0/0""#)
    }

    /// Terraform holds strings in NFC: `"e\u0301"` is `"é"`, which contains no U+0301 (review).
    @Test func stringsAreInNormalFormC() throws {
        #expect(TerraformSourceFixture.spell(try value(#"strcontains("e\u0301", "\u0301")"#)) == "false")
        #expect(TerraformSourceFixture.spell(try value(#"length("e\u0301")"#)) == "1")
    }
}
