import PolicyCheckModel

/// Customer keys, and their replicas, must live in an allowed region.
public struct KeyRegionCheck: Check {
    public static let name = "byok.key-region"

    let allowedRegions: [String]

    public init(parameters: CheckParameters) {
        allowedRegions = parameters.strings("allowedRegions", default: ["us-east-1"])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        let allowed = allowedRegions.joined(separator: ", ")
        return deployment.keys.map { key in
            var evidence: [Evidence] = []
            if let arn = key.arn, let text = arn.value.known, let region = AmazonResourceName(text)?.region,
               !allowedRegions.contains(region) {
                evidence.append(Evidence("key ARN is in region '\(region)'; keys must be in \(allowed)", at: arn.origin))
            }
            for replica in key.replicaRegions where !allowedRegions.contains(replica.value) {
                evidence.append(Evidence("key is replicated to '\(replica.value)'; keys must stay in \(allowed)",
                                         at: replica.origin))
            }
            return CheckResult(key.component, .from(evidence))
        }
    }
}
