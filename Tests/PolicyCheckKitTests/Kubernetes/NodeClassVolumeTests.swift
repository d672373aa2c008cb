@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Each block device mapping of a Karpenter `EC2NodeClass` is a volume of every node it launches: judged as an
/// instance's mapping is (round 23: `encrypted: false` passed).
@Suite struct NodeClassVolumeTests {
    typealias H = AdapterHarness

    static func nodeClass(_ mappings: String) -> String {
        """
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata:
          name: default
        spec:
          amiSelectorTerms:
            - alias: al2023@latest
          role: KarpenterNodeRole-chat
        \(mappings)
        """
    }

    static func outcomes(_ text: String) throws -> [String] {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return try H.findings(read.deployments)
            .filter { ["MMC-ENC-001", "MMC-ENC-002"].contains($0.ruleId) }
            .map { "\($0.ruleId) \($0.resource) \($0.path)" }.sorted()
    }

    @Test func aMappingTurningEncryptionOffOrLeavingItOutFails() throws {
        #expect(try Self.outcomes(Self.nodeClass("""
              blockDeviceMappings:
                - deviceName: /dev/xvda
                  ebs: {volumeSize: 100Gi, encrypted: false}
                - deviceName: /dev/xvdb
                  ebs: {volumeSize: 100Gi}
            """)) == [
            "MMC-ENC-001 EC2NodeClass/default spec.blockDeviceMappings[0].ebs.encrypted",
            "MMC-ENC-001 EC2NodeClass/default spec.blockDeviceMappings[1].ebs.encrypted",
            "MMC-ENC-002 EC2NodeClass/default spec.blockDeviceMappings[1].ebs.encrypted",
        ])
    }

    @Test func anEncryptedMappingOnACustomerKeyPassesAndNoMappingsAreKarpentersEncryptedDefaults() throws {
        #expect(try Self.outcomes(Self.nodeClass("""
              blockDeviceMappings:
                - deviceName: /dev/xvda
                  ebs: {volumeSize: 100Gi, encrypted: true, kmsKeyID: "arn:aws:kms:us-east-1:111122223333:key/abc"}
            """)).isEmpty)
        #expect(try Self.outcomes(Self.nodeClass("")).isEmpty)
    }

    /// Round 25 (karpenter-provider-aws `examples/v1/custom-family.yaml`): the `Custom` family has no default
    /// mappings, so a class without mappings launches nodes on the AMI's own — encryption undeclared, as for an
    /// instance without a root mapping. A hostile author could drop `encrypted: false` mappings for `amiFamily:
    /// Custom` and the gate passed.
    static func customFamily(_ rest: String) -> String {
        """
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata:
          name: custom
        spec:
          amiFamily: Custom
          amiSelectorTerms:
            - id: ami-123
          role: KarpenterNodeRole-chat
        \(rest)
        """
    }

    @Test func theCustomFamilyWithoutMappingsLeavesTheAMIsVolumesUndeclared() throws {
        #expect(try Self.outcomes(Self.customFamily("")) == [
            "MMC-ENC-001 EC2NodeClass/custom spec.blockDeviceMappings",
            "MMC-ENC-002 EC2NodeClass/custom spec.blockDeviceMappings",
        ])
        #expect(try Self.outcomes(Self.customFamily("  blockDeviceMappings: []")) == [
            "MMC-ENC-001 EC2NodeClass/custom spec.blockDeviceMappings",
            "MMC-ENC-002 EC2NodeClass/custom spec.blockDeviceMappings",
        ])
        let read = H.read(text: Self.customFamily(""))
        let finding = try H.findings(read.deployments).first { $0.ruleId == "MMC-ENC-001" }
        #expect(finding?.message.contains("the Custom AMI family has no default block device mappings") == true)
        #expect(finding?.message.hasSuffix("expected 'spec.blockDeviceMappings' to turn it on") == true)
        #expect(finding?.line == 6, "at `amiFamily: Custom`")
    }

    @Test func theCustomFamilyWithEncryptedMappingsOnACustomerKeyPasses() throws {
        #expect(try Self.outcomes(Self.customFamily("""
              blockDeviceMappings:
                - deviceName: /dev/xvda
                  ebs: {volumeSize: 100Gi, encrypted: true, kmsKeyID: "arn:aws:kms:us-east-1:111122223333:key/abc"}
            """)).isEmpty)
    }
}
