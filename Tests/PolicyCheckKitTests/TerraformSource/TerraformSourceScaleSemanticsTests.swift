import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckTestSupport
import Testing

/// What round 13 made linear must mean what it meant: `distinct`/`toset` keep what comparing every pair kept, and a
/// chain of values deeper than the limit is one located error, not a stack overflow.
@Suite struct TerraformSourceScaleSemanticsTests {
    /// Items without those `equals` to an earlier one, by comparing every pair (the code before round 13).
    static func reference(_ items: [TerraformValue]) -> [TerraformValue] {
        var kept: [TerraformValue] = []
        for item in items where !kept.contains(where: { $0.equals(item) }) { kept.append(item) }
        return kept
    }

    static func value(_ random: inout SplitMix64, depth: Int = 0) -> TerraformValue {
        switch Int.random(in: 0..<(depth < 2 ? 9 : 7), using: &random) {
        case 0: return TerraformValue(.null, at: 0)
        case 1: return TerraformValue(.bool(Bool.random(using: &random)), at: 0)
        case 2: return TerraformValue(.number([0, -0.0, 1, 1.0, 2, .nan].randomElement(using: &random)!), at: 0)
        case 3, 4: return .string(["a", "b", "1", "e\u{301}", "\u{e9}", ""].randomElement(using: &random)!, at: 0)
        case 5: return .unknown("later", at: 0)
        case 6: return TerraformValue(.resource(address: "aws_s3_bucket.b", attributes: [:]), at: 0)
        case 7: return TerraformValue(.list((0..<Int.random(in: 0...2, using: &random)).map { _ in value(&random, depth: depth + 1) }), at: 0)
        default: return TerraformValue(.object(["k": value(&random, depth: depth + 1)]), at: 0)
        }
    }

    @Test func withoutDuplicatesKeepsWhatComparingEveryPairKept() {
        var random = SplitMix64(seed: 41)
        for _ in 0..<2000 {
            let items = (0..<Int.random(in: 0...12, using: &random)).map { _ in Self.value(&random) }
            let kept = TerraformFunctions.withoutDuplicates(items)
            let expected = Self.reference(items)
            #expect(kept.count == expected.count)
            #expect(zip(kept, expected).allSatisfy { TerraformSourceFixture.spell($0) == TerraformSourceFixture.spell($1) })
        }
    }

    static func localsChain(_ length: Int) -> String {
        var text = "locals {\n  l0 = \"AES256\"\n"
        for index in 1..<length { text += "  l\(index) = local.l\(index - 1)\n" }
        return text + "}\n\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = local.l\(length - 1)\n}\n"
    }

    @Test func aChainWithinTheLimitIsEvaluated() throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": Self.localsChain(999)])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = TerraformSourceReader().read(directory: directory, name: "module")
        #expect(outcome.errors.isEmpty)
        #expect(outcome.deployment != nil)
    }

    @Test func aChainBeyondTheLimitIsOneLocatedError() throws {
        let errors = try TerraformSourceHostileTests.errors(["main.tf": Self.localsChain(5000)])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("main.tf:") == true)
        #expect(errors.first?.hasSuffix("is reached through a chain of more than 1000 values, each referring to the next; policycheck evaluates chains up to that depth") == true)
    }
}
