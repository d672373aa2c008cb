import PolicyCheckModel
import PolicyCheckNetwork

/// Every enabled allowlist entry must parse as an IPv4 or IPv6 CIDR block (bare addresses are /32 and /128);
/// disabled entries are not in force, and allowlists are judged on the entries in force (docs/policies.md). A
/// NetworkPolicy `except` range is judged too: the API server parses it. A security-group rule that names no
/// source at all fails too (`AllowlistEntry.missingSource`): AWS refuses or drops it, so it admits nothing it says.
public struct CIDRSyntaxCheck: Check {
    public static let name = "network.cidr-syntax"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ParsedAllowlist.all(in: deployment, context: context).map { list in
            let evidence = list.entries.filter { $0.entry.enabled || $0.entry.isException }.compactMap { entry -> Evidence? in
                guard case .failure(let error)? = entry.parsed else { return nil }
                if let reason = entry.entry.missingSource { return Evidence(reason, at: entry.entry.origin) }
                return Evidence("\(error)", at: entry.entry.cidr.origin)
            }
            return CheckResult(list.allowlist.component, .from(evidence))
        }
    }
}
