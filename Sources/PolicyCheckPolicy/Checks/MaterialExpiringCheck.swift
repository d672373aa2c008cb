import PolicyCheckModel

/// Warns when imported key material associated with a key (current or not) expires within a number of days: its
/// expiry makes the whole key unusable (see `KeyMaterialWindow`).
public struct MaterialExpiringCheck: Check {
    public static let name = "byok.material-expiring"

    let withinDays: Int

    public init(parameters: CheckParameters) {
        withinDays = parameters.int("withinDays", default: 30, range: 1...3650)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        // Counted from the expiry time (the clock, when an earlier SOURCE_DATE_EPOCH gives `now`): a backdated commit
        // hid a certificate expiring in 12 days by counting from November (tester round 32).
        let horizon = context.expiryTime.adding(days: withinDays)
        return deployment.keys.filter { !$0.materials.isEmpty }.map { key in
            let evidence = KeyMaterialWindow.materials(of: key).compactMap { material -> Evidence? in
                guard let validTo = material.validTo, validTo.value > context.expiryTime, validTo.value <= horizon else { return nil }
                let days = context.expiryTime.days(until: validTo.value)
                return Evidence(
                    "key material \(KeyMaterialWindow.name(material)) expires on \(validTo.value.dateDescription), in \(days) day\(days == 1 ? "" : "s") (within \(withinDays)); reimport or rotate it",
                    at: validTo.origin
                )
            }
            return CheckResult(key.component, .from(evidence))
        }
    }
}
