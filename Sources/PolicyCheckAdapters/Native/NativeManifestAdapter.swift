import PolicyCheckModel
import PolicyCheckSyntax

/// Reads policycheck's own manifest format (`apiVersion: policycheck/v1`, `kind: Deployment`) into a `Deployment`.
///
/// The format is strict: unknown fields, wrong types and missing required fields are errors, each located.
/// `docs/manifest.md` documents it.
public struct NativeManifestAdapter: DocumentAdapter {
    public static let apiVersion = "policycheck/v1"
    public static let format = InputFormat.native

    public init() {}

    /// Documents of ours that are not manifests: policy packs, policy tests, settings files.
    static let otherKinds: Set<String> = ["PolicyPack", "PolicyTest", "Config", "Waivers"]

    /// Whether a document claims to be one of our manifests (by `apiVersion`).
    public static func recognises(_ root: SourceNode) -> Bool {
        root["apiVersion"]?.string?.hasPrefix("policycheck/") == true && !otherKinds.contains(root["kind"]?.string ?? "")
    }

    /// Reads one document (native manifests take no adapter options).
    public func deployment(from root: SourceNode, source: SourceFile,
                           options: AdapterOptions) throws(Diagnostics) -> Deployment {
        try deployment(from: root, source: source)
    }

    /// Reads one manifest document; throws every problem found in it.
    public func deployment(from root: SourceNode, source: SourceFile) throws(Diagnostics) -> Deployment {
        let reader = NodeReader(source: source)
        guard let document = reader.object(root, path: "") else { throw Diagnostics(reader.diagnostics) }
        document.allowOnly(["apiVersion", "kind", "metadata", "spec"])
        if let version = document.string("apiVersion", required: true), version.value != Self.apiVersion {
            reader.error(
                at: version.origin.offset,
                "unsupported apiVersion '\(Excerpt.quote(version.value))'; this policycheck reads '\(Self.apiVersion)'"
            )
        }
        _ = document.choice("kind", ["Deployment"], required: true)
        let metadata = document.object("metadata", required: true)
        metadata?.allowOnly(["name", "owner", "labels", "description"])
        let name = metadata?.string("name", required: true)?.value ?? source.path
        _ = metadata?.string("owner")
        _ = metadata?.string("description")
        if let labels = metadata?.object("labels") {
            for entry in labels.node.entries ?? [] { _ = labels.string(entry.key) }
        }

        var deployment = Deployment(name: name, source: source, format: .native, origin: document.origin)
        deployment.rawNode = root
        if let spec = document.object("spec", required: true) {
            SpecReader(spec: spec).read(into: &deployment)
        }
        guard reader.diagnostics.isEmpty else { throw Diagnostics(reader.diagnostics) }
        return deployment
    }
}
