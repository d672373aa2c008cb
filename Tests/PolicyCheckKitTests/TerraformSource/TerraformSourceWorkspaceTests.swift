@testable import PolicyCheckKit
import Testing

/// `aws_workspaces_workspace`: the root and user volumes are volume stores (round 25: neither was read, so a
/// WorkSpace with both off passed).
@Suite struct TerraformSourceWorkspaceTests {
    static func outcomes(_ body: String) throws -> [String] {
        try TerraformSourceFixture.findings(main: """
            provider "aws" {
              region = "us-east-1"
            }

            resource "aws_workspaces_workspace" "desk" {
              directory_id = "d-0123456789"
              bundle_id    = "wsb-0123456789"
              user_name    = "alice"
            \(body)
            }
            """)
            .filter { $0.ruleId.hasPrefix("MMC-ENC-00") }
            .map { "\($0.line):\($0.column) \($0.ruleId) \($0.resource) \($0.path)" }
    }

    @Test func bothVolumesOffOrLeftOutFail() throws {
        #expect(try Self.outcomes("""
              root_volume_encryption_enabled = false
              user_volume_encryption_enabled = false
            """) == [
            "9:36 MMC-ENC-001 aws_workspaces_workspace.desk aws_workspaces_workspace.desk.root_volume_encryption_enabled",
            "10:36 MMC-ENC-001 aws_workspaces_workspace.desk aws_workspaces_workspace.desk.user_volume_encryption_enabled",
        ])
        #expect(try Self.outcomes("").filter { $0.contains("MMC-ENC-001") }.count == 2)
    }

    @Test func theUserVolumeIsJudgedUnderTheSharedKey() throws {
        #expect(try Self.outcomes("""
              root_volume_encryption_enabled = true
              user_volume_encryption_enabled = true
              volume_encryption_key          = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            """).isEmpty)
        #expect(try Self.outcomes("""
              root_volume_encryption_enabled = true
              user_volume_encryption_enabled = true
            """).map { $0.components(separatedBy: " ")[1] } == ["MMC-ENC-002", "MMC-ENC-002"])
    }
}
