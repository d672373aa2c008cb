import Testing
@testable import PolicyCheckKit

/// `AWS::WorkSpaces::Workspace`: its root and user volumes are volume stores (round 25: eijikominami's
/// `euc/templates/workspaces.yaml` turned both off and passed, as the type was not read).
@Suite struct CloudFormationWorkspaceTests {
    typealias T = CloudFormationTesting

    static func template(_ properties: String) -> String {
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          Desk:
            Type: AWS::WorkSpaces::Workspace
            Properties:
              BundleId: wsb-0123456789
              DirectoryId: d-0123456789
              UserName: alice
        \(properties)
        """
    }

    static func encryption(_ text: String) throws -> [String] {
        try T.findings(text).filter { $0.ruleId.hasPrefix("MMC-ENC-00") }.map(\.cfnSummary)
    }

    @Test func volumesTurnedOffOrLeftOutFail() throws {
        #expect(try Self.encryption(Self.template("""
                  RootVolumeEncryptionEnabled: false
                  UserVolumeEncryptionEnabled: false
            """)) == [
            "9:36 critical MMC-ENC-001 Desk Resources.Desk.Properties.RootVolumeEncryptionEnabled",
            "10:36 critical MMC-ENC-001 Desk Resources.Desk.Properties.UserVolumeEncryptionEnabled",
        ])
        let undeclared = try T.findings(Self.template("")).filter { $0.ruleId == "MMC-ENC-001" }
        #expect(undeclared.map(\.path) == [
            "Resources.Desk.Properties.RootVolumeEncryptionEnabled", "Resources.Desk.Properties.UserVolumeEncryptionEnabled",
        ])
        #expect(undeclared.allSatisfy { $0.severity == .critical && $0.message.hasPrefix("no encryption at rest is declared for the volume") })
    }

    @Test func encryptedVolumesOnTheAWSManagedKeyFailOnlyTheKeyRule() throws {
        let findings = try Self.encryption(Self.template("""
                  RootVolumeEncryptionEnabled: true
                  UserVolumeEncryptionEnabled: true
            """))
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.contains("high MMC-ENC-002 Desk") }, "\(findings)")
    }

    @Test func encryptedVolumesOnACustomerKeyPass() throws {
        #expect(try Self.encryption(Self.template("""
                  RootVolumeEncryptionEnabled: true
                  UserVolumeEncryptionEnabled: true
                  VolumeEncryptionKey: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
            """)).isEmpty)
    }
}
