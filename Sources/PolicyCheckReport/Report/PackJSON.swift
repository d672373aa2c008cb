import PolicyCheckPolicy

/// One policy pack as JSON, the one writer for every output that lists packs: the JSON report, SARIF's run
/// properties and the evidence bundle.
package enum PackJSON {
    /// The pack as a report header names it: `rules` is left out where the format does not carry it (SARIF).
    static func write(_ pack: PackSummary, into json: inout JSONWriter, withRuleCount: Bool) {
        json.beginObject()
        writeIdentity(id: pack.id, version: pack.version, source: pack.origin, into: &json)
        if withRuleCount { json.field("rules", pack.ruleCount) }
        json.endObject()
    }

    /// The pack as the evidence bundle records it: its hash and every change made to it by configuration.
    package static func write(_ pack: PolicyPack, into json: inout JSONWriter) {
        json.beginObject()
        writeIdentity(id: pack.id, version: pack.version, source: pack.origin, into: &json)
        json.field("sha256", pack.sha256)
        json.field("rules", pack.rules.count)
        json.field("modified", !pack.modifications.isEmpty)
        json.field("modifications", strings: pack.modifications)
        json.field("extends", pack.extends)
        json.field("disabledRules", strings: pack.disabled)
        json.field("overriddenRules", strings: pack.overridden)
        json.endObject()
    }

    private static func writeIdentity(id: String, version: String, source: String, into json: inout JSONWriter) {
        json.field("id", id)
        json.field("version", version)
        json.field("source", source)
    }
}
