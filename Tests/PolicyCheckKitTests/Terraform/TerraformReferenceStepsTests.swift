@testable import PolicyCheckKit
@testable import PolicyCheckAdapters
import Testing

/// References split on their bytes when ASCII give the same steps as the Character walk other text takes.
@Suite struct TerraformReferenceStepsTests {
    @Test func asciiReferencesSplitOnDotsOutsideBracketsAndQuotes() {
        #expect(TerraformConfiguration.steps("aws_kms_key.main.arn") == ["aws_kms_key", "main", "arn"])
        #expect(TerraformConfiguration.steps("aws_x.y[\"a.b\"].arn") == ["aws_x", "y[\"a.b\"]", "arn"])
        #expect(TerraformConfiguration.steps("module.db[0].key") == ["module", "db[0]", "key"])
        #expect(TerraformConfiguration.steps("var.x") == ["var", "x"])
        #expect(TerraformConfiguration.steps("") == [""])
        #expect(TerraformConfiguration.steps("a..b.") == ["a", "", "b", ""])
        #expect(TerraformConfiguration.steps("a[\"]\"].b") == ["a[\"]\"]", "b"])
    }

    @Test func otherTextKeepsItsGraphemeClusters() {
        // A combining mark after the dot makes one Character that is not a dot: no split there.
        #expect(TerraformConfiguration.steps("a.\u{301}b.c") == ["a.\u{301}b", "c"])
        #expect(TerraformConfiguration.steps("aws_s3_bucket.données.arn") == ["aws_s3_bucket", "données", "arn"])
    }
}
