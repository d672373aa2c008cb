import Foundation
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import Testing

/// What terraform-aws-modules' repositories revealed (docs/terraform-source.md, "Real repositories"): configurations
/// Terraform plans were refused as cycles or missing attributes. Each fixture is the smallest module showing one.
@Suite struct TerraformSourceRealRepositoryTests {
    @Test func moduleCallsUsingEachOthersOutputsAreNoCycle() throws {
        let outcome = TerraformSourceFixture.read("modules-using-each-others-outputs-pass")
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        let plan = try #require(outcome.deployment?.rawNode)
        let addresses = plan["resource_changes"]?.items?.compactMap { $0["address"]?.string } ?? []
        #expect(addresses.contains("module.source_bucket.aws_s3_bucket_policy.partner"))
        #expect(addresses.contains("module.destination_bucket.aws_s3_bucket_policy.partner"))
    }

    @Test func aResourceCycleThroughTwoModulesIsStillACycle() throws {
        let errors = try TerraformSourceHostileTests.errors([
            "main.tf": "module \"a\" {\n  source = \"./m\"\n  peer = module.b.name\n}\nmodule \"b\" {\n  source = \"./m\"\n  peer = module.a.name\n}\n",
            "m/main.tf": "variable \"peer\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x-${var.peer}\"\n}\noutput \"name\" {\n  value = aws_s3_bucket.b.bucket\n}\n",
        ])
        #expect(errors.count == 1)
        #expect(errors.first?.contains("refers to itself through a cycle of references") == true, "\(errors)")
    }

    @Test func optionalObjectAttributesTakeTheirDefaults() throws {
        let (root, _) = try TerraformSourceFixture.evaluate("optional-attributes-take-their-defaults-pass")
        defer { root.dismantle() }
        let indexes = try root.variable("indexes", at: 0)
        #expect(TerraformSourceFixture.spell(indexes) == #"{large:{data_type:"float16",dimension:1024,distance_metric:"cosine",tags:{}},small:{data_type:"float32",dimension:128,distance_metric:null,tags:{}}}"#)
        let values = try #require(root.instances["aws_s3vectors_index.this"]).map { "\($0.key) \(TerraformSourceFixture.spell($0.values["distance_metric"]!))" }
        #expect(values == [#"["large"] "cosine""#, #"["small"] "euclidean""#])
    }

    @Test func attributesTheProviderComputesAreUnknownNotMissing() throws {
        let (root, _) = try TerraformSourceFixture.evaluate("computed-attributes-cannot-be-verified")
        defer { root.dismantle() }
        let subnet = try #require(root.instances["aws_subnet.public"]?.first)
        #expect(subnet.values["ipv6_cidr_block"]?.isUnknown == true)
        let tag = try #require(root.instances["aws_ec2_tag.cluster_security_group"]?.first)
        #expect(tag.values["resource_id"]?.unknownReason?.contains("cluster_security_group_id") == true)
    }

    @Test func aMissingAttributeOfAWrittenObjectIsStillAnError() throws {
        let errors = try TerraformSourceHostileTests.errors([
            "main.tf": "locals {\n  settings = { name = \"x\" }\n}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = local.settings.nmae\n}\n",
        ])
        #expect(errors == ["main.tf:5:12: the object has no attribute 'nmae'"])
    }
}
