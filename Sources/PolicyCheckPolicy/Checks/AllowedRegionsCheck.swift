import PolicyCheckModel

/// Every region a deployment names or implies must be an allowed region (data residency).
public struct AllowedRegionsCheck: Check {
    public static let name = "residency.allowed-regions"

    let allowedRegions: [String]

    public init(parameters: CheckParameters) {
        allowedRegions = parameters.strings("allowedRegions", default: ["us-east-1"])
        if allowedRegions.isEmpty { parameters.reject("allowedRegions", "'allowedRegions' must name at least one region") }
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        guard !deployment.regions.isEmpty else { return [] }
        let allowed = allowedRegions.joined(separator: ", ")
        return Dictionary(grouping: deployment.regions, by: \.component).sorted { $0.key < $1.key }.map { component, references in
            let evidence = references.compactMap { reference -> Evidence? in
                if reference.unknownReason != nil || allowedRegions.contains(reference.region) { return nil }
                let shown = reference.region
                if !RegionCode.isWellFormed(shown) {
                    return Evidence("\(reference.role) '\(shown)' is not an AWS region code; expected one of \(allowed)",
                                    at: reference.origin)
                }
                let what = reference.isReplica ? "a copy of the data would be kept in" : "it places data in"
                return Evidence("\(reference.role) is '\(shown)': \(what) a region outside the allowed \(allowed)",
                                at: reference.origin)
            }
            // A region known only when the deployment runs is never a silent pass: it cannot be verified, unless
            // another of the component's regions already fails.
            let unknown = references.compactMap { reference in
                reference.unknownReason.map { Evidence("\(reference.role) cannot be verified: \($0)", at: reference.origin) }
            }
            if evidence.isEmpty, !unknown.isEmpty { return CheckResult(component, .cannotVerify(unknown)) }
            return CheckResult(component, .from(evidence))
        }
    }
}
