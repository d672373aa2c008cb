import PolicyCheckKit
import Testing

/// EKS envelope-encrypts all Kubernetes API data with an AWS owned key on Kubernetes 1.28 and later
/// (https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html): a cluster without `EncryptionConfig`
/// is encrypted at rest unless its `Version` is older; only the customer-managed key rule (MMC-ENC-002) remains. It
/// was a critical MMC-ENC-001 "no encryption at rest is declared for the secrets".
@Suite struct CloudFormationEKSDefaultEncryptionTests {
    private func template(version: String?) -> String {
        """
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::111122223333:role/eks
              ResourcesVpcConfig: {SubnetIds: [subnet-1], EndpointPublicAccess: false}
        \(version.map { "      Version: \"\($0)\"" } ?? "")
        """
    }

    @Test(arguments: [("1.33", true), ("1.28", true), (nil, true), ("1.27", false)] as [(String?, Bool)])
    func aClusterFromKubernetes128IsEncryptedWithoutAConfiguration(version: String?, encrypted: Bool) throws {
        let findings = try CloudFormationTesting.findings(template(version: version))
        let rules = findings.map(\.ruleId).sorted()
        #expect(rules == (encrypted ? ["MMC-ENC-002"] : ["MMC-ENC-001", "MMC-ENC-002"]), "\(findings.map(\.message))")
        if !encrypted {
            #expect(findings.first { $0.ruleId == "MMC-ENC-001" }?.message
                    == "no encryption at rest is declared for the secrets: EKS envelope-encrypts Kubernetes API data by default only from Kubernetes 1.28, and this cluster runs 1.27; expected 'Resources.Cluster.Properties.EncryptionConfig' to turn it on")
        }
    }

    /// "the secrets's KMS key": a plural store's possessive is "the secrets'".
    @Test func aPluralStoresKeyReadsAsAPlural() throws {
        let findings = try CloudFormationTesting.findings("""
            Parameters:
              Key: {Type: String}
            Resources:
              Cluster:
                Type: AWS::EKS::Cluster
                Properties:
                  RoleArn: arn:aws:iam::111122223333:role/eks
                  ResourcesVpcConfig: {SubnetIds: [subnet-1], EndpointPublicAccess: false}
                  EncryptionConfig: [{Resources: [secrets], Provider: {KeyArn: !Ref Key}}]
            """)
        let messages = findings.filter { $0.ruleId == "MMC-ENC-002" }.map(\.message)
        #expect(messages.count == 1 && messages[0].hasPrefix("the secrets' KMS key cannot be verified"), "\(findings.map(\.message))")
    }
}
