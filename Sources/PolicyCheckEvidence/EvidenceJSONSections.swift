import KeyMaterial
import PolicyCheckReport

/// The list sections of `evidence.json`: configuration, rules, controls, outcomes, findings, errors, waivers, key
/// inventory.
enum EvidenceJSONSections {
    /// The configuration file and every setting that changed what was checked or how strictly.
    static func writeConfiguration(_ configuration: EvidenceContext.Configuration, into json: inout JSONWriter) {
        json.key("configuration")
        json.beginObject()
        json.field("file", configuration.file)
        json.field("sha256", configuration.sha256)
        json.field("found", configuration.file == nil ? nil as String? : configuration.discovered ? "discovered" : "named")
        json.field("treeConfigAllowed", configuration.treeConfigAllowed)
        json.field("weakened", !configuration.weakening.isEmpty)
        json.key("settings")
        json.beginArray()
        for entry in configuration.settings {
            json.beginObject()
            json.field("name", entry.name)
            json.field("value", entry.value)
            json.field("source", entry.source.description)
            json.field("effect", entry.effect.rawValue)
            json.field("note", entry.note)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    static func writeRules(_ document: EvidenceDocument, into json: inout JSONWriter) {
        json.key("rules")
        json.beginArray()
        for rule in document.rules { RuleJSON.write(rule, into: &json, layout: .evidence) }
        json.endArray()
    }

    static func writeControls(_ document: EvidenceDocument, into json: inout JSONWriter) {
        json.key("controls")
        json.beginArray()
        for row in document.controls {
            json.beginObject()
            json.field("control", row.control)
            json.field("rules", strings: row.rules)
            for status in EvidenceDocument.Outcome.Status.allCases { json.field(status.rawValue, row.count(status)) }
            json.endObject()
        }
        json.endArray()
    }

    static func writeOutcomes(_ document: EvidenceDocument, into json: inout JSONWriter) {
        json.key("outcomes")
        json.beginArray()
        for outcome in document.outcomes {
            json.beginObject()
            json.field("ruleId", outcome.ruleId)
            json.field("resource", outcome.resource)
            json.field("file", outcome.file)
            json.field("status", outcome.status.rawValue)
            json.field("suppression", outcome.suppression?.rawValue)
            json.endObject()
        }
        json.endArray()
    }

    static func writeFindings(_ report: CheckReport, into json: inout JSONWriter) {
        json.key("findings")
        json.beginArray()
        for finding in report.findings { JSONReporter.write(finding, into: &json, layout: .evidence) }
        json.endArray()
    }

    static func writeErrors(_ report: CheckReport, into json: inout JSONWriter) {
        json.field("errors", errors: report.errors)
        // Read but not wholly checked (a nested stack's template at a URL, a remote module): the run may pass, and
        // the evidence says what it did not see.
        json.field("warnings", errors: report.warnings)
    }

    /// Types, sizes and fingerprints only: never key bytes.
    static func writeKeyInventory(_ report: CheckReport, into json: inout JSONWriter) {
        json.key("keyInventory")
        json.beginArray()
        for file in report.keyFiles {
            json.beginObject()
            json.field("file", file.path)
            json.field("role", file.role.rawValue)
            json.field("size", file.size)
            json.field("problem", file.problem)
            json.key("objects")
            json.beginArray()
            for object in file.objects { KeyObjectJSON.write(object, into: &json, layout: .evidence) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
    }
}
