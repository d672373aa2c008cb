import PolicyCheckModel

/// An extending pack's change to an inherited rule: `override: {RULE-ID: {severity, parameters, controls, remediation}}`.
struct RuleOverride {
    /// The mapping under the rule id, read with the extending pack's reader.
    let view: ObjectView
    let packID: String
    /// The extending pack's file.
    let origin: String

    static let fields = ["severity", "parameters", "controls", "remediation"]
}
