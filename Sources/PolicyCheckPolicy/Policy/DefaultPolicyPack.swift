/// The default Mattermost Cloud policy pack, embedded so the binary needs no files beside it.
///
/// `policies/mattermost-cloud.yaml` is the one copy: SwiftPM compiles it into the binary as a resource
/// (`Resources/mattermost-cloud.yaml` links to it), so an edit of the pack is in the next build with nothing to
/// regenerate. `Resources/mattermost-cloud.tree.json`, the pack's tree rendered for start-up (`EmbeddedPackTree`),
/// is data recorded by `scripts/embed-policies.sh` and held equal to the YAML by `EmbeddedPackJSONTests`.
public enum DefaultPolicyPack {
    /// The pack's YAML text.
    public static var yaml: String { String(decoding: yamlBytes, as: UTF8.self) }
    /// The pack's bytes, as `policies/mattermost-cloud.yaml` holds them.
    public static var yamlBytes: [UInt8] { PackageResources.mattermost_cloud_yaml }
    /// `{"renderedFrom": {"bytes": N, "fnv1a64": "…"}, "tree": …}`: the YAML's tree as JSON, and which YAML it was
    /// rendered from.
    static var renderedTree: [UInt8] { PackageResources.mattermost_cloud_tree_json }
}
