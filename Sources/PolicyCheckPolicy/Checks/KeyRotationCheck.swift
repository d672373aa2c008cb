import PolicyCheckModel

/// Rotation must fit the key's type and origin: AWS-generated symmetric encryption keys rotate automatically every
/// 90–2560 days; imported (EXTERNAL) material cannot be rotated automatically by AWS KMS, so it needs on-demand
/// rotation with a period. Asymmetric and HMAC keys, and keys in a custom key store (CloudHSM or external), cannot be
/// rotated by AWS KMS at all, automatically or on demand: they are not asked to, and a claim that they are is wrong
/// (https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html).
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
            key.scenarios.isEmpty ? judge(key, format: deployment.format) : judgeScenarios(of: key, format: deployment.format)
        }
    }

    /// A key whose rotation, spec and origin follow its parameters together: each scenario judged on its own, the
    /// evidence naming its scenario; it fails when one scenario does.
    private func judgeScenarios(of key: KeyDeclaration, format: InputFormat) -> CheckResult {
        var failed: [Evidence] = []
        var unverified: [Evidence] = []
        var applies = false
        for scenario in key.scenarios {
            var variant = key
            (variant.keyOrigin, variant.keySpec, variant.rotation) = (scenario.keyOrigin, scenario.keySpec, scenario.rotation)
            variant.scenarios = []
            let named = { (evidence: [Evidence]) in
                evidence.map { Evidence("\($0.message) (when \(scenario.when))", at: $0.origin) }
            }
            switch judge(variant, format: format).outcome {
            case .fail(let evidence): failed += named(evidence)
            case .cannotVerify(let evidence): unverified += named(evidence)
            case .pass: applies = true
            case .notApplicable: break
            }
        }
        if !failed.isEmpty { return CheckResult(key.component, .fail(failed)) }
        if !unverified.isEmpty { return CheckResult(key.component, .cannotVerify(unverified)) }
        return CheckResult(key.component, applies ? .pass : .notApplicable)
    }

    private func judge(_ key: KeyDeclaration, format: InputFormat) -> CheckResult {
        if let rotation = key.rotation, rotation.mode == nil, let reason = rotation.unknownReason {
            return CheckResult(key.component, .cannotVerify([Evidence("key rotation cannot be verified: \(reason)",
                                                                      at: rotation.origin)]))
        }
        let origin = key.keyOrigin?.value ?? "AWS_KMS"
        let spec = key.keySpec?.value ?? "SYMMETRIC_DEFAULT"
        if spec != "SYMMETRIC_DEFAULT" {
            return impossible(key, because: "AWS KMS rotates only symmetric encryption keys, not \(spec) keys",
                              format: format)
        }
        switch origin {
        case "AWS_KMS": return CheckResult(key.component, .from(automatic(key, format: format)))
        case "EXTERNAL": return CheckResult(key.component, .from(onDemand(key, format: format)))
        default:
            return impossible(key, because: "AWS KMS does not rotate keys in a custom key store (origin \(origin))",
                              format: format)
        }
    }

    /// A key AWS KMS cannot rotate: nothing to ask of it, but a stated rotation is a setting AWS would refuse.
    private func impossible(_ key: KeyDeclaration, because reason: String, format: InputFormat) -> CheckResult {
        guard let mode = key.rotation?.mode, mode.value != "disabled" else {
            return CheckResult(key.component, .notApplicable)
        }
        return CheckResult(key.component, .fail([Evidence(
            "\(Self.setting(mode.value, format)) is set, but \(reason); expected \(Self.setting("disabled", format)) (rotate by moving to a new key)",
            at: mode.origin
        )]))
    }

    private func automatic(_ key: KeyDeclaration, format: InputFormat) -> [Evidence] {
        guard let rotation = key.rotation, let mode = rotation.mode, mode.value != "disabled" else {
            let origin = key.rotation?.mode?.origin ?? key.rotation?.origin ?? Origin(offset: key.origin.offset, path: key.origin.path + ".rotation")
            return [Evidence("automatic rotation is not enabled; expected \(Self.setting("automatic", format)) every \(minimumDays)–\(maximumDays) days",
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

    private func onDemand(_ key: KeyDeclaration, format: InputFormat) -> [Evidence] {
        guard let rotation = key.rotation, let mode = rotation.mode, mode.value != "disabled" else {
            let origin = key.rotation?.mode?.origin ?? key.rotation?.origin ?? Origin(offset: key.origin.offset, path: key.origin.path + ".rotation")
            return [Evidence("imported key material is never rotated; expected \(Self.setting("on-demand", format, withPeriod: true)) at least every \(maximumOnDemandDays) days",
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

    /// The rotation setting with a value as the format spells it, for messages (a plan has no `rotation.mode`), e.g. `rotation.mode: automatic` or `enable_key_rotation = true`.
    static func setting(_ mode: String, _ format: InputFormat, withPeriod: Bool = false) -> String {
        switch (format, mode) {
        case (.terraformPlan, "automatic"): "enable_key_rotation = true"
        case (.terraformPlan, "disabled"): "enable_key_rotation = false"
        case (.cloudFormation, "automatic"): "EnableKeyRotation: true"
        case (.cloudFormation, "disabled"): "EnableKeyRotation: false"
        case (.terraformPlan, _), (.cloudFormation, _): "on-demand rotation (aws kms rotate-key-on-demand)"
        default: "rotation.mode: \(mode)\(withPeriod ? " with periodDays" : "")"
        }
    }
}
