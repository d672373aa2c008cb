import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Custom rules' `raw.<path>` on the CloudFormation, Kubernetes and Terraform adapters' model values: the raw node is the
/// resource's `Properties` (a CloudFormation data store or key), the ingress rule (an allowlist entry), the template
/// (the deployment), or the whole Kubernetes object; findings point at the raw value with its full path.
@Suite struct RawAttributeAdapterTests {
    private static let cloudFormation = "raw-attributes/cloudformation-one-bucket-not-versioned.yaml"
    private static let kubernetes = "raw-attributes/kubernetes-one-service-without-team-label.yaml"

    /// `line:column resource path | message` of the rule's findings.
    private func findings(_ fixture: String, _ body: String) throws -> [String] {
        let result = Fixture.check(fixture, policy: try PackText.load(PackText.customRule(body)))
        #expect(result.errors.isEmpty, "\(result.errors)")
        return result.findings.filter { $0.ruleId == "T-001" }
            .map { "\($0.line):\($0.column) \($0.resource) \($0.path) | \($0.message)" }
    }

    @Test func cloudFormationPropertyOfADataStore() throws {
        let found = try findings(Self.cloudFormation, """
            select: {resource: data-store, kind: file-store}
            assert: {path: raw.VersioningConfiguration.Status, equals: Enabled}
            """)
        #expect(found == [
            "9:17 Data Resources.Data.Properties.VersioningConfiguration.Status | 'raw.VersioningConfiguration.Status' is 'Suspended'; expected it to be 'Enabled'",
            // No Properties: the finding points at the logical id.
            "14:3 Bare Resources.Bare | 'raw.VersioningConfiguration.Status' is not set; expected it to be 'Enabled'",
        ])
    }

    @Test func cloudFormationPropertyOfAKeyAndOfAnIngressRule() throws {
        #expect(try findings(Self.cloudFormation, """
            select: {resource: key}
            assert: {path: raw.Description, matches: "^customer"}
            """) == ["19:20 Key Resources.Key.Properties.Description | 'raw.Description' is 'data key'; expected it to match /^customer/"])
        #expect(try findings(Self.cloudFormation, """
            select: {resource: allowlist-entry}
            assert: {path: raw.IpProtocol, equals: tcp}
            """) == ["27:24 Web Resources.Web.Properties.SecurityGroupIngress[1].IpProtocol | 'raw.IpProtocol' is 'udp'; expected it to be 'tcp'"])
    }

    @Test func cloudFormationTemplateIsTheDeploymentsRawDocument() throws {
        #expect(try findings(Self.cloudFormation, """
            select: {resource: deployment}
            assert: {path: raw.Description, equals: other}
            """) == ["2:14 \(Self.cloudFormation) Description | 'raw.Description' is 'raw attributes of CloudFormation resources'; expected it to be 'other'"])
    }

    @Test func terraformAttributeOfADataStore() throws {
        #expect(try findings("raw-attributes/terraform-one-database-not-multi-az.json", """
            select: {resource: data-store, kind: database}
            assert: {path: raw.multi_az, equals: true}
            """) == [
            "14:61 aws_db_instance.main resource_changes[0].change.after.multi_az | 'raw.multi_az' is false; expected it to be true",
        ])
    }

    @Test func kubernetesObjectFieldOfAnAllowlistAndItsEntries() throws {
        #expect(try findings(Self.kubernetes, """
            select: {resource: allowlist}
            assert: {path: raw.metadata.labels.team, exists: true}
            """) == ["20:29 Service/prod/api spec.loadBalancerSourceRanges | 'raw.metadata.labels.team' is not set; expected it to be set"])
        #expect(try findings(Self.kubernetes, """
            select: {resource: allowlist-entry}
            assert: {path: raw.metadata.labels.tier, notEquals: backend}
            """) == ["17:11 Service/prod/api metadata.labels.tier | 'raw.metadata.labels.tier' is 'backend'; expected it not to be 'backend'"])
    }

    @Test func kubernetesDeploymentHasARawDocumentOnlyWhenTheFileHoldsOneObject() throws {
        let body = """
            select: {resource: deployment}
            assert: {path: raw.metadata.labels.team, equals: ops}
            """
        #expect(try findings("raw-attributes/kubernetes-single-service.yaml", body)
            == ["5:18 raw-attributes/kubernetes-single-service.yaml metadata.labels.team | 'raw.metadata.labels.team' is 'web'; expected it to be 'ops'"])
        let several = Fixture.check(Self.kubernetes).deployments
        #expect(several.count == 1 && several[0].rawNode == nil)
    }

    @Test func everyCloudFormationValueWithARawNodeHasItAtItsOrigin() throws {
        let deployment = try #require(Fixture.check(Self.cloudFormation).deployments.first)
        var checked = 0
        func expectAtOrigin(_ node: SourceNode?, _ origin: Origin) {
            guard let node else { return }
            checked += 1
            // Properties mappings are located at their key; every other node at its own value.
            let location = deployment.source.location(ofOffset: origin.offset)
            #expect(origin.path.hasSuffix(".Properties") || node.offset == origin.offset, "\(origin.path) at \(location)")
        }
        for store in deployment.dataStores { expectAtOrigin(store.rawNode, store.origin) }
        for key in deployment.keys { expectAtOrigin(key.rawNode, key.origin) }
        for list in deployment.allowlists {
            expectAtOrigin(list.rawNode, list.origin)
            for entry in list.entries { expectAtOrigin(entry.rawNode, entry.origin) }
        }
        #expect(checked == 6) // the two buckets with Properties, the key, Web's ingress list and its two rules
        #expect(deployment.dataStores.first { $0.component == "Bare" }?.rawNode == nil)
    }
}
