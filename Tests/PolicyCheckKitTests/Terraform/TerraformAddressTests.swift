@testable import PolicyCheckAdapters
import Testing

/// Plan addresses read on their bytes, as Terraform reads them: module steps and instance keys, with quoted keys that
/// hold dots, brackets and escaped quotes.
@Suite struct TerraformAddressTests {
    @Test func rootAddressesHaveNoModulePart() {
        #expect(TerraformAddress.split("aws_s3_bucket.b") == ("", "aws_s3_bucket.b"))
        #expect(TerraformAddress.modulePath("") == [])
    }

    @Test func moduleStepsEndAtTheFirstDotOutsideKeys() {
        let (module, resource) = TerraformAddress.split("module.a[0].module.b[\"x.y]\"].aws_s3_bucket.c[\"k.z\"]")
        #expect(module == "module.a[0].module.b[\"x.y]\"]")
        #expect(resource == "aws_s3_bucket.c[\"k.z\"]")
        #expect(TerraformAddress.modulePath(module) == ["a", "b"])
        #expect(TerraformAddress.split("module.only") == ("module.only", ""))
    }

    @Test func escapedQuotesStayInsideTheirKey() {
        let (module, resource) = TerraformAddress.split(#"module.m["a\".b"].aws_kms_key.k"#)
        #expect(module == #"module.m["a\".b"]"#)
        #expect(resource == "aws_kms_key.k")
        #expect(TerraformAddress.splitKey(#"aws_x.y["a\"].b"]"#) == ("aws_x.y", #"["a\"].b"]"#))
    }

    @Test func theTrailingKeyIsSplitOff() {
        #expect(TerraformAddress.splitKey("aws_x.y[\"a.b\"]") == ("aws_x.y", "[\"a.b\"]"))
        #expect(TerraformAddress.splitKey("aws_x.y[3]") == ("aws_x.y", "[3]"))
        #expect(TerraformAddress.splitKey("aws_x.y") == ("aws_x.y", ""))
        // A bracket before the last dot is not the instance key's.
        #expect(TerraformAddress.splitKey("aws_x[0].y") == ("aws_x[0].y", ""))
    }

    @Test func keysInOtherScriptsKeepTheirText() {
        let (module, resource) = TerraformAddress.split("module.données[\"é.ü\"].aws_s3_bucket.b[\"日本\"]")
        #expect(module == "module.données[\"é.ü\"]")
        #expect(TerraformAddress.modulePath(module) == ["données"])
        #expect(TerraformAddress.splitKey(resource) == ("aws_s3_bucket.b", "[\"日本\"]"))
    }
}
