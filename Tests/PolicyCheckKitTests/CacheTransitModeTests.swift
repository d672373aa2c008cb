import PolicyCheckKit
import Testing

/// An ElastiCache replication group whose transit encryption mode is `preferred` accepts unencrypted connections
/// beside encrypted ones, so it fails MMC-ENC-003 in a plan, in source and in a template; `required`, or no mode with
/// transit encryption on, passes (found by the tester: `preferred` passed in every format).
@Suite struct CacheTransitModeTests {
    typealias CFN = CloudFormationTesting

    static let message = "the cache accepts connections without TLS (transit_encryption_mode is 'preferred', which accepts unencrypted connections too); expected transit encryption enabled"

    static func transit(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-ENC-003" }.map { "\($0.resource) \($0.path)" }
    }

    @Test func aPreferredModeFailsInAPlan() throws {
        var plan = TerraformPlanBuilder()
        for (name, mode) in [("preferred", "preferred"), ("required", "required")] {
            plan.change("aws_elasticache_replication_group.\(name)", "aws_elasticache_replication_group",
                        after: ["at_rest_encryption_enabled": true, "transit_encryption_enabled": true,
                                "transit_encryption_mode": mode])
        }
        // Not set: the provider fills it in after apply; the flag decides.
        plan.change("aws_elasticache_replication_group.unset", "aws_elasticache_replication_group",
                    after: ["at_rest_encryption_enabled": true, "transit_encryption_enabled": true],
                    unknown: ["transit_encryption_mode": true])
        plan.configure("aws_elasticache_replication_group.unset", [:])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
        #expect(Self.transit(findings) == [
            "aws_elasticache_replication_group.preferred resource_changes[0].change.after.transit_encryption_mode",
        ])
        #expect(findings.first { $0.ruleId == "MMC-ENC-003" }?.message == Self.message)
    }

    @Test func aPreferredModeFailsInSource() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            resource "aws_elasticache_replication_group" "preferred" {
              replication_group_id       = "p"
              description                = "p"
              at_rest_encryption_enabled = true
              transit_encryption_enabled = true
              transit_encryption_mode    = "preferred"
            }
            resource "aws_elasticache_replication_group" "unset" {
              replication_group_id       = "u"
              description                = "u"
              at_rest_encryption_enabled = true
              transit_encryption_enabled = true
            }
            """)
        #expect(Self.transit(findings) == [
            "aws_elasticache_replication_group.preferred aws_elasticache_replication_group.preferred.transit_encryption_mode",
        ])
        #expect(findings.first { $0.ruleId == "MMC-ENC-003" }.map { "\($0.line):\($0.column)" } == "7:32")
    }

    @Test func aPreferredModeFailsInATemplateAtItsWorst() throws {
        let template = """
            Parameters:
              Env: {Type: String, AllowedValues: [prod, dev], Default: prod}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Preferred:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, TransitEncryptionMode: preferred}
              Migrating:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, TransitEncryptionMode: !If [IsProd, required, preferred]}
              Required:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, TransitEncryptionMode: required}
              Unset:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true}
            """
        let findings = try CFN.findings(template)
        #expect(Self.transit(findings) == [
            "Preferred Resources.Preferred.Properties.TransitEncryptionMode",
            "Migrating Resources.Migrating.Properties.TransitEncryptionMode",
        ])
        #expect(findings.first { $0.ruleId == "MMC-ENC-003" }?.message
            == "the cache accepts connections without TLS (TransitEncryptionMode is 'preferred', which accepts unencrypted connections too); expected transit encryption enabled")
    }
}
