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
            var unknown: [Evidence] = []
            let evidence = references.compactMap { reference -> Evidence? in
                if let reason = reference.unknownReason {
                    unknown.append(Evidence("\(reference.role) cannot be verified: \(reason)", at: reference.origin))
                    return nil
                }
                if allowedRegions.contains(reference.region) { return nil }
                let shown = reference.region
                if !RegionCode.isWellFormed(shown) {
                    return Evidence("\(reference.role) '\(shown)' is not an AWS region code; expected one of \(allowed)",
                                    at: reference.origin)
                }
                let what = reference.isReplica ? "a copy of the data would be kept in" : "it places data in"
                return Evidence("\(reference.role) is '\(shown)': \(what) a region outside the allowed \(allowed)",
                                at: reference.origin)
            }
            // A region outside the allowed ones fails whatever the unknown ones turn out to be.
            if evidence.isEmpty, !unknown.isEmpty { return CheckResult(component, .cannotVerify(unknown)) }
            return CheckResult(component, .from(evidence))
        }
    }
}
