import PolicyCheckModel
import PolicyCheckReport

/// `evidence.json`: the machine-readable bundle (`evidenceVersion` 1, schema in docs/schemas/evidence.schema.json).
/// Keys appear in a fixed order, so reproducible runs give identical bytes.
public enum EvidenceJSON {
    /// The SHA-256 of the bundle's other files, which evidence.json lists.
    public struct Artifact: Sendable, Hashable {
        public var file: String
        public var sha256: String

        public init(file: String, sha256: String) {
            self.file = file
            self.sha256 = sha256
        }
    }

    /// The document as UTF-8 bytes, ending in a newline.
    public static func render(_ document: EvidenceDocument, artifacts: [Artifact], signatureFile: String) -> [UInt8] {
        let report = document.report
        let context = document.context
        var json = JSONWriter()
        json.beginObject()
        json.field("evidenceVersion", EvidenceDocument.version)
        json.field("kind", "policycheck-evidence")
        json.field("disclaimer", EvidenceDocument.disclaimer)
        writeRun(document, into: &json)
        json.key("ci")
        json.beginObject()
        json.field("system", context.ci.system)
        json.field("commit", context.ci.commit)
        json.field("repository", context.ci.repository)
        json.field("runUrl", context.ci.runURL)
        json.field("actor", context.ci.actor)
        json.field("ref", context.ci.ref)
        json.field("pullRequest", context.ci.pullRequest)
        json.endObject()
        json.key("tool")
        json.beginObject()
        json.field("name", report.toolName)
        json.field("version", report.toolVersion)
        json.field("binarySha256", context.binarySHA256)
        json.field("openSSLVersion", context.openSSLVersion)
        json.endObject()
        json.key("policies")
        json.beginArray()
        for pack in document.packs { PackJSON.write(pack, into: &json) }
        json.endArray()
        json.key("configFiles")
        json.beginArray()
        for file in context.configFiles {
            json.beginObject()
            json.field("role", file.role)
            json.field("path", file.path)
            json.field("sha256", file.sha256)
            json.endObject()
        }
        json.endArray()
        EvidenceJSONSections.writeConfiguration(context.configuration, into: &json)
        writePopulation(report, into: &json)
        writeSummary(document, into: &json)
        EvidenceJSONSections.writeRules(document, into: &json)
        EvidenceJSONSections.writeControls(document, into: &json)
        EvidenceJSONSections.writeOutcomes(document, into: &json)
        EvidenceJSONSections.writeFindings(report, into: &json)
        EvidenceJSONSections.writeErrors(report, into: &json)
        JSONReporter.writeWaivers(report.waivers, into: &json)
        EvidenceJSONSections.writeKeyInventory(report, into: &json)
        json.key("artifacts")
        json.beginArray()
        for artifact in artifacts {
            json.beginObject()
            json.field("file", artifact.file)
            json.field("sha256", artifact.sha256)
            json.endObject()
        }
        json.endArray()
        json.key("previous")
        if let previous = context.previous {
            json.beginObject()
            json.field("sha256", previous.sha256)
            json.field("runId", previous.runId)
            json.endObject()
        } else {
            json.null()
        }
        json.key("signature")
        if let signer = context.signer {
            json.beginObject()
            json.field("algorithm", signer.algorithm)
            json.field("publicKeySpkiSha256", signer.publicKeySPKISha256)
            json.field("file", signatureFile)
            json.field("encoding", "base64")
            json.endObject()
        } else {
            json.null()
        }
        json.endObject()
        var bytes = json.takeBytes()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private static func writeRun(_ document: EvidenceDocument, into json: inout JSONWriter) {
        let report = document.report
        json.key("run")
        json.beginObject()
        json.field("id", document.runId)
        json.field("reproducible", document.context.time.isReproducible)
        switch document.context.time {
        case .reproducible(let time):
            json.field("sourceDateEpoch", Int(time.secondsSinceEpoch))
            json.field("generatedAt", time.description)
            json.field("startedAt", nil as String?)
            json.field("finishedAt", nil as String?)
        case .wallClock(let started, let finished):
            json.key("sourceDateEpoch")
            json.null()
            json.field("generatedAt", finished.description)
            json.field("startedAt", started.description)
            json.field("finishedAt", finished.description)
        }
        json.field("evaluatedAt", report.evaluatedAt.description)
        json.field("scope", strings: document.context.scope)
        json.field("failOn", report.failOn?.rawValue ?? "none")
        json.field("verdict", document.verdict.lowercased())
        json.field("exitCode", Int(report.exitCode))
        json.endObject()
    }

    private static func writePopulation(_ report: CheckReport, into json: inout JSONWriter) {
        json.key("population")
        json.beginObject()
        json.field("expected", report.inputs.count)
        for status in [InputRecord.Status.evaluated, .skipped, .error] {
            json.field(status.rawValue, report.inputs.filter { $0.status == status }.count)
        }
        json.key("inputs")
        json.beginArray()
        for input in report.inputs {
            json.beginObject()
            json.field("file", input.file)
            json.field("status", input.status.rawValue)
            json.field("reason", input.reason)
            json.field("sha256", input.sha256)
            json.field("deployments", input.deployments)
            if let manifest = input.manifest { writeManifest(manifest, into: &json) }
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// A module folder's files, which its `sha256` is the digest of: paths and hashes only, never their text (a
    /// `.tfvars` file may hold a password).
    private static func writeManifest(_ manifest: ModuleManifest, into json: inout JSONWriter) {
        json.key("files")
        json.beginArray()
        for entry in manifest.entries {
            json.beginObject()
            json.field("path", entry.path)
            json.field("bytes", entry.byteCount)
            json.field("sha256", entry.sha256)
            json.endObject()
        }
        json.endArray()
    }

    private static func writeSummary(_ document: EvidenceDocument, into json: inout JSONWriter) {
        let report = document.report
        json.key("summary")
        json.beginObject()
        json.field("deployments", report.deploymentCount)
        json.field("findings", report.findings.count)
        json.field("failing", report.failingFindings.count)
        json.field("suppressed", report.suppressedFindings.count)
        json.field("errors", report.errors.count)
        json.field("warnings", report.warnings.count)
        json.field("staleWaivers", report.staleWaivers.count)
        json.key("bySeverity")
        json.beginObject()
        for (severity, count) in report.countsBySeverity { json.field(severity.rawValue, count) }
        json.endObject()
        json.key("outcomes")
        json.beginObject()
        for status in EvidenceDocument.Outcome.Status.allCases { json.field(status.rawValue, document.count(status)) }
        json.endObject()
        json.endObject()
    }
}
