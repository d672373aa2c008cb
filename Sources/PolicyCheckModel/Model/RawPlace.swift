import PolicyCheckSyntax

/// A model value's resource as the input wrote it, for custom rules' `raw.<path>`: the node and, when it is not at
/// the value's origin, the node's own path.
///
/// One immutable reference, so an allowlist and all its entries can share it: a Kubernetes object is the raw node of
/// every allowlist and entry read from it, and held inline each kept a 40-byte node and a path (56 bytes) per entry.
public final class RawPlace: Sendable {
    public let node: SourceNode?
    /// The path of `node` when it is not at the value's origin (`nil`: it is).
    public let path: String?

    public init(node: SourceNode?, path: String?) {
        self.node = node
        self.path = path
    }

    /// The place with another node (`nil` when neither node nor path is left).
    static func replacing(_ place: RawPlace?, node: SourceNode?) -> RawPlace? {
        node == nil && place?.path == nil ? nil : RawPlace(node: node, path: place?.path)
    }

    /// The place with another path (`nil` when neither node nor path is left).
    static func replacing(_ place: RawPlace?, path: String?) -> RawPlace? {
        place?.node == nil && path == nil ? nil : RawPlace(node: place?.node, path: path)
    }
}
