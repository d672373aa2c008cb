import PolicyCheckKit
import Testing

/// EKS clusters (secrets encryption, public endpoint CIDRs) and the EBS volumes of instances and launch templates.
@Suite struct TerraformClusterAndVolumeTests {
    typealias Plan = TerraformPlanBuilder

    private func summaries(_ plan: Plan) throws -> [String] {
        try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json)).map(\.summary).map {
            $0.split(separator: " ").enumerated().filter { $0.offset != 2 }.map(\.element).joined(separator: " ")
        }.sorted()
    }

    // MARK: - EKS

    @Test func clusterOlderThanDefaultEncryptionWithoutSecretsEncryptionFailsAndItsDefaultEndpointIsWorldOpen() throws {
        var plan = Plan()
        plan.change("aws_eks_cluster.main", "aws_eks_cluster",
                    after: ["encryption_config": [] as [Any], "version": "1.27",
                            "vpc_config": [["endpoint_public_access": true]]],
                    unknown: ["vpc_config": [["public_access_cidrs": true]]])
        plan.configure("aws_eks_cluster.main", ["vpc_config": [["endpoint_public_access": Plan.constant(true)]]])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        let store = try #require(deployment.dataStores.first)
        #expect(store.kind == .secrets)
        #expect(store.encryption.atRest == nil)
        #expect(store.encryption.undeclared?.contains("only from Kubernetes 1.28, and this cluster runs 1.27") == true)
        #expect(store.encryption.origin.path == "resource_changes[0].change.after.encryption_config")
        let endpoint = try #require(deployment.allowlists.first)
        #expect(endpoint.kind == .endpointPublicAccess)
        #expect(endpoint.entries.map(\.cidr.value) == [.known("0.0.0.0/0")])
        #expect(endpoint.origin.path == "resource_changes[0].change.after.vpc_config[0].public_access_cidrs")
        #expect(try summaries(plan) == [
            "MMC-ENC-001 critical aws_eks_cluster.main", "MMC-ENC-002 high aws_eks_cluster.main",
            "MMC-NET-001 critical aws_eks_cluster.main",
        ])
    }

    /// EKS envelope-encrypts all Kubernetes API data with an AWS owned key on Kubernetes 1.28 and later
    /// (https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html): without `encryption_config`, such
    /// a cluster (or one whose version is left to EKS's default, or known only at apply) is encrypted at rest, and
    /// only the customer-managed key rule remains. It was a critical MMC-ENC-001.
    @Test(arguments: [("1.33", true), ("1.28", true), ("1.9", false), ("1.27", false), (nil, true)] as [(String?, Bool)])
    func clusterFromKubernetes128IsEncryptedByDefault(version: String?, encrypted: Bool) throws {
        var plan = Plan()
        var after: [String: Any] = ["vpc_config": [["endpoint_public_access": false]]]
        if let version { after["version"] = version }
        plan.change("aws_eks_cluster.main", "aws_eks_cluster", after: after)
        plan.configure("aws_eks_cluster.main", [:])
        let store = try #require(TerraformFixture.deployment(json: plan.json).dataStores.first)
        #expect(store.encryption.declaredEncrypted == (encrypted ? .known(true) : nil))
        let expected = encrypted ? ["MMC-ENC-002 high aws_eks_cluster.main"]
            : ["MMC-ENC-001 critical aws_eks_cluster.main", "MMC-ENC-002 high aws_eks_cluster.main"]
        #expect(try summaries(plan) == expected)
    }

    @Test func clusterWithSecretsEncryptedByItsOwnKeyAndNarrowCIDRsPasses() throws {
        var plan = Plan()
        plan.change("aws_kms_key.eks", "aws_kms_key", after: ["enable_key_rotation": true], unknown: ["arn": true])
        plan.change("aws_eks_cluster.main", "aws_eks_cluster", after: [
            "encryption_config": [["resources": ["secrets"], "provider": [[:] as [String: Any]]]],
            "vpc_config": [["endpoint_public_access": true, "public_access_cidrs": ["52.1.2.0/24"]]],
        ], unknown: ["encryption_config": [["provider": [["key_arn": true]]]]])
        plan.configure("aws_kms_key.eks", [:])
        plan.configure("aws_eks_cluster.main", [
            "encryption_config": [["resources": Plan.constant(["secrets"]),
                                   "provider": [["key_arn": Plan.references("aws_kms_key.eks.arn", "aws_kms_key.eks")]]]],
        ])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.dataStores.first?.encryption.kmsKey?.value == .known("aws_kms_key.eks"))
        #expect(deployment.dataStores.first?.encryption.atRest?.value == .known(true))
        #expect(deployment.allowlists.first?.entries.map(\.cidr.value) == [.known("52.1.2.0/24")])
        let found = try summaries(plan)
        #expect(found == [])
    }

    @Test func privateOnlyEndpointHasNoInternetAllowlist() throws {
        var plan = Plan()
        plan.change("aws_eks_cluster.main", "aws_eks_cluster", after: [
            "vpc_config": [["endpoint_public_access": false, "public_access_cidrs": ["0.0.0.0/0"]]],
        ])
        #expect(try TerraformFixture.deployment(json: plan.json).allowlists.isEmpty)
    }

    @Test func secretsEncryptionUnknownUntilApplyCannotBeVerified() throws {
        var plan = Plan()
        plan.change("aws_eks_cluster.main", "aws_eks_cluster", after: ["vpc_config": [["endpoint_public_access": false]]],
                    unknown: ["encryption_config": true])
        plan.configure("aws_eks_cluster.main", ["encryption_config": Plan.references("var.encryption")])
        let findings = try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json))
        #expect(findings.map(\.ruleId) == ["MMC-ENC-001", "MMC-ENC-002"])
        #expect(findings.allSatisfy { $0.cannotVerify })
        #expect(findings.first?.message
            == "encryption at rest of the secrets cannot be verified: known only after apply (it comes from var.encryption)")
    }

    // MARK: - Instances and launch templates

    @Test func instanceVolumesAreOneStorePerDevice() throws {
        var plan = Plan()
        plan.change("aws_kms_key.ebs", "aws_kms_key", after: ["enable_key_rotation": true], unknown: ["arn": true])
        plan.change("aws_instance.app", "aws_instance", after: [
            "root_block_device": [["encrypted": true]],
            "ebs_block_device": [["device_name": "/dev/sdf", "encrypted": false],
                                 ["device_name": "/dev/sdg", "snapshot_id": "snap-0123456789abcdef0"]],
        ], unknown: ["root_block_device": [["kms_key_id": true]]])
        plan.configure("aws_kms_key.ebs", [:])
        plan.configure("aws_instance.app", [
            "root_block_device": [["encrypted": Plan.constant(true),
                                   "kms_key_id": Plan.references("aws_kms_key.ebs.arn", "aws_kms_key.ebs")]],
        ])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.dataStores.map(\.component) == ["aws_instance.app", "aws_instance.app", "aws_instance.app"])
        #expect(deployment.dataStores.map(\.origin.path) == [
            "resource_changes[1].change.after.root_block_device[0]", "resource_changes[1].change.after.ebs_block_device[0]",
            "resource_changes[1].change.after.ebs_block_device[1]",
        ])
        // The root volume uses the plan's key; a volume from a snapshot inherits the snapshot's encryption and key.
        let findings = try TerraformFixture.findings(deployment)
        #expect(findings.map { "\($0.ruleId) \($0.severity.rawValue) \($0.path)" }.sorted() == [
            "MMC-ENC-001 critical resource_changes[1].change.after.ebs_block_device[0].encrypted",
            "MMC-ENC-001 info resource_changes[1].change.after.ebs_block_device[1].encrypted",
            "MMC-ENC-002 info resource_changes[1].change.after.ebs_block_device[1].kms_key_id",
        ])
        #expect(findings.first { $0.severity == .info }?.message
            == "encryption at rest of the volume cannot be verified: inherited from snapshot 'snap-0123456789abcdef0'")
    }

    @Test func instanceWithoutRootBlockDeviceLeavesItsRootVolumeUnencrypted() throws {
        var plan = Plan()
        plan.change("aws_instance.web", "aws_instance", after: ["ami": "ami-0123"],
                    unknown: ["root_block_device": true, "ebs_block_device": true])
        plan.configure("aws_instance.web", ["ami": Plan.constant("ami-0123")])
        let findings = try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json))
        let unencrypted = try #require(findings.first { $0.ruleId == "MMC-ENC-001" })
        #expect(unencrypted.severity == .critical)
        #expect(unencrypted.path == "resource_changes[0].change.after.root_block_device")
        #expect(unencrypted.message.hasPrefix("no encryption at rest is declared for the volume"))
    }

    @Test func launchTemplateVolumesAreReadFromTheirMappings() throws {
        var plan = Plan()
        plan.change("aws_launch_template.nodes", "aws_launch_template", after: [
            "block_device_mappings": [
                ["device_name": "/dev/xvda", "ebs": [["encrypted": "false", "volume_size": 50]]],
                ["device_name": "/dev/xvdb", "ebs": [["encrypted": "true", "kms_key_id": "alias/aws/ebs"]]],
                ["device_name": "/dev/sdc", "virtual_name": "ephemeral0", "ebs": [] as [Any]],
            ],
        ])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.dataStores.map(\.origin.path) == [
            "resource_changes[0].change.after.block_device_mappings[0]",
            "resource_changes[0].change.after.block_device_mappings[1]",
        ])
        #expect(try summaries(plan) == ["MMC-ENC-001 critical aws_launch_template.nodes",
                                        "MMC-ENC-002 high aws_launch_template.nodes"])
    }
}
