import PolicyCheckModel
import PolicyCheckSyntax

/// The `metadata.annotations` of a Kubernetes object that Terraform's kubernetes provider creates: the values known,
/// as the Kubernetes readers take them (`Annotations`), and those known only at apply.
struct TerraformAnnotationMap {
    /// The map itself, which may be unknown as a whole.
    let map: TerraformAttribute
    let annotations: Annotations
    /// The annotations whose value is known only at apply, by name.
    let unknown: [String: TerraformAttribute]

    /// The annotations of a resource's `metadata` block.
    init(metadata: TerraformAttribute) {
        map = metadata.child("annotations")
        var values: [String: Located<String>] = [:]
        var unknown: [String: TerraformAttribute] = [:]
        for key in Self.keys(of: map) {
            let value = map.child(key)
            if let text = value.knownString {
                values[key] = Located(text, at: value.origin)
            } else if value.isUnknown {
                unknown[key] = value
            }
        }
        annotations = Annotations(located: values, path: map.path)
        self.unknown = unknown
    }

    /// The unknown annotations as the Kubernetes readers take them: why each is not known, at the value.
    var unknownReasons: [String: Located<String>] {
        unknown.mapValues { Located($0.unknownReason, at: $0.origin) }
    }

    /// The annotation names, known and unknown, in the input's order.
    private static func keys(of map: TerraformAttribute) -> [String] {
        var keys = map.node?.entries?.map(\.key) ?? []
        var seen = Set(keys)
        for entry in map.unknown?.entries ?? [] where entry.value.bool == true || entry.value.string != nil {
            if seen.insert(entry.key).inserted { keys.append(entry.key) }
        }
        return keys
    }
}
