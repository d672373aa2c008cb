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
}
