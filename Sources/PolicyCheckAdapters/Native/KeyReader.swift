import PolicyCheckModel
import PolicyCheckSyntax

/// Reads one `spec.keys[]` entry.
struct KeyReader {
    let key: ObjectView

    /// AWS KMS's key specs.
    static let keySpecs = [
        "SYMMETRIC_DEFAULT", "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521",
        "ECC_NIST_EDWARDS25519", "ECC_SECG_P256K1", "SM2", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512",
        "ML_DSA_44", "ML_DSA_65", "ML_DSA_87",
    ]

    func read(into deployment: inout Deployment) {
        key.allowOnly([
            "id", "arn", "origin", "keySpec", "rotation", "multiRegion", "replicaRegions", "materials", "description",
            "deletionWindowDays",
        ])
        let id = key.string("id", required: true)
        let name = id?.value ?? key.path
        var declaration = KeyDeclaration(component: "keys/\(name)", origin: key.origin)
        declaration.id = id
        declaration.rawNode = key.node
        _ = key.string("description")
        if let arn = key.string("arn") {
            declaration.arn = Located(.known(arn.value), at: arn.origin)
            if let region = AmazonResourceName(arn.value)?.region, !region.isEmpty {
                deployment.regions.append(RegionReference(region, at: arn.origin, component: declaration.component,
                                                          role: "region in the key ARN"))
            }
        }
        declaration.keyOrigin = key.choice("origin", ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"])
        // Checked against AWS KMS's key specs (the key spec reference,
        // https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html): an unknown spelling
        // (`symmetric_default`, `AES_256`) made the key neither symmetric nor asymmetric to the rules, and MMC-KEY-005
        // passed (tester round 32).
        declaration.keySpec = key.choice("keySpec", Self.keySpecs)
        if let rotation = key.object("rotation") {
            rotation.allowOnly(["mode", "periodDays"])
            var result = KeyRotation(origin: rotation.origin)
            result.mode = rotation.choice("mode", ["automatic", "on-demand", "disabled"])
            result.periodDays = rotation.int("periodDays", range: 1...36_500)
            declaration.rotation = result
        }
        declaration.multiRegion = key.bool("multiRegion")
        declaration.deletionWindowDays = key.int("deletionWindowDays", range: 1...365)
        declaration.replicaRegions = key.strings("replicaRegions")
        for replica in declaration.replicaRegions {
            deployment.regions.append(RegionReference(replica.value, at: replica.origin, component: declaration.component,
                                                      role: "key replica region", isReplica: true))
        }
        for (node, path) in key.list("materials") ?? [] {
            guard let material = key.reader.object(node, path: path) else { continue }
            declaration.materials.append(readMaterial(material))
        }
        deployment.keys.append(declaration)
    }

    private func readMaterial(_ material: ObjectView) -> KeyMaterialDeclaration {
        material.allowOnly([
            "id", "current", "importedAt", "expirationModel", "validTo", "wrappingPublicKey", "wrappingAlgorithm",
            "encryptedKeyMaterial",
        ])
        var result = KeyMaterialDeclaration(origin: material.origin)
        result.rawNode = material.node
        result.id = material.string("id")
        result.current = material.bool("current")
        result.importedAt = material.timestamp("importedAt")
        result.expirationModel = material.choice("expirationModel", ["KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"])
        result.validTo = material.timestamp("validTo")
        result.wrappingPublicKey = material.string("wrappingPublicKey")
        result.wrappingAlgorithm = material.string("wrappingAlgorithm")
        result.encryptedKeyMaterial = material.string("encryptedKeyMaterial")
        return result
    }
}
