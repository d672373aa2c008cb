import PolicyCheckKit
import Testing

/// A Neptune instance's public endpoint is its own setting, not its cluster's (tester, round 36: it passed unread).
@Suite struct NeptuneInstanceTests {
    static func source(_ publiclyAccessible: String?) -> String {
        """
        provider "aws" { region = "us-east-1" }
        resource "aws_kms_key" "k" { enable_key_rotation = true }
        resource "aws_neptune_cluster" "n" {
          cluster_identifier      = "n1"
          storage_encrypted       = true
          kms_key_arn             = aws_kms_key.k.arn
          backup_retention_period = 7
        }
        resource "aws_neptune_cluster_instance" "i" {
          cluster_identifier = aws_neptune_cluster.n.id
          instance_class     = "db.r6g.large"
          \(publiclyAccessible.map { "publicly_accessible = \($0)" } ?? "")
        }
        """
    }

    @Test func aPublicInstanceIsReachableFromTheInternet() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.source("true"))
        let open = try #require(findings.first { $0.ruleId == "MMC-NET-012" })
        #expect(open.resource == "aws_neptune_cluster_instance.i")
        #expect(open.line == 12)
        // The instance is encrypted by its cluster: no encryption finding of its own.
        #expect(!findings.contains { $0.ruleId.hasPrefix("MMC-ENC") && $0.resource.hasSuffix(".i") }, "\(findings.map(\.ruleId))")
    }

    @Test(arguments: ["false", nil])
    func aPrivateInstancePasses(_ value: String?) throws {
        let findings = try TerraformSourceFixture.findings(main: Self.source(value))
        #expect(!findings.contains { $0.ruleId == "MMC-NET-012" || $0.resource.hasSuffix(".i") }, "\(findings.map { "\($0.ruleId) \($0.resource)" })")
    }

    @Test func templatesAreJudgedAlike() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Open: {Type: AWS::Neptune::DBInstance, Properties: {DBInstanceClass: db.r6g.large, DBClusterIdentifier: c, PubliclyAccessible: true}}
              Closed: {Type: AWS::Neptune::DBInstance, Properties: {DBInstanceClass: db.r6g.large, DBClusterIdentifier: c, PubliclyAccessible: false}}
              Quiet: {Type: AWS::Neptune::DBInstance, Properties: {DBInstanceClass: db.r6g.large, DBClusterIdentifier: c}}
            """)
        #expect(findings.map { "\($0.ruleId) \($0.resource)" } == ["MMC-NET-012 Open"])
    }
}
