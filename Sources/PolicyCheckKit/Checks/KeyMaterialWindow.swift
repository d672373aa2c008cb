/// The imported materials of a deployment's EXTERNAL keys that are in force (current, or not marked otherwise).
enum KeyMaterialWindow {
    static func materials(of key: KeyDeclaration) -> [KeyMaterialDeclaration] {
        key.materials.filter { material in
            material.current?.value != false && material.expirationModel?.value != "KEY_MATERIAL_DOES_NOT_EXPIRE"
        }
    }

    /// The material's name in messages.
    static func name(_ material: KeyMaterialDeclaration) -> String {
        material.id.map { "'\($0.value)'" } ?? "at \(material.origin.path)"
    }
}
