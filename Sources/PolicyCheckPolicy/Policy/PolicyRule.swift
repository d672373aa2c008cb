import PolicyCheckModel
import PolicyCheckSyntax

/// One rule of a policy pack: its metadata (data) and the built-in check it runs (code) with parameters.
public struct PolicyRule: Sendable {
    public var id: String
    /// An "Ensure …" sentence.
    public var title: String
    public var category: RuleCategory
    public var severity: Severity
    /// Framework-qualified control ids, e.g. `SOC2:CC6.1`.
    public var controls: [String]
    public var description: String
    public var remediation: String
    public var appliesTo: Applicability
    /// The name of the built-in check, e.g. `network.world-open`.
    public var checkName: String
    /// The pack that defines the rule.
    public var packID: String
    /// The file of the pack that defines the rule (`<embedded>/…` for the default pack).
    public var packOrigin: String = ""
    /// Packs that changed the rule by `override`, nearest last, e.g. `acme (samples/policies/acme.yaml)`.
    public var overriddenBy: [String] = []
    /// Whether the rule is a custom assertion (`select`/`assert`) rather than a built-in check.
    public var isCustom: Bool { checkName == AssertionCheck.name }

    public init(id: String, title: String, category: RuleCategory, severity: Severity, controls: [String],
                description: String, remediation: String, appliesTo: Applicability, checkName: String, packID: String) {
        self.id = id
        self.title = title
        self.category = category
        self.severity = severity
        self.controls = controls
        self.description = description
        self.remediation = remediation
        self.appliesTo = appliesTo
        self.checkName = checkName
        self.packID = packID
    }
}

/// Which deployments a rule applies to. Empty lists mean "all".
public struct Applicability: Sendable, Equatable {
    public var offerings: [Offering]
    public var formats: [InputFormat]

    public init(offerings: [Offering] = [], formats: [InputFormat] = []) {
        self.offerings = offerings
        self.formats = formats
    }

    /// Whether the rule applies; a rule limited to offerings does not apply where the offering is unknown.
    public func includes(_ deployment: Deployment) -> Bool {
        if !formats.isEmpty, !formats.contains(deployment.format) { return false }
        if !offerings.isEmpty {
            guard let offering = deployment.offering?.value, offerings.contains(offering) else { return false }
        }
        return true
    }

    /// A phrase for `explain`, e.g. "Shared deployments".
    public var summary: String {
        var parts: [String] = []
        if !offerings.isEmpty { parts.append(offerings.map(\.rawValue).joined(separator: ", ") + " deployments") }
        if !formats.isEmpty { parts.append("inputs in " + formats.map(\.rawValue).joined(separator: ", ")) }
        return parts.isEmpty ? "all deployments" : parts.joined(separator: "; ")
    }
}
