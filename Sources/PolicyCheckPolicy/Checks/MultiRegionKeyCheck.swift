import PolicyCheckModel

/// Multi-Region keys permit copying key material to other regions; flag them so replication is a decision.
public struct MultiRegionKeyCheck: Check {
    public static let name = "residency.multi-region-keys"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.map { key in
            if let flag = key.multiRegion, flag.value {
                return CheckResult(key.component, .fail([Evidence(
                    "key is a multi-Region key (multiRegion: true), which permits replicating it to other regions",
                    at: flag.origin
                )]))
            }
            if let arn = key.arn, let text = arn.value.known, let resource = AmazonResourceName(text)?.resource,
               resource.hasPrefix("key/mrk-") {
                return CheckResult(key.component, .fail([Evidence(
                    "key id '\(resource.dropFirst(4))' is a multi-Region key (mrk-), which permits replicating it to other regions",
                    at: arn.origin
                )]))
            }
            return CheckResult(key.component, .pass)
        }
    }
}
