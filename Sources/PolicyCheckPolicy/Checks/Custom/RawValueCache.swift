import PolicyCheckSyntax
import Synchronization

/// The `raw.<path>` values of one projection of resources, converted once per source node and path. Every entry of
/// a Kubernetes Service has the whole object as its raw node: converting a 10,000-item list once for each entry made
/// a rule reading `raw.spec.loadBalancerSourceRanges` quadratic.
final class RawValueCache: Sendable {
    /// A value found at a path, and the offset of the node it was read from.
    struct Found: Sendable {
        var value: AttributeValue
        var offset: Int
    }

    private struct Key: Hashable {
        var node: SourceNode.Identity
        var path: String
    }

    /// `nil` values remember that nothing is set at the path.
    private let values = Mutex<[Key: Found?]>([:])

    /// The value at `path` under the node, computed by `convert` the first time it is asked for.
    func value(of node: SourceNode.Identity, at path: String, convert: () -> Found?) -> Found? {
        let key = Key(node: node, path: path)
        if let known = values.withLock({ $0[key] }) { return known }
        let found = convert()
        values.withLock { $0[key] = .some(found) }
        return found
    }
}
