import PolicyCheckModel

/// Allowlists must stay short enough to review.
public struct MaxEntriesCheck: Check {
    public static let name = "network.max-entries"

    let maximum: Int

    public init(parameters: CheckParameters) {
        maximum = parameters.int("maxEntries", default: 100, range: 1...1_000_000)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.allowlists.filter(\.isEnabled).map { list in
            let count = list.effectiveEntries.count
            guard count > maximum else { return CheckResult(list.component, .pass) }
            return CheckResult(list.component, .fail([Evidence(
                "allowlist has \(count) enabled entries; at most \(maximum) are allowed", at: list.origin
            )]))
        }
    }
}
