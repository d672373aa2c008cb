import Foundation
import PolicyCheckModel
import PolicyCheckSyntax

/// Reports every change marked as an emergency, so it is visible in the record even when justified.
public struct EmergencyChangeCheck: Check {
    public static let name = "change.emergency-change"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        guard let maintenance = deployment.maintenance else { return [] }
        guard let emergency = maintenance.emergency else { return [CheckResult(maintenance.component, .pass)] }
        let ticket = Self.text(emergency.ticket).map { " (ticket \(Excerpt.quote($0, limit: 40)))" } ?? ""
        let reason = Self.text(emergency.reason).map { ": \(Excerpt.quote($0, limit: 120))" } ?? ""
        return [CheckResult(maintenance.component, .fail([Evidence(
            "change is marked as an emergency\(ticket) and bypasses the maintenance window and soak\(reason)",
            at: emergency.origin
        )]))]
    }

    /// The value without surrounding whitespace, or `nil` when blank (a blank reason says nothing).
    private static func text(_ value: Located<String>?) -> String? {
        guard let trimmed = value?.value.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
