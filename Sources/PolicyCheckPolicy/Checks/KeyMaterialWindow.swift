import PolicyCheckModel

/// The imported materials of a deployment's EXTERNAL keys that can expire.
///
/// Every associated material counts, current or not: when any of them expires AWS KMS deletes it and puts the whole
/// key into the Pending import state, so nothing encrypted under the key (under any of its materials) can be
/// decrypted until that material is reimported (KeyMetadata.ValidTo is "the earliest time at which any imported key
/// material permanently associated with this KMS key expires":
/// https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html,
/// https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-set-expiration.html).
enum KeyMaterialWindow {
    static func materials(of key: KeyDeclaration) -> [KeyMaterialDeclaration] {
        key.materials.filter { $0.expirationModel?.value != "KEY_MATERIAL_DOES_NOT_EXPIRE" }
    }

    /// The material's name in messages; material that is not current says so, since its expiry matters too.
    static func name(_ material: KeyMaterialDeclaration) -> String {
        let name = material.id.map { "'\($0.value)'" } ?? "at \(material.origin.path)"
        return material.current?.value == false ? "\(name) (not current)" : name
    }
}
