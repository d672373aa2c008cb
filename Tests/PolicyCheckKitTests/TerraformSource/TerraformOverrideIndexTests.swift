import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Override files find their targets through an index built once; it must find what scanning the module found:
/// the first declaration, in file order, of a block's type and labels (a provider by name and alias), or of a local.
@Suite struct TerraformOverrideIndexTests {
    static func plan(_ files: [String: String]) throws -> SourceNode {
        try #require(try TerraformSourceLocalsResolutionTests.deployment(files).rawNode)
    }

    static func after(_ plan: SourceNode, _ attribute: String) -> [String] {
        (plan["resource_changes"]?.items ?? []).map { change -> String in
            let address = change["address"]?.string ?? "?"
            let value = change["change"]?["after"]?[attribute]?.string ?? "-"
            return "\(address)=\(value)"
        }
    }

    @Test func everyOverriddenBlockAndLocalIsTheOneDeclaredFirst() throws {
        var main = "locals {\n", overrides = "locals {\n", later = ""
        for index in 0..<300 {
            main += "  n\(index) = \"main-\(index)\"\n"
            overrides += index.isMultiple(of: 2) ? "  n\(index) = \"over-\(index)\"\n" : ""
        }
        main += "}\n"
        overrides += "}\n"
        for index in 0..<300 {
            main += "resource \"aws_s3_bucket\" \"b\(index)\" {\n  bucket = local.n\(index)\n}\n"
            if index.isMultiple(of: 3) { later += "resource \"aws_s3_bucket\" \"b\(index)\" {\n  bucket = \"later-\(index)\"\n}\n" }
        }
        let plan = try Self.plan(["main.tf": main, "a_override.tf": overrides, "b_override.tf": later])
        let expected = (0..<300).map { index in
            "aws_s3_bucket.b\(index)=" + (index.isMultiple(of: 3) ? "later-\(index)" : index.isMultiple(of: 2) ? "over-\(index)" : "main-\(index)")
        }
        #expect(Self.after(plan, "bucket") == expected)
    }

    @Test func aProviderOverrideFindsTheProviderOfItsAlias() throws {
        let plan = try Self.plan([
            "main.tf": "provider \"aws\" {\n  region = \"us-east-1\"\n}\nprovider \"aws\" {\n  alias  = \"west\"\n  region = \"us-west-2\"\n}\n",
            "a_override.tf": "provider \"aws\" {\n  alias  = \"west\"\n  region = \"eu-west-1\"\n}\n",
        ])
        let providers = plan["configuration"]?["provider_config"]?.entries?.map {
            "\($0.key)=\($0.value["expressions"]?["region"]?["constant_value"]?.string ?? "-")"
        }
        #expect(providers?.sorted() == ["aws.west=eu-west-1", "aws=us-east-1"])
    }
}
