import Synchronization

/// A node budget for alias expansion shared by every YAML text read from one input: the `kubectl_manifest` bodies
/// of a Terraform plan, or the bodies and `yamldecode()` arguments of one Terraform module's evaluation.
///
/// One read is bounded by `YAMLReader.Limits.maxNodes`; a budget per read let an input of many small texts — or
/// one text repeated by `count` — each a bomb just under that bound, expand to gigabytes together (60 bodies of
/// some 2,000,000 nodes each: 3.1 GB). A read under a shared budget may expand its aliases only to what is left of
/// it, and what it expanded is charged when it ends; once spent, a text whose aliases expand at all is refused (as
/// go-yaml refuses "excessive aliasing"), while texts without aliases are still read.
///
/// Nodes a text spells itself are bounded by the input's size — in a plan. Terraform source repeats a text once per
/// instance of `count` or `for_each` (up to 100,000), so a module's budget also bounds every node its texts make
/// (`nodeLimit`).
public final class YAMLAliasBudget: Sendable {
    /// Most nodes all the reads' aliases may expand to together.
    public let limit: Int
    /// Most nodes all the reads may make together, spelt or repeated by aliases; `nil`: not bounded here.
    public let nodeLimit: Int?
    private let spent = Mutex((aliases: 0, nodes: 0))

    public init(limit: Int = YAMLReader.Limits().maxNodes, nodeLimit: Int? = nil) {
        self.limit = limit
        self.nodeLimit = nodeLimit
    }

    /// What is left for the next read's aliases.
    public var remaining: Int {
        spent.withLock { max(0, limit - $0.aliases) }
    }

    /// What is left for the next read's nodes (`Int.max` without a `nodeLimit`).
    var remainingNodes: Int {
        guard let nodeLimit else { return Int.max }
        return spent.withLock { max(0, nodeLimit - $0.nodes) }
    }

    /// Charges what one read's aliases expanded to and the nodes it made (past a limit, when the read was refused
    /// for it).
    func charge(aliases: Int, nodes: Int) {
        spent.withLock {
            $0.aliases = min(limit, $0.aliases + aliases)
            $0.nodes = min(nodeLimit ?? Int.max, $0.nodes + nodes)
        }
    }
}
