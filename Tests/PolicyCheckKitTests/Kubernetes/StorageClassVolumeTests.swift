@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// A StorageClass of an EBS provisioner is the volumes its claims get: encrypted only when its `encrypted` parameter
/// is "true" (the EBS CSI driver's default is unencrypted), under its `kmsKeyId`, in the zones it allows.
@Suite struct StorageClassVolumeTests {
    typealias H = AdapterHarness

    static func storageClass(provisioner: String = "ebs.csi.aws.com", parameters: [String], zones: [String] = []) -> String {
        var text = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: data\nprovisioner: \(provisioner)\n"
        if !parameters.isEmpty { text += "parameters:\n" + parameters.map { "  \($0)\n" }.joined() }
        if !zones.isEmpty {
            text += "allowedTopologies:\n  - matchLabelExpressions:\n      - key: topology.kubernetes.io/zone\n        values: ["
                + zones.joined(separator: ", ") + "]\n"
        }
        return text
    }

    static func outcomes(_ text: String) throws -> [String] {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return try H.findings(read.deployments)
            .filter { ["MMC-ENC-001", "MMC-ENC-002", "MMC-RES-001"].contains($0.ruleId) }
            .map { "\($0.ruleId) \($0.path)" }
    }

    @Test func anUnencryptedOrUnstatedClassFailsEncryptionAtRest() throws {
        #expect(try Self.outcomes(Self.storageClass(parameters: ["type: gp3", "encrypted: \"false\""]))
                == ["MMC-ENC-001 parameters.encrypted"])
        let unstated = try H.findings(H.read(text: Self.storageClass(parameters: ["type: gp3"])).deployments)
            .filter { $0.ruleId == "MMC-ENC-001" }
        #expect(unstated.map(\.message).allSatisfy { $0.contains("unencrypted volumes unless") } && unstated.count == 1)
        // Nothing stated: not encrypted, and no customer key either.
        #expect(try Self.outcomes(Self.storageClass(provisioner: "kubernetes.io/aws-ebs", parameters: [])).sorted()
                == ["MMC-ENC-001 parameters.encrypted", "MMC-ENC-002 parameters.encrypted"])
    }

    @Test func anEncryptedClassPassesAndItsKeyIsItsOwn() throws {
        #expect(try Self.outcomes(Self.storageClass(parameters: ["encrypted: \"true\""])) == ["MMC-ENC-002 parameters.encrypted"])
        #expect(try Self.outcomes(Self.storageClass(provisioner: "ebs.csi.eks.amazonaws.com", parameters: [
            "Encrypted: \"true\"", "kmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ])).isEmpty)
    }

    @Test func aZoneOutsideTheAllowedRegionFailsResidency() throws {
        #expect(try Self.outcomes(Self.storageClass(parameters: ["encrypted: \"true\"", "kmsKeyId: alias/data"],
                                                    zones: ["us-east-1a", "eu-west-1b"]))
                == ["MMC-RES-001 allowedTopologies[0].matchLabelExpressions[0].values[1]"])
    }

    @Test func otherProvisionersAreNotEBSVolumes() throws {
        #expect(try Self.outcomes(Self.storageClass(provisioner: "efs.csi.aws.com", parameters: ["provisioningMode: efs-ap"])).isEmpty)
    }

    @Test func anUnquotedParameterIsAnErrorAsKubectlRefusesIt() {
        let read = H.read(text: Self.storageClass(parameters: ["encrypted: false"]))
        #expect(read.errors.map(\.message).contains { $0.contains("parameter 'encrypted' must be a string") })
    }
}
