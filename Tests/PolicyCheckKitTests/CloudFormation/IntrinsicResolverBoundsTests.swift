import Testing
import PolicyCheckSyntax
@testable import PolicyCheckAdapters

/// What a template may make the resolver do is bounded by its size: nested `!Sub`s, long `!Join`s, wide parameter
/// lists and maps (each was quadratic or exponential before).
@Suite struct IntrinsicResolverBoundsTests {
    static func resolve(_ json: String, expression: String) throws -> [TemplateValue] {
        let text = "{\(json)\"Resources\": {\"K\": {\"Type\": \"AWS::KMS::Key\"}}, \"Value\": \(expression)}"
        let root = try JSONReader().read(Array(text.utf8))
        let resolver = IntrinsicResolver(template: try Template(root, source: SourceFile(path: "t.json", bytes: [])))
        return resolver.resolve(try #require(root["Value"]))
    }

    static func unknownReason(_ values: [TemplateValue]) -> String? {
        guard values.count == 1, case .unknown(let reason, _) = values[0] else { return nil }
        return reason
    }

    /// `{"Fn::Sub": ["${A}${A}", {"A": <next level>}]}`, `levels` deep around `"x"`.
    static func doublingSub(levels: Int) -> String {
        (0..<levels).reduce("\"x\"") { inner, _ in "{\"Fn::Sub\": [\"${A}${A}\", {\"A\": \(inner)}]}" }
    }

    @Test func nestedSubsThatDoubleAStringStopAtAMegabyte() throws {
        let twelve = try Self.resolve("", expression: Self.doublingSub(levels: 12))
        guard case .string(let text)? = twelve.first else { Issue.record("expected a string"); return }
        #expect(text == String(repeating: "x", count: 4096), "each variable is still substituted everywhere")
        // 2^31 bytes if built: now unknown past 1 MB, and resolved once per level rather than 2^31 times.
        let bomb = try Self.resolve("", expression: Self.doublingSub(levels: 31))
        #expect(Self.unknownReason(bomb)?.contains("more than 1048576 bytes") == true)
    }

    @Test func longJoinsAndSubsBuildTheWholeString() throws {
        let parts = (0..<5000).map { "\"p\($0)\"" }.joined(separator: ", ")
        let joined = try Self.resolve("", expression: "{\"Fn::Join\": [\"-\", [\(parts)]]}")
        #expect(joined.first?.scalarText == (0..<5000).map { "p\($0)" }.joined(separator: "-"))
        let variables = (0..<3000).map { "\"V\($0)\": \"\($0)\"" }.joined(separator: ", ")
        let format = (0..<3000).map { "${V\($0)}" }.joined(separator: ",")
        let substituted = try Self.resolve("", expression: "{\"Fn::Sub\": [\"\(format)\", {\(variables)}]}")
        #expect(substituted.first?.scalarText == (0..<3000).map(String.init).joined(separator: ","))
    }

    @Test func subSegmentsKeepLiteralsEscapesAndUnclosedText() {
        typealias R = IntrinsicResolver
        #expect(R.segments(of: "a${B}c${!D}e${ F }") == [.literal("a"), .variable("B"), .literal("c${D}e"), .variable("F")])
        #expect(R.segments(of: "é${x}ü${unclosed") == [.literal("é"), .variable("x"), .literal("ü${unclosed")])
        #expect(R.segments(of: "$${x}$") == [.literal("$"), .variable("x"), .literal("$")])
        #expect(R.segments(of: "${}") == [.variable("")])
        #expect(R.segments(of: "") == [])
    }

    @Test func aParameterWithMoreAllowedValuesThanAnExpressionMayTakeIsUnknown() throws {
        let allowed = (0..<65).map { "\"v\($0)\"" }.joined(separator: ", ")
        let many = try Self.resolve("\"Parameters\": {\"P\": {\"Type\": \"String\", \"AllowedValues\": [\(allowed)]}}, ",
                                    expression: "{\"Ref\": \"P\"}")
        #expect(Self.unknownReason(many)?.contains("more than 64 values") == true)
        let few = try Self.resolve("\"Parameters\": {\"P\": {\"Type\": \"String\", \"AllowedValues\": [\"a\", \"b\"]}}, ",
                                   expression: "{\"Ref\": \"P\"}")
        #expect(few.compactMap(\.scalarText) == ["a", "b"])
    }

    @Test func aRegionKeyedLookupOfAWideMapIsUnknown() throws {
        let entries = (0..<65).map { "\"r\($0)\": {\"K\": \"v\($0)\"}" }.joined(separator: ", ")
        let value = try Self.resolve("\"Mappings\": {\"M\": {\(entries)}}, ",
                                     expression: "{\"Fn::FindInMap\": [\"M\", {\"Ref\": \"AWS::Region\"}, \"K\"]}")
        #expect(Self.unknownReason(value)?.contains("more than 64 values") == true)
        let known = try Self.resolve("\"Mappings\": {\"M\": {\(entries)}}, ",
                                     expression: "{\"Fn::FindInMap\": [\"M\", \"r64\", \"K\"]}")
        #expect(known.first?.scalarText == "v64", "a known key still finds its entry in a wide map")
        // Only the entries that have the second key count: one of 65 regions sets it.
        let sparse = (0..<65).map { "\"r\($0)\": {\($0 == 7 ? "\"Enc\": \"false\"" : "\"Other\": \"x\"")}" }
            .joined(separator: ", ")
        let selected = try Self.resolve("\"Mappings\": {\"M\": {\(sparse)}}, ",
                                        expression: "{\"Fn::FindInMap\": [\"M\", {\"Ref\": \"AWS::Region\"}, \"Enc\"]}")
        #expect(selected.map(\.scalarText) == ["false"])
        // One resolver remembers what each map and keys select: the same lookup again gives the same entries, and a
        // lookup by another second key is not answered from the first.
        let text = "{\"Mappings\": {\"M\": {\(sparse)}}, \"Resources\": {\"K\": {\"Type\": \"AWS::KMS::Key\"}}, "
            + "\"A\": {\"Fn::FindInMap\": [\"M\", {\"Ref\": \"AWS::Region\"}, \"Enc\"]}, "
            + "\"B\": {\"Fn::FindInMap\": [\"M\", {\"Ref\": \"AWS::Region\"}, \"Other\"]}}"
        let root = try JSONReader().read(Array(text.utf8))
        let resolver = IntrinsicResolver(template: try Template(root, source: SourceFile(path: "t.json", bytes: [])))
        let a = try #require(root["A"]), b = try #require(root["B"])
        #expect(resolver.resolve(a).map(\.scalarText) == ["false"])
        #expect(resolver.resolve(b).map(\.scalarText) == Array(repeating: "x", count: 64), "the 64 other regions set Other")
        #expect(resolver.resolve(a).map(\.scalarText) == ["false"])
    }

