/// Rotation must fit the key's origin: AWS-generated keys rotate automatically every 90–2560 days; imported
/// (EXTERNAL) material cannot be rotated automatically by AWS KMS, so it needs on-demand rotation with a period.
public struct KeyRotationCheck: Check {
    public static let name = "byok.rotation"

    let minimumDays: Int
    let maximumDays: Int
    let maximumOnDemandDays: Int

    public init(parameters: CheckParameters) {
        minimumDays = parameters.int("automaticMinDays", default: 90, range: 1...36_500)
        maximumDays = parameters.int("automaticMaxDays", default: 2560, range: 1...36_500)
        maximumOnDemandDays = parameters.int("onDemandMaxDays", default: 365, range: 1...36_500)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.map { key in
            if let rotation = key.rotation, rotation.mode == nil, let reason = rotation.unknownReason {
                return CheckResult(key.component, .cannotVerify([Evidence("key rotation cannot be verified: \(reason)",
                                                                          at: rotation.origin)]))
            }
            let origin = key.keyOrigin?.value ?? "AWS_KMS"
            switch origin {
            case "AWS_KMS": return CheckResult(key.component, .from(automatic(key)))
            case "EXTERNAL": return CheckResult(key.component, .from(onDemand(key)))
            default: return CheckResult(key.component, .notApplicable)
            }
        }
    }

    private func automatic(_ key: KeyDeclaration) -> [Evidence] {
        guard let rotation = key.rotation, let mode = rotation.mode, mode.value != "disabled" else {
            let origin = key.rotation?.mode?.origin ?? key.rotation?.origin ?? Origin(offset: key.origin.offset, path: key.origin.path + ".rotation")
            return [Evidence("automatic rotation is not enabled; expected rotation.mode: automatic every \(minimumDays)–\(maximumDays) days",
                             at: origin)]
        }
        guard mode.value == "automatic" else {
            return [Evidence("an AWS-generated key should rotate automatically, found mode '\(mode.value)'", at: mode.origin)]
        }
        if let period = rotation.periodDays, !(minimumDays...maximumDays).contains(period.value) {
            return [Evidence("rotation period \(period.value) days is outside the \(minimumDays)–\(maximumDays) days AWS KMS supports",
                             at: period.origin)]
        }
        return []
    }

    private func onDemand(_ key: KeyDeclaration) -> [Evidence] {
        guard let rotation = key.rotation, let mode = rotation.mode, mode.value != "disabled" else {
            let origin = key.rotation?.mode?.origin ?? key.rotation?.origin ?? Origin(offset: key.origin.offset, path: key.origin.path + ".rotation")
            return [Evidence("imported key material is never rotated; expected rotation.mode: on-demand with periodDays ≤ \(maximumOnDemandDays)",
                             at: origin)]
        }
        if mode.value == "automatic" {
            return [Evidence("AWS KMS cannot rotate imported (EXTERNAL) key material automatically; expected on-demand rotation with a period",
                             at: mode.origin)]
        }
        guard let period = rotation.periodDays else {
            return [Evidence("on-demand rotation needs periodDays (at most \(maximumOnDemandDays))", at: mode.origin)]
        }
        if period.value > maximumOnDemandDays {
            return [Evidence("on-demand rotation every \(period.value) days exceeds \(maximumOnDemandDays) days", at: period.origin)]
        }
        return []
    }
}
