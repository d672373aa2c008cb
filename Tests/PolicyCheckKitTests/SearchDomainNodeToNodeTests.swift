import PolicyCheckKit
import Testing

/// An OpenSearch or Elasticsearch domain whose nodes exchange data in plaintext fails MMC-ENC-003 as a domain that
/// accepts plain HTTP does: node-to-node encryption off, or not set (AWS leaves it off), in a plan, in source and in a
/// template; HTTPS and node-to-node encryption must both hold (found by the tester: node-to-node off passed).
@Suite struct SearchDomainNodeToNodeTests {
    typealias CFN = CloudFormationTesting

    static func transit(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-ENC-003" }.map { "\($0.resource) \($0.path)" }
    }

    @Test func nodeToNodeEncryptionOffOrUnsetFailsInAPlan() throws {
        let https: [[String: Any]] = [["enforce_https": true]]
        var plan = TerraformPlanBuilder()
        plan.change("aws_opensearch_domain.off", "aws_opensearch_domain",
                    after: ["domain_endpoint_options": https, "node_to_node_encryption": [["enabled": false]]])
        plan.change("aws_opensearch_domain.on", "aws_opensearch_domain",
                    after: ["domain_endpoint_options": https, "node_to_node_encryption": [["enabled": true]]])
        // Not configured: the provider reads AWS's default back after apply.
        plan.change("aws_elasticsearch_domain.unset", "aws_elasticsearch_domain",
                    after: ["domain_endpoint_options": https], unknown: ["node_to_node_encryption": true])
        plan.configure("aws_elasticsearch_domain.unset", [:])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
        #expect(Self.transit(findings) == [
            "aws_opensearch_domain.off resource_changes[0].change.after.node_to_node_encryption[0].enabled",
            "aws_elasticsearch_domain.unset resource_changes[2].change.after.node_to_node_encryption",
        ])
        #expect(findings.first { $0.ruleId == "MMC-ENC-003" }?.message == "the database accepts connections without TLS (node_to_node_encryption.enabled is false: nodes exchange data in plaintext); expected the domain to require HTTPS (enforce HTTPS true) and to encrypt traffic between its nodes (node-to-node encryption on)")
        #expect(findings.last { $0.ruleId == "MMC-ENC-003" }?.message == "the database accepts connections without TLS (node_to_node_encryption is not set, and OpenSearch Service then leaves traffic between nodes unencrypted); expected the domain to require HTTPS (enforce HTTPS true) and to encrypt traffic between its nodes (node-to-node encryption on)")
    }

    @Test func nodeToNodeEncryptionOffOrUnsetFailsInSource() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            resource "aws_opensearch_domain" "off" {
              domain_name = "off"
              node_to_node_encryption { enabled = false }
              domain_endpoint_options { enforce_https = true }
            }
            resource "aws_opensearch_domain" "on" {
              domain_name = "on"
              node_to_node_encryption { enabled = true }
              domain_endpoint_options { enforce_https = true }
            }
            resource "aws_opensearch_domain" "unset" {
              domain_name = "unset"
              domain_endpoint_options { enforce_https = true }
            }
            """)
        #expect(findings.filter { $0.ruleId == "MMC-ENC-003" }.map(\.summary) == [
            "MMC-ENC-003 high 4:39 aws_opensearch_domain.off", "MMC-ENC-003 high 12:1 aws_opensearch_domain.unset",
        ])
    }

    @Test func nodeToNodeEncryptionOffOrUnsetFailsInATemplateAtItsWorst() throws {
        let template = """
            Parameters:
              Env: {Type: String, AllowedValues: [prod, dev], Default: prod}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Off:
                Type: AWS::OpenSearchService::Domain
                Properties: {DomainEndpointOptions: {EnforceHTTPS: true}, NodeToNodeEncryptionOptions: {Enabled: false}}
              On:
                Type: AWS::OpenSearchService::Domain
                Properties: {DomainEndpointOptions: {EnforceHTTPS: true}, NodeToNodeEncryptionOptions: {Enabled: true}}
              Unset:
                Type: AWS::Elasticsearch::Domain
                Properties: {DomainEndpointOptions: {EnforceHTTPS: true}}
              ProdOnly:
                Type: AWS::OpenSearchService::Domain
                Properties: {DomainEndpointOptions: {EnforceHTTPS: true}, NodeToNodeEncryptionOptions: {Enabled: !If [IsProd, true, !Ref 'AWS::NoValue']}}
            """
        let findings = try CFN.findings(template)
        #expect(Self.transit(findings) == [
            "Off Resources.Off.Properties.NodeToNodeEncryptionOptions.Enabled",
            "Unset Resources.Unset.Properties.NodeToNodeEncryptionOptions.Enabled",
            "ProdOnly Resources.ProdOnly.Properties.NodeToNodeEncryptionOptions.Enabled",
        ])
        #expect(findings.last { $0.ruleId == "MMC-ENC-003" }?.message == "the database accepts connections without TLS (Enabled is left unset by a branch of its conditions (following parameter 'Env'), which makes it false, and the worst value is judged); expected the domain to require HTTPS (enforce HTTPS true) and to encrypt traffic between its nodes (node-to-node encryption on)")
    }

    /// Plain HTTP and plaintext between nodes: the first that is off decides the message.
    @Test func httpsAndNodeToNodeEncryptionMustBothHold() throws {
        let template = """
            Resources:
              Http: {Type: AWS::OpenSearchService::Domain, Properties: {DomainEndpointOptions: {EnforceHTTPS: false}, NodeToNodeEncryptionOptions: {Enabled: true}}}
              Both: {Type: AWS::OpenSearchService::Domain, Properties: {DomainEndpointOptions: {EnforceHTTPS: false}, NodeToNodeEncryptionOptions: {Enabled: false}}}
            """
        let findings = try CFN.findings(template).filter { $0.ruleId == "MMC-ENC-003" }
        #expect(findings.map(\.path) == [
            "Resources.Http.Properties.DomainEndpointOptions.EnforceHTTPS",
            "Resources.Both.Properties.DomainEndpointOptions.EnforceHTTPS",
        ])
    }
}
