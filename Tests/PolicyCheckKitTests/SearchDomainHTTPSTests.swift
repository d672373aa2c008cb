import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// OpenSearch and Elasticsearch domains that accept plain HTTP fail MMC-ENC-003, the same in a plan and a template:
/// a stated `enforce_https` / `EnforceHTTPS` false fails (found by the round 17 review; both formats passed), and one
/// not set cannot be verified, as AWS documents no default for it (before: a silent pass).
@Suite struct SearchDomainHTTPSTests {
    typealias CFN = CloudFormationTesting

    @Test func aDomainThatAcceptsHTTPFailsInBothFormats() throws {
        var plan = TerraformPlanBuilder()
        // Node-to-node encryption on, so that HTTPS alone decides (SearchDomainNodeToNodeTests pin it).
        let nodes: [[String: Any]] = [["enabled": true]]
        for (name, https) in [("off", false), ("on", true)] {
            plan.change("aws_opensearch_domain.\(name)", "aws_opensearch_domain",
                        after: ["domain_name": name, "encrypt_at_rest": [["enabled": true]],
                                "domain_endpoint_options": [["enforce_https": https]], "node_to_node_encryption": nodes])
        }
        plan.change("aws_elasticsearch_domain.unstated", "aws_elasticsearch_domain",
                    after: ["domain_name": "u", "encrypt_at_rest": [["enabled": true]], "node_to_node_encryption": nodes])
        let terraform = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-ENC-003" }
        #expect(terraform.map { "\($0.resource) \($0.cannotVerify)" } == [
            "aws_opensearch_domain.off false", "aws_elasticsearch_domain.unstated true",
        ])
        #expect(terraform.last?.message.contains("domain_endpoint_options.enforce_https is not set, and AWS documents no default for it") == true,
                "\(terraform.map(\.message))")
        #expect(terraform.first?.message == "the database accepts connections without TLS (enforce_https is false); expected the domain to require HTTPS (enforce HTTPS true) and to encrypt traffic between its nodes (node-to-node encryption on)")

        let template = """
            Resources:
              Off: {Type: AWS::OpenSearchService::Domain, Properties: {EncryptionAtRestOptions: {Enabled: true}, NodeToNodeEncryptionOptions: {Enabled: true}, DomainEndpointOptions: {EnforceHTTPS: false}}}
              On: {Type: AWS::OpenSearchService::Domain, Properties: {EncryptionAtRestOptions: {Enabled: true}, NodeToNodeEncryptionOptions: {Enabled: true}, DomainEndpointOptions: {EnforceHTTPS: true}}}
              Unstated: {Type: AWS::Elasticsearch::Domain, Properties: {EncryptionAtRestOptions: {Enabled: true}, NodeToNodeEncryptionOptions: {Enabled: true}}}
            """
        let cloudFormation = try CFN.findings(template).filter { $0.ruleId == "MMC-ENC-003" }
        #expect(cloudFormation.map { "\($0.resource) \($0.cannotVerify)" } == ["Off false", "Unstated true"])
        #expect(cloudFormation.last?.message.contains("DomainEndpointOptions.EnforceHTTPS is not set, and AWS documents no default") == true,
                "\(cloudFormation.map(\.message))")
    }

    /// A domain whose TLS security policy accepts TLS 1.0 and 1.1 fails MMC-ENC-003 in both formats (it passed
    /// silently before round 22), beside plain HTTP when that fails too; a policy left out is not judged, as AWS
    /// documents no default for it; one known only at deployment cannot be verified.
    @Test func aDomainThatAcceptsTLS10FailsInBothFormats() throws {
        var plan = TerraformPlanBuilder()
        let nodes: [[String: Any]] = [["enabled": true]]
        let domains: [(String, Bool, String?)] = [
            ("legacy", true, "Policy-Min-TLS-1-0-2019-07"), ("modern", true, "Policy-Min-TLS-1-2-PFS-2023-10"),
            ("unset", true, nil), ("plain", false, "Policy-Min-TLS-1-0-2019-07"),
        ]
        for (name, https, policy) in domains {
            var options: [String: Any] = ["enforce_https": https]
            if let policy { options["tls_security_policy"] = policy }
            plan.change("aws_opensearch_domain.\(name)", "aws_opensearch_domain",
                        after: ["domain_name": name, "encrypt_at_rest": [["enabled": true]], "vpc_options": [["subnet_ids": ["subnet-1"]]],
                                "domain_endpoint_options": [options], "node_to_node_encryption": nodes])
        }
        plan.change("aws_opensearch_domain.later", "aws_opensearch_domain",
                    after: ["domain_name": "later", "encrypt_at_rest": [["enabled": true]], "vpc_options": [["subnet_ids": ["subnet-1"]]],
                            "domain_endpoint_options": [["enforce_https": true]], "node_to_node_encryption": nodes],
                    unknown: ["domain_endpoint_options": [["tls_security_policy": true]]])
        plan.configure("aws_opensearch_domain.later", ["domain_endpoint_options": [["tls_security_policy": ["references": ["var.tls_policy"]]]]])
        let terraform = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId == "MMC-ENC-003" }
        #expect(terraform.map { "\($0.resource) \($0.cannotVerify) \($0.path)" } == [
            "aws_opensearch_domain.legacy false resource_changes[0].change.after.domain_endpoint_options[0].tls_security_policy",
            "aws_opensearch_domain.plain false resource_changes[3].change.after.domain_endpoint_options[0].enforce_https",
            "aws_opensearch_domain.plain false resource_changes[3].change.after.domain_endpoint_options[0].tls_security_policy",
            "aws_opensearch_domain.later true resource_changes[4].change.after_unknown.domain_endpoint_options[0].tls_security_policy",
        ])
        #expect(terraform.first?.message == "the database accepts connections over TLS 1.0 and 1.1 (domain_endpoint_options.tls_security_policy is Policy-Min-TLS-1-0-2019-07, which accepts TLS 1.0 to 1.2); expected a TLS security policy that refuses TLS before 1.2 (Policy-Min-TLS-1-2-PFS-2023-10, or Policy-Min-TLS-1-2-2019-07)")

        let template = """
            Conditions:
              Old: !Equals [!Ref AWS::Region, us-east-2]
            Resources:
              Legacy: {Type: AWS::OpenSearchService::Domain, Properties: {VPCOptions: {SubnetIds: [subnet-1]}, NodeToNodeEncryptionOptions: {Enabled: true}, DomainEndpointOptions: {EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07}}}
              Modern: {Type: AWS::OpenSearchService::Domain, Properties: {VPCOptions: {SubnetIds: [subnet-1]}, NodeToNodeEncryptionOptions: {Enabled: true}, DomainEndpointOptions: {EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07}}}
              Unset: {Type: AWS::Elasticsearch::Domain, Properties: {VPCOptions: {SubnetIds: [subnet-1]}, NodeToNodeEncryptionOptions: {Enabled: true}, DomainEndpointOptions: {EnforceHTTPS: true}}}
              Either: {Type: AWS::OpenSearchService::Domain, Properties: {VPCOptions: {SubnetIds: [subnet-1]}, NodeToNodeEncryptionOptions: {Enabled: true}, DomainEndpointOptions: {EnforceHTTPS: true, TLSSecurityPolicy: !If [Old, Policy-Min-TLS-1-0-2019-07, Policy-Min-TLS-1-2-PFS-2023-10]}}}
            """
        let cloudFormation = try CFN.findings(template).filter { $0.ruleId == "MMC-ENC-003" }
        #expect(cloudFormation.map { "\($0.resource) \($0.cannotVerify)" } == ["Legacy false", "Either false"])
        #expect(cloudFormation.first?.message.contains("(DomainEndpointOptions.TLSSecurityPolicy is Policy-Min-TLS-1-0-2019-07, which accepts TLS 1.0 to 1.2)") == true,
                "\(cloudFormation.map(\.message))")
        #expect(cloudFormation.last?.message.contains("one of the values its conditions allow") == true, "\(cloudFormation.map(\.message))")
    }
}
