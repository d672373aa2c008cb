import PolicyCheckNetwork

/// Internet-facing allowlists must not list special-purpose ranges (private, shared, loopback, link-local,
/// documentation, benchmarking, multicast, reserved, unique-local, …): no internet traffic comes from them.
public struct SpecialPurposeCheck: Check {
    public static let name = "network.special-purpose"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ParsedAllowlist.enabled(in: deployment).map { list in
            guard list.allowlist.internetFacing else { return CheckResult(list.allowlist.component, .notApplicable) }
            let evidence = list.effective.compactMap { entry -> Evidence? in
                guard let cidr = entry.cidr, !cidr.isWholeSpace else { return nil }
                let ranges = SpecialPurposeRegistry.ranges(overlapping: cidr)
                guard let first = ranges.first else { return nil }
                let inside = first.cidr.contains(cidr)
                let names = ranges.prefix(3).map { "\($0.cidr) \($0.name) (\($0.reference))" }.joined(separator: "; ")
                let relation = inside ? "lies in" : "overlaps"
                return Evidence(
                    "'\(entry.text)' \(relation) special-purpose address space: \(names); it never reaches an internet-facing endpoint",
                    at: entry.entry.cidr.origin
                )
            }
            return CheckResult(list.allowlist.component, .from(evidence))
        }
    }
}
