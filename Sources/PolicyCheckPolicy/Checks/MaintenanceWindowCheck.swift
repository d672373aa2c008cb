import PolicyCheckModel
import PolicyCheckSyntax

/// The maintenance window must parse: a day, a time range and a time zone — and be long enough for an upgrade.
public struct MaintenanceWindowCheck: Check {
    public static let name = "change.maintenance-window"

    let minimumMinutes: Int

    public init(parameters: CheckParameters) {
        minimumMinutes = parameters.int("minMinutes", default: 60, range: 0...10_080)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        guard let maintenance = deployment.maintenance else { return [] }
        guard let window = maintenance.window else {
            return [CheckResult(maintenance.component, .fail([Evidence(
                "no maintenance window is set; expected e.g. window: \"Sun 04:00-06:00 UTC\"", at: maintenance.origin
            )]))]
        }
        switch MaintenanceWindow.parse(window.value) {
        case .failure(let error):
            return [CheckResult(maintenance.component, .fail([Evidence(
                "maintenance window '\(Excerpt.quote(window.value))' does not parse: \(error.message)", at: window.origin
            )]))]
        case .success(let parsed) where parsed.durationMinutes < minimumMinutes:
            return [CheckResult(maintenance.component, .fail([Evidence(
                "maintenance window '\(Excerpt.quote(window.value))' lasts \(parsed.durationMinutes) minutes; at least \(minimumMinutes) are required",
                at: window.origin
            )]))]
        case .success:
            return [CheckResult(maintenance.component, .pass)]
        }
    }
}
