import PolicyCheckModel

/// Upgrades must soak for at least a minimum number of hours before they reach the next ring.
public struct SoakPeriodCheck: Check {
    public static let name = "change.soak-period"

    let minimumHours: Int

    public init(parameters: CheckParameters) {
        minimumHours = parameters.int("minHours", default: 24, range: 0...8760)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        guard let maintenance = deployment.maintenance else { return [] }
        guard let soak = maintenance.soakHours else { return [CheckResult(maintenance.component, .notApplicable)] }
        guard soak.value < minimumHours else { return [CheckResult(maintenance.component, .pass)] }
        return [CheckResult(maintenance.component, .fail([Evidence(
            "upgrades soak for \(soak.value) hour\(soak.value == 1 ? "" : "s"); at least \(minimumHours) are required",
            at: soak.origin
        )]))]
    }
}
