import PolicyCheckKit
import Testing

/// MemoryDB clusters are cache stores in every format (before, neither format read them: TLS off passed). MemoryDB
/// always encrypts at rest, so only its key is judged (MMC-ENC-002); TLS stated off is MMC-ENC-003; TLS not stated
/// is Terraform's provider default (true) in source, and in a template cannot be verified, as AWS documents no
/// default for it.
@Suite struct MemoryDBStoreTests {
    typealias CFN = CloudFormationTesting

    static let keyARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    static func encryption(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId.hasPrefix("MMC-ENC") }.map { "\($0.ruleId) \($0.resource) \($0.path)" }
    }

    @Test func aPlansClustersAreJudgedOnTheirKeyAndTLS() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_memorydb_cluster.plain", "aws_memorydb_cluster",
                    after: ["name": "plain", "acl_name": "open-access", "tls_enabled": false, "kms_key_arn": Self.keyARN])
        // Not configured: the provider fills the key in after apply (MemoryDB's service managed one).
        plan.change("aws_memorydb_cluster.managed", "aws_memorydb_cluster",
                    after: ["name": "managed", "tls_enabled": true], unknown: ["kms_key_arn": true])
        plan.configure("aws_memorydb_cluster.managed", [:])
        plan.change("aws_memorydb_cluster.sealed", "aws_memorydb_cluster",
                    after: ["name": "sealed", "tls_enabled": true, "kms_key_arn": Self.keyARN])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.dataStores.map { "\($0.component) \($0.kind.rawValue) \($0.encryption.atRest?.value == .known(true))" } == [
            "aws_memorydb_cluster.plain cache true", "aws_memorydb_cluster.managed cache true",
            "aws_memorydb_cluster.sealed cache true",
        ])
        let findings = try TerraformFixture.findings(deployment)
        #expect(Self.encryption(findings) == [
            "MMC-ENC-003 aws_memorydb_cluster.plain resource_changes[0].change.after.tls_enabled",
            "MMC-ENC-002 aws_memorydb_cluster.managed resource_changes[1].change.after.kms_key_arn",
        ])
        #expect(findings.first { $0.ruleId == "MMC-ENC-003" }?.message
            == "the cache accepts connections without TLS (tls_enabled is false); expected transit encryption enabled")
    }

    @Test func sourceClustersAreJudgedOnTheirKeyAndTLS() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            resource "aws_kms_key" "k" { enable_key_rotation = true }
            resource "aws_memorydb_cluster" "plain" {
              name        = "plain"
              node_type   = "db.t4g.small"
              acl_name    = "open-access"
              tls_enabled = false
              kms_key_arn = aws_kms_key.k.arn
            }
            resource "aws_memorydb_cluster" "defaults" {
              name      = "defaults"
              node_type = "db.t4g.small"
              acl_name  = "open-access"
            }
            """)
        #expect(findings.filter { $0.ruleId.hasPrefix("MMC-ENC") }.map(\.summary) == [
            "MMC-ENC-003 high 7:17 aws_memorydb_cluster.plain", "MMC-ENC-002 high 10:1 aws_memorydb_cluster.defaults",
        ])
    }

    @Test func templateClustersAreJudgedOnTheirKeyAndTLSAtTheirWorst() throws {
        let template = """
            Parameters:
              Env: {Type: String, AllowedValues: [prod, dev], Default: prod}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}
              Plain:
                Type: AWS::MemoryDB::Cluster
                Properties: {ClusterName: plain, NodeType: db.t4g.small, ACLName: open-access, TLSEnabled: false, KmsKeyId: !Ref Key}
              Sometimes:
                Type: AWS::MemoryDB::Cluster
                Properties: {ClusterName: s, NodeType: db.t4g.small, ACLName: a, TLSEnabled: !If [IsProd, true, false], KmsKeyId: !GetAtt Key.Arn}
              Defaults:
                Type: AWS::MemoryDB::Cluster
                Properties: {ClusterName: d, NodeType: db.t4g.small, ACLName: a}
              Managed:
                Type: AWS::MemoryDB::Cluster
                Properties: {ClusterName: m, NodeType: db.t4g.small, ACLName: a, TLSEnabled: true, KmsKeyId: alias/aws/memorydb}
            """
        let findings = try CFN.findings(template)
        #expect(Self.encryption(findings) == [
            "MMC-ENC-003 Plain Resources.Plain.Properties.TLSEnabled",
            "MMC-ENC-003 Sometimes Resources.Sometimes.Properties.TLSEnabled",
            "MMC-ENC-002 Defaults Resources.Defaults.Properties.KmsKeyId",
            "MMC-ENC-003 Defaults Resources.Defaults.Properties.TLSEnabled",
            "MMC-ENC-002 Managed Resources.Managed.Properties.KmsKeyId",
        ])
        // Not set: AWS documents no default, so it cannot be verified (before: not judged, a silent pass).
        let unset = try #require(findings.first { $0.resource == "Defaults" && $0.ruleId == "MMC-ENC-003" })
        #expect(unset.cannotVerify && unset.severity == .info)
        #expect(unset.message.contains("TLSEnabled is not set, and AWS documents no default for it (MemoryDB API reference, CreateCluster TLSEnabled)"),
                "\(unset.message)")
        #expect(findings.first { $0.resource == "Sometimes" && $0.ruleId == "MMC-ENC-003" }?.message == "the cache accepts connections without TLS (TLSEnabled follows parameter 'Env', whose allowed values make it false, and the worst value is judged); expected transit encryption enabled")
    }
}
