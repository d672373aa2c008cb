import Testing
@testable import PolicyCheckKit

/// The same template in YAML short form and JSON long form: the same rules fire, each at its own lines.
@Suite struct CloudFormationSyntaxTests {
    typealias T = CloudFormationTesting

    static let yamlExpected = [
        "17:26 medium MMC-KEY-005 DataKey Resources.DataKey.Properties.EnableKeyRotation",
        "21:13 high MMC-KEY-010 DataKey Resources.DataKey.Properties.KeyPolicy.Statement[0]",
        // Issue 15: automated backups and log exports, not stated (AWS's defaults: 1 day, none).
        "28:5 medium MMC-AVL-005 Database Resources.Database.Properties.BackupRetentionPeriod",
        "28:5 medium MMC-LOG-004 Database Resources.Database.Properties.EnableCloudwatchLogsExports",
        "30:25 critical MMC-ENC-001 Database Resources.Database.Properties.StorageEncrypted",
        "32:27 high MMC-NET-012 Database Resources.Database.Properties.PubliclyAccessible",
        // No bucket policy, versioning or access logging for the bucket; no transit encryption for the cache.
        "33:3 high MMC-ENC-003 Uploads Resources.Uploads",
        "35:5 medium MMC-AVL-004 Uploads Resources.Uploads.Properties.VersioningConfiguration.Status",
        "35:5 medium MMC-LOG-003 Uploads Resources.Uploads.Properties.LoggingConfiguration",
        "40:31 info MMC-ENC-002 Uploads Resources.Uploads.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID",
        "40:31 high MMC-RES-001 Uploads Resources.Uploads.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID",
        "51:11 low MMC-NET-008 AdminAccess Resources.AdminAccess.Properties.SecurityGroupIngress[0]",
        "54:19 critical MMC-NET-001 AdminAccess Resources.AdminAccess.Properties.SecurityGroupIngress[0].CidrIp",
        "62:5 high MMC-ENC-003 Cache Resources.Cache.Properties.TransitEncryptionEnabled",
        "64:32 critical MMC-ENC-001 Cache Resources.Cache.Properties.AtRestEncryptionEnabled",
    ]

    static let jsonExpected = [
        "32:30 medium MMC-KEY-005 DataKey Resources.DataKey.Properties.EnableKeyRotation",
        "36:13 high MMC-KEY-010 DataKey Resources.DataKey.Properties.KeyPolicy.Statement[0]",
        "49:7 medium MMC-AVL-005 Database Resources.Database.Properties.BackupRetentionPeriod",
        "49:7 medium MMC-LOG-004 Database Resources.Database.Properties.EnableCloudwatchLogsExports",
        "51:29 critical MMC-ENC-001 Database Resources.Database.Properties.StorageEncrypted",
        "60:31 high MMC-NET-012 Database Resources.Database.Properties.PubliclyAccessible",
        "63:5 high MMC-ENC-003 Uploads Resources.Uploads",
        "65:7 medium MMC-AVL-004 Uploads Resources.Uploads.Properties.VersioningConfiguration.Status",
        "65:7 medium MMC-LOG-003 Uploads Resources.Uploads.Properties.LoggingConfiguration",
        "71:35 info MMC-ENC-002 Uploads Resources.Uploads.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID",
        "71:35 high MMC-RES-001 Uploads Resources.Uploads.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID",
        "91:11 low MMC-NET-008 AdminAccess Resources.AdminAccess.Properties.SecurityGroupIngress[0]",
        "95:23 critical MMC-NET-001 AdminAccess Resources.AdminAccess.Properties.SecurityGroupIngress[0].CidrIp",
        "111:7 high MMC-ENC-003 Cache Resources.Cache.Properties.TransitEncryptionEnabled",
        "113:36 critical MMC-ENC-001 Cache Resources.Cache.Properties.AtRestEncryptionEnabled",
    ]

    @Test func yamlShortFormFindingsPointAtTheOffendingValues() throws {
        let findings = try T.findings(try T.fixture("fail-stack.yaml"), path: "fail-stack.yaml")
        #expect(findings.map(\.cfnSummary) == Self.yamlExpected)
    }

    @Test func jsonLongFormFindingsPointAtTheirOwnLines() throws {
        let findings = try T.findings(try T.fixture("fail-stack.json"), path: "fail-stack.json")
        #expect(findings.map(\.cfnSummary) == Self.jsonExpected)
    }

    @Test func bothSyntaxesGiveTheSameRulesMessagesAndPaths() throws {
        func key(_ finding: Finding) -> String {
            "\(finding.ruleId) \(finding.severity) \(finding.resource) \(finding.path) \(finding.message)"
        }
        let yaml = try T.findings(try T.fixture("fail-stack.yaml")).map(key)
        let json = try T.findings(try T.fixture("fail-stack.json")).map(key)
        #expect(!yaml.isEmpty)
        #expect(yaml == json)
    }

    @Test func bothSyntaxesBuildTheSameModel() throws {
        let yaml = try T.deployment(try T.fixture("fail-stack.yaml"))
        let json = try T.deployment(try T.fixture("fail-stack.json"))
        #expect(yaml.dataStores.map(\.component) == json.dataStores.map(\.component))
        #expect(yaml.dataStores.map { $0.encryption.kmsKey?.value.known } == json.dataStores.map { $0.encryption.kmsKey?.value.known })
        #expect(yaml.keys.map(\.component) == ["DataKey"])
        #expect(json.keys.map(\.component) == ["DataKey"])
        #expect(yaml.regions.map(\.region) == json.regions.map(\.region))
        #expect(yaml.allowlists.map(\.internetFacing) == json.allowlists.map(\.internetFacing))
    }

    @Test func compliantStackHasNoFindings() throws {
        let findings = try T.findings(try T.fixture("pass-stack.yaml"), path: "pass-stack.yaml")
        #expect(findings.map(\.cfnSummary) == [])
    }

    @Test func fixturesRunThroughTheCommandLinePipeline() {
        let report = T.run([T.fixtures.appendingPathComponent("fail-stack.yaml").path,
                            T.fixtures.appendingPathComponent("fail-stack.json").path,
                            T.fixtures.appendingPathComponent("pass-stack.yaml").path])
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.filesChecked.count == 3)
        #expect(report.findings.count == Self.yamlExpected.count + Self.jsonExpected.count)
    }
}
