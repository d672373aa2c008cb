import PolicyCheckNetwork

/// Every allowlist entry must parse as an IPv4 or IPv6 CIDR block (bare addresses are /32 and /128).
public struct CIDRSyntaxCheck: Check {
    public static let name = "network.cidr-syntax"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.allowlists.map(ParsedAllowlist.init).map { list in
            let evidence = list.entries.compactMap { entry -> Evidence? in
                guard case .failure(let error)? = entry.parsed else { return nil }
                return Evidence("\(error)", at: entry.entry.cidr.origin)
            }
            return CheckResult(list.allowlist.component, .from(evidence))
        }
    }
}
