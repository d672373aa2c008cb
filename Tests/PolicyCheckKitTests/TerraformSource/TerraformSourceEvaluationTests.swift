import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// Every expression form and the common built-in functions, evaluated from `Fixtures/terraform-source/expressions`,
/// each value located at the text that decided it.
@Suite struct TerraformSourceEvaluationTests {
    static let expected: [(String, String)] = [
        ("literal", #""text""#),
        ("number", "6"),
        ("compare", "true"),
        ("conditional", #""many""#),
        ("template", #""a-b-c-yes""#),
        ("heredoc", #""line one\n  line two\n""#),
        ("tuple", #"["A","C"]"#),
        ("object", "{x:10,y:20}"),
        ("splat", #"["p","q"]"#),
        ("index", #""b""#),
        ("merged", "{x:1,y:2,z:3}"),
        ("joined", #""a,b,c,d""#),
        ("split", #""b""#),
        ("looked", #""fallback""#),
        ("tried", #""caught""#),
        ("coalesced", #""first""#),
        ("formatted", #""id-007""#),
        ("encoded", #""{\"a\":\"x\",\"b\":[1,true]}""#),
        ("decoded", "2"),
        ("subnet", #""10.0.2.0/24""#),
        ("host", #""10.0.2.5""#),
        ("set", #"["a","b"]"#),
        ("listed", #"["y","z"]"#),
        ("expanded", "9"),
        ("unknown", "?"),
        ("unknown_fn", "?"),
        ("whole", "?"),
        ("whole_each", "?"),
    ]

    @Test func expressionFormsAndFunctionsEvaluate() throws {
        let (root, _) = try TerraformSourceFixture.evaluate("expressions")
        defer { root.dismantle() }
        for (name, value) in Self.expected {
            let actual = try root.local(name, at: 0)
            #expect(TerraformSourceFixture.spell(actual) == value, "local.\(name)")
        }
    }

    @Test func valuesAreLocatedWhereTheyAreDecided() throws {
        let (root, loader) = try TerraformSourceFixture.evaluate("expressions")
        defer { root.dismantle() }
        // A literal at its text; a variable's value at its default; a call at the call.
        #expect(TerraformSourceFixture.place(try root.local("literal", at: 0).offset, loader) == "main.tf:12:17")
        #expect(TerraformSourceFixture.place(try root.local("index", at: 0).offset, loader) == "main.tf:2:19")
        #expect(TerraformSourceFixture.place(try root.local("merged", at: 0).offset, loader) == "main.tf:25:17")
    }

    @Test func unknownValuesSayWhatTheyComeFrom() throws {
        let (root, _) = try TerraformSourceFixture.evaluate("expressions")
        defer { root.dismantle() }
        #expect(try root.local("unknown", at: 0).unknownReason == "it comes from var.unset, which has no value here")
        #expect(try root.local("unknown_fn", at: 0).unknownReason == "it uses timestamp(), which policycheck does not evaluate")
        #expect(try root.local("whole_each", at: 0).unknownReason
            == "comes from jsonencode() of the whole resource aws_s3_bucket.each[\"a\"], whose computed attributes are known only after apply")
    }
}
