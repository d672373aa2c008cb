import Foundation
import Testing

/// End-to-end: `policycheck check DIR` on Terraform source.
@Suite struct TerraformSourceCommandTests {
    typealias CLI = PolicyCheckProcess

    static func fixture(_ name: String) -> String {
        CLI.packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures/terraform-source/\(name)").path
    }

    // MARK: - Shapes terraform-aws-modules use (exit 0/1, never 2)

    @Test func moduleCallsUsingEachOthersOutputsAreChecked() throws {
        let result = try CLI.run(["check", Self.fixture("modules-using-each-others-outputs-pass"), "--offering", "dedicated"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("PASS — 1 file checked, 1 deployment: no findings"), "\(result.stdout)")
    }

    @Test func optionalObjectAttributesAreChecked() throws {
        let result = try CLI.run(["check", Self.fixture("optional-attributes-take-their-defaults-pass"), "--offering", "dedicated"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("error:"), "\(result.stdout)")
    }

    @Test func computedAttributesAreCheckedWithoutAnError() throws {
        let result = try CLI.run(["check", Self.fixture("computed-attributes-cannot-be-verified"), "--offering", "dedicated"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("error:"), "\(result.stdout)")
        #expect(result.stdout.contains("[aws_eks_cluster.this]"), "\(result.stdout)")
    }
}
