import PolicyCheckModel
import PolicyCheckNetwork

/// Internet-facing allowlists must not list special-purpose ranges (private, shared, loopback, link-local,
/// documentation, benchmarking, multicast, reserved, unique-local, …): no internet traffic comes from them.
public struct SpecialPurposeCheck: Check {
    public static let name = "network.special-purpose"

    /// Entries broader than this are judged by the breadth rules instead of by the special ranges they include.
    let includeThresholdV4: Int
    let includeThresholdV6: Int

    public init(parameters: CheckParameters) {
        includeThresholdV4 = parameters.int("ipv4IncludesFrom", default: 8, range: 0...32)
        includeThresholdV6 = parameters.int("ipv6IncludesFrom", default: 16, range: 0...128)
    }

    private func includeThreshold(_ version: IPVersion) -> Int {
        version == .v4 ? includeThresholdV4 : includeThresholdV6
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ParsedAllowlist.enabled(in: deployment, context: context).map { list in
            guard list.allowlist.internetFacing else { return CheckResult(list.allowlist.component, .notApplicable) }
            let evidence = list.effective.compactMap { entry -> Evidence? in
                guard let cidr = entry.cidr, !cidr.isWholeSpace else { return nil }
                let ranges = SpecialPurposeRegistry.ranges(overlapping: cidr)
                // Blocks overlap only by containment: the entry lies in a special range, or includes some.
                let containing = ranges.filter { $0.cidr.contains(cidr) }
                let included = ranges.filter { !$0.cidr.contains(cidr) }
                    .sorted { ($0.cidr.prefixLength, $0.cidr) < ($1.cidr.prefixLength, $1.cidr) }
                let shown: [SpecialPurposeRange]
                let relation: String
                if !containing.isEmpty {
                    (shown, relation) = (containing, "lies in")
                } else if cidr.prefixLength >= includeThreshold(cidr.version), !included.isEmpty {
                    (shown, relation) = (included, "includes")
                } else {
                    return nil
                }
                let names = shown.prefix(3).map { "\($0.cidr) \($0.name) (\($0.reference))" }.joined(separator: "; ")
                return Evidence(
                    "'\(entry.text)' \(relation) special-purpose address space: \(names); it never reaches an internet-facing endpoint",
                    at: entry.entry.cidr.origin
                )
            }
            return CheckResult(list.allowlist.component, .from(evidence))
        }
    }
}
