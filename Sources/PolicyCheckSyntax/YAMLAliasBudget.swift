import Synchronization

/// A node budget for alias expansion shared by every YAML text read from one input: the `kubectl_manifest` bodies
/// of a Terraform plan, or the bodies and `yamldecode()` arguments of one Terraform module's evaluation.
///
/// One read is bounded by `YAMLReader.Limits.maxNodes`; a budget per read let an input of many small texts — or
/// one text repeated by `count` — each a bomb just under that bound, expand to gigabytes together (60 bodies of
/// 390,000 nodes each: 3.1 GB). A read under a shared budget may expand its aliases only to what is left of it, and
/// what it expanded is charged when it ends; once spent, a text whose aliases expand at all is refused (as go-yaml
/// refuses "excessive aliasing"), while texts without aliases, bounded by the input's size, are still read.
public final class YAMLAliasBudget: Sendable {
    /// Most nodes all the reads' aliases may expand to together.
    public let limit: Int
    private let spent = Mutex(0)

    public init(limit: Int = YAMLReader.Limits().maxNodes) {
        self.limit = limit
    }

    /// What is left for the next read.
    public var remaining: Int {
        spent.withLock { max(0, limit - $0) }
    }

    /// Charges what one read's aliases expanded to (past the limit, when the read was refused for it).
    func charge(_ nodes: Int) {
        guard nodes > 0 else { return }
        spent.withLock { $0 = min(limit, $0 + nodes) }
    }
}
