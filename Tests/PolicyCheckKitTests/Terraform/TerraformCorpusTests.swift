import Foundation
import PolicyCheckKit
import Testing

/// Every Terraform plan in the shared real-world corpus is recognised and checked, or rejected with a clear error.
@Suite struct TerraformCorpusTests {
    static let directories = ["checkov/terraform-plans", "terraform-json"]
    /// Files that are malformed on purpose, with the error they must give.
    static let malformed = ["invalid__plan.json": "expected end of input or another top-level object, found '}'"]

    static var files: [String] {
        directories.flatMap { directory -> [String] in
            let url = TerraformFixture.corpus.appendingPathComponent(directory)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { $0.hasSuffix(".json") }.sorted().map { url.appendingPathComponent($0).path }
        }
    }

    static let available = FileManager.default.fileExists(atPath: TerraformFixture.corpus.path)

    @Test(.enabled(if: available, "the shared corpus (../shared/corpus) is absent")) func everyPlanIsCheckedOrRejected() throws {
        #expect(Self.files.count >= 70)
        for path in Self.files {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let report = try TerraformFixture.run([path])
            if let message = Self.malformed[name] {
                #expect(report.errors.map(\.message) == [message], "\(name)")
                #expect(report.exitCode == 2, "\(name)")
            } else {
                #expect(report.errors.map(\.message) == [], "\(name)")
                #expect(report.filesChecked == [path], "\(name)")
                #expect(report.deploymentCount == 1, "\(name)")
            }
        }
    }

    @Test(.enabled(if: available, "the shared corpus (../shared/corpus) is absent"))
    func knownViolationsInTheCheckovPlanAreFound() throws {
        let path = TerraformFixture.corpus.appendingPathComponent("checkov/terraform-plans/terraform__runner__plan__tfplan.json").path
        let summaries = Set(try TerraformFixture.run([path]).findings.map(\.summary))
        #expect(summaries.isSuperset(of: [
            "MMC-ENC-001 critical 1321:32 aws_db_instance.default",
            "MMC-NET-012 high 1315:34 aws_db_instance.default",
            "MMC-NET-001 critical 3080:17 aws_security_group.web-node",
            "MMC-NET-011 high 3093:17 aws_security_group.web-node",
            "MMC-NET-012 high 2607:18 aws_s3_bucket.data",
            "MMC-RES-001 high 3729:31 provider.aws",
        ]))
        // The logs bucket uses the plan's own key through a reference that is unknown until apply.
        #expect(!summaries.contains { $0.hasPrefix("MMC-ENC-002") && $0.hasSuffix("aws_s3_bucket.logs") })
    }

    @Test(.enabled(if: available, "the shared corpus (../shared/corpus) is absent"), arguments: ["terraform__parser__plan_encodings__tfplan_win_utf16.json", "terraform__runner__plan_with_utf_16_encoding__tfplan.json",
                      "terraform__parser__plan_encodings__tfplan_win_utf8.json"])
    func encodedPlansAreRead(name: String) throws {
        let path = TerraformFixture.corpus.appendingPathComponent("checkov/terraform-plans/\(name)").path
        let report = try TerraformFixture.run([path])
        #expect(report.errors.isEmpty)
        #expect(report.deploymentCount == 1)
    }
}
