import Foundation
@testable import PolicyCheckKit
import Testing

/// The same deployment written as HCL (`Fixtures/terraform-source/parity/`) and as the JSON plan Terraform makes of
/// it (`parity.plan.json`) gives the same findings: the source adapter feeds the plan adapter's own readers.
@Suite struct TerraformSourcePlanParityTests {
    @Test func sourceAndPlanGiveTheSameFindings() throws {
        let source = try TerraformSourceFixture.findings("parity")
        let bytes = try [UInt8](Data(contentsOf: TerraformSourceFixture.directory.appendingPathComponent("parity.plan.json")))
        let plan = try TerraformFixture.findings(try TerraformFixture.deployment(json: String(decoding: bytes, as: UTF8.self)))
        func pairs(_ findings: [Finding]) -> [String] {
            Set(findings.map { "\($0.ruleId) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }).sorted()
        }
        #expect(!source.isEmpty)
        #expect(pairs(source) == pairs(plan))
        // Source findings name the .tf file; plan findings name the plan.
        #expect(source.allSatisfy { $0.file.hasSuffix("main.tf") })
    }
}
