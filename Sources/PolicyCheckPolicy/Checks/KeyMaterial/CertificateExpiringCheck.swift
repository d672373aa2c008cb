import PolicyCheckModel

/// Warns when a certificate expires within a number of days.
public struct CertificateExpiringCheck: Check {
    public static let name = "key-material.certificate-expiring"

    let withinDays: Int

    public init(parameters: CheckParameters) {
        withinDays = parameters.int("withinDays", default: 30, range: 1...3650)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        // Counted from the expiry time (the clock, when an earlier SOURCE_DATE_EPOCH gives `now`): a backdated commit
        // hid a certificate expiring in 12 days by counting from November (tester round 32).
        let horizon = context.expiryTime.adding(days: withinDays)
        return KeyFileObjects.results(deployment) { object, _ in
            guard let certificate = object.certificate else { return nil }
            let notAfter = Timestamp(certificate.notAfter)
            guard notAfter > context.expiryTime, notAfter <= horizon else { return nil }
            let days = context.expiryTime.days(until: notAfter)
            return "certificate '\(certificate.subject)' expires on \(notAfter.dateDescription), in \(days) day\(days == 1 ? "" : "s") (within \(withinDays))"
        }
    }
}
