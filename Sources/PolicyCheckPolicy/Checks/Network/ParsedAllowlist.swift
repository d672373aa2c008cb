import PolicyCheckModel
import PolicyCheckNetwork

/// An allowlist with every known entry parsed once, for the network checks.
struct ParsedAllowlist: Sendable {
    struct Entry: Sendable {
        var index: Int
        var entry: AllowlistEntry
        /// `nil` when the CIDR is unknown until apply.
        var parsed: Result<ParsedCIDR, CIDRParseError>?

        var cidr: CIDR? {
            if case .success(let parsed)? = parsed { return parsed.cidr }
            return nil
        }

        /// How the entry reads in messages: as written.
        var text: String { entry.cidr.value.known ?? "(unknown)" }
    }

    let allowlist: Allowlist
    /// All entries, enabled or not.
    let entries: [Entry]
    /// Enabled entries only: kept once, since every network check reads them (filtering them again per check
    /// copied a 100,000-entry list five times); the same array as `entries` when every entry is enabled.
    let effective: [Entry]

    init(_ allowlist: Allowlist) {
        self.allowlist = allowlist
        entries = allowlist.entries.enumerated().map { index, entry in
            Entry(index: index, entry: entry, parsed: entry.cidr.value.known.map { CIDRParser.parse($0) })
        }
        effective = entries.allSatisfy(\.entry.enabled) ? entries : entries.filter { $0.entry.enabled }
    }

    /// The deployment's allowlists that are in force.
    static func enabled(in deployment: Deployment) -> [ParsedAllowlist] {
        deployment.allowlists.filter(\.isEnabled).map(ParsedAllowlist.init)
    }

    /// Every allowlist of the deployment, in force or not: those in force as the evaluator parsed them (a
    /// 100,000-entry list is parsed once, not again here), the others parsed now.
    static func all(in deployment: Deployment, context: CheckContext) -> [ParsedAllowlist] {
        guard let parsed = context.parsedAllowlists,
              parsed.count == deployment.allowlists.count(where: \.isEnabled) else {
            return deployment.allowlists.map(ParsedAllowlist.init)
        }
        var next = parsed.makeIterator()
        return deployment.allowlists.map { allowlist in
            allowlist.isEnabled ? next.next() ?? ParsedAllowlist(allowlist) : ParsedAllowlist(allowlist)
        }
    }

    /// The deployment's allowlists in force, as the evaluator prepared them, else parsed now.
    static func enabled(in deployment: Deployment, context: CheckContext) -> [ParsedAllowlist] {
        context.parsedAllowlists ?? enabled(in: deployment)
    }
}
