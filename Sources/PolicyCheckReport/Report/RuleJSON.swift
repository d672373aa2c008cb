import PolicyCheckPolicy

/// A rule's metadata as a JSON object: the one writer of rule records, for `rules`/`explain --format json` and
/// `evidence.json`'s `rules` section.
public enum RuleJSON {
    /// Which fields a record carries.
    public enum Layout: Sendable {
        /// Everything `rules --format json` documents: the rule's text, what it applies to, its check and provenance.
        case full
        /// The evidence bundle's summary: identity, severity, controls and pack (the pack's hash pins the rest).
        case evidence
    }

    public static func write(_ rule: PolicyRule, into json: inout JSONWriter, layout: Layout = .full) {
        json.beginObject()
        json.field("id", rule.id)
        json.field("title", rule.title)
        json.field("category", rule.category.rawValue)
        json.field("severity", rule.severity.rawValue)
        json.field("controls", strings: rule.controls)
        if layout == .full {
            json.field("description", rule.description)
            json.field("remediation", rule.remediation)
            json.field("appliesTo", rule.appliesTo.summary)
            json.field("check", rule.checkName)
        }
        json.field("pack", rule.packID)
        if layout == .full {
            json.field("packFile", rule.packOrigin)
            json.field("overriddenBy", strings: rule.overriddenBy)
        }
        json.endObject()
    }

    /// "from mattermost-cloud (<embedded>/…); overridden by acme (acme.yaml)" when the rule is not simply the pack's own.
    public static func provenance(_ rule: PolicyRule, in pack: PolicyPack?) -> String? {
        var parts: [String] = []
        if rule.packID != pack?.id { parts.append("from \(rule.packID) (\(rule.packOrigin))") }
        if !rule.overriddenBy.isEmpty { parts.append("overridden by " + rule.overriddenBy.joined(separator: ", then ")) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
