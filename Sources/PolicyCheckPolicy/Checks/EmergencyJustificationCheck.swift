import Foundation
import PolicyCheckModel

/// A change marked as an emergency must say why and carry a ticket.
public struct EmergencyJustificationCheck: Check {
    public static let name = "change.emergency-justification"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        guard let maintenance = deployment.maintenance, let emergency = maintenance.emergency else { return [] }
        var missing: [String] = []
        if emergency.reason?.value.trimmingCharacters(in: .whitespaces).isEmpty ?? true { missing.append("reason") }
        if emergency.ticket?.value.trimmingCharacters(in: .whitespaces).isEmpty ?? true { missing.append("ticket") }
        guard !missing.isEmpty else { return [CheckResult(maintenance.component, .pass)] }
        return [CheckResult(maintenance.component, .fail([Evidence(
            "the emergency change has no \(missing.joined(separator: " and no ")); both are required", at: emergency.origin
        )]))]
    }
}