    @Test func allowedValuesThatAreNotAListLeaveTheDefault() throws {
        let mapping = (0..<65).map { "\"k\($0)\": \"v\"" }.joined(separator: ", ")
        let value = try Self.resolve(
            "\"Parameters\": {\"P\": {\"Type\": \"String\", \"Default\": \"false\", \"AllowedValues\": {\(mapping)}}}, ",
            expression: "{\"Ref\": \"P\"}")
        #expect(value.map(\.scalarText) == ["false"])
    }

    @Test func regionsAreFoundInEveryARNOfALongString() {
        let text = (0..<2000).map { "arn:aws:s3:eu-west-\($0 % 3 + 1)::b\($0)" }.joined(separator: ",")
        #expect(RegionScanner.regionsInARNs(text).count == 2000)
        #expect(RegionScanner.regionsInARNs("xarn:aws:kms:us-east-1:1:key/k arn:${AWS::Partition}:kms:eu-west-1:1:key/k")
            == ["us-east-1", "eu-west-1"])
        #expect(RegionScanner.regionsInARNs("ar arn arn: a") == [])
    }

    /// Conditions built of conditions are decided once each per scenario: eight levels of `Fn::And`s of ten
    /// references to the level below were decided 10^8 times (an 8 KB template of seven levels took 36 s, hunter,
    /// round 37); the time limit is a hang guard, the check takes milliseconds. The scenario still decides the key.
    @Test(.timeLimit(.minutes(1))) func chainedConditionsAreDecidedOnceEach() throws {
        var conditions = #""C0": {"Fn::Equals": [{"Ref": "P"}, "a"]}"#
        for level in 1...8 {
            let references = Array(repeating: #"{"Condition": "C\#(level - 1)"}"#, count: 10).joined(separator: ", ")
            conditions += #", "C\#(level)": {"Fn::And": [\#(references)]}"#
        }
        let template = #"""
            {"Parameters": {"P": {"Type": "String", "AllowedValues": ["a", "b"], "Default": "a"}},
             "Conditions": {\#(conditions)},
             "Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": {"Fn::If": ["C8", true, false]}}}}}
            """#
        let findings = try CloudFormationTesting.findings(template, path: "template.json").filter { $0.ruleId == "MMC-KEY-005" }
        #expect(findings.count == 1 && findings[0].message.contains("(when P is 'b')"), "\(findings.map(\.message))")
    }
}

