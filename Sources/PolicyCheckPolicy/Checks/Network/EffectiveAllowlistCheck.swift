import PolicyCheckModel

/// IP filtering that is switched on must have at least one enabled entry, or it restricts nothing.
public struct EffectiveAllowlistCheck: Check {
    public static let name = "network.effective-allowlist"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.allowlists.compactMap { list in
            guard let enabled = list.enabled, enabled.value else { return nil }
            guard list.effectiveEntries.isEmpty else { return CheckResult(list.component, .pass) }
            let disabled = list.entries.count
            let detail = disabled == 0 ? "the allowlist is empty" : "all \(disabled) entries are disabled"
            return CheckResult(list.component, .fail([Evidence(
                "IP filtering is enabled but \(detail), so it restricts nothing; expected at least one enabled entry",
                at: enabled.origin
            )]))
        }
    }
}
