@testable import PolicyCheckKit
import Testing

/// A CDK cloud assembly's `manifest.json` says the region each region-pinned stack is deployed to, which its
/// template names only as `AWS::Region` (tester round 33).
struct CDKAssemblyManifestTests {
    static let manifest = """
        {
          "version": "36.0.0",
          "artifacts": {
            "DataStack": {"type": "aws:cloudformation:stack", "environment": "aws://123456789012/eu-central-1",
                          "properties": {"templateFile": "DataStack.template.json"}},
            "Agnostic": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region"},
            "Home": {"type": "aws:cloudformation:stack", "environment": "aws://123456789012/us-east-1"},
            "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}
          }
        }
        """

    @Test func eachPinnedStackRegionIsAResidencyReference() throws {
        let deployment = try CloudFormationTesting.deployment(Self.manifest, path: "cdk.out/manifest.json")
        #expect(deployment.regions.map { "\($0.component) \($0.region)" }.sorted() == ["DataStack eu-central-1", "Home us-east-1"])
        let findings = try CloudFormationTesting.findings(Self.manifest, path: "cdk.out/manifest.json")
        #expect(findings.map { "\($0.ruleId) \($0.resource) \($0.line):\($0.column)" } == ["MMC-RES-001 DataStack 4:70"])
    }
}
