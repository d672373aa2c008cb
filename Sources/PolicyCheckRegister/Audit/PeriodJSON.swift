import PolicyCheckKit

/// The period bundle's `evidence.json` (`kind` `policycheck-period`): the whole report, every run of the
/// population included, keys in a fixed order. It lists the pages' SHA-256 and the signer exactly as a run bundle
/// does, so `verify-report` checks it unchanged.
public enum PeriodJSON {
    public static func render(_ report: PeriodReport, artifacts: [EvidenceJSON.Artifact],
                              signer: EvidenceContext.SignerIdentity?, toolVersion: String) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("evidenceVersion", EvidenceDocument.version)
        json.field("kind", "policycheck-period")
        json.field("disclaimer", PeriodSections.disclaimer)
        json.key("tool")
        json.beginObject()
        json.field("name", "policycheck")
        json.field("version", toolVersion)
        json.endObject()
        writePeriod(report.period, into: &json)
        writePopulation(report, into: &json)
        writeControls(report.controls, into: &json)
        writeLifecycle(report, into: &json)
        writeExceptions(report.exceptions, into: &json)
        writeSample(report.sample, into: &json)
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
        json.null()
        json.key("signature")
        if let signer {
            json.beginObject()
            json.field("algorithm", signer.algorithm)
            json.field("publicKeySpkiSha256", signer.publicKeySPKISha256)
            json.field("file", EvidenceBundle.signatureFile)
            json.field("encoding", "base64")
            json.endObject()
        } else {
            json.null()
        }
        json.endObject()
        return json.writtenText + "\n"
    }

    private static func writePeriod(_ period: AuditPeriod, into json: inout JSONWriter) {
        json.key("period")
        json.beginObject()
        json.field("from", period.from)
        json.field("to", period.to)
        json.field("days", period.days)
        json.field("repositories", strings: period.repositories)
        json.field("protectedRefs", strings: period.protectedRefs)
        json.key("slaDays")
        json.beginObject()
        for severity in period.slaDays.keys.sorted() { json.field(severity, period.slaDays[severity]!) }
        json.endObject()
        json.endObject()
    }

    private static func writeRun(_ run: PeriodData.Run, into json: inout JSONWriter) {
        json.beginObject()
        json.field("runId", run.runId)
        json.field("repository", run.repository)
        json.field("ref", run.ref)
        json.field("commit", run.commit)
        json.field("generatedAt", DayClock.time(run.generatedAt))
        json.field("verdict", run.verdict)
        json.field("actor", run.actor)
        json.field("runUrl", run.runURL)
        json.field("bundle", run.bundlePath)
        json.field("evidenceSha256", run.evidenceSHA256)
        json.field("signer", run.verifiedSigner)
        json.field("previousRunId", run.previousRunId)
        json.field("inputListSha256", run.inputList)
        json.endObject()
    }

    private static func writePopulation(_ report: PeriodReport, into json: inout JSONWriter) {
        let population = report.population
        json.key("population")
        json.beginObject()
        json.field("runs", report.runs.count)
        json.key("chains")
        json.beginArray()
        for chain in population.chains {
            json.beginObject()
            json.field("repository", chain.repository)
            json.field("ref", chain.ref)
            json.field("runs", chain.runs)
            json.field("pass", chain.passed)
            json.field("fail", chain.failed)
            json.field("error", chain.errored)
            json.field("unauthenticated", chain.unauthenticated)
            json.field("first", DayClock.time(chain.first))
            json.field("last", DayClock.time(chain.last))
            json.endObject()
        }
        json.endArray()
        json.key("daysWithoutRun")
        json.beginArray()
        for missing in population.missingDays {
            json.beginObject()
            json.field("repository", missing.repository)
            json.field("ref", missing.ref)
            json.field("dates", strings: missing.dates)
            json.endObject()
        }
        json.endArray()
        json.key("chainBreaks")
        json.beginArray()
        for item in population.breaks {
            json.beginObject()
            json.field("runId", item.runId)
            json.field("repository", item.repository)
            json.field("ref", item.ref)
            json.field("generatedAt", DayClock.time(item.generatedAt))
            json.field("kind", item.kind)
            json.field("previousRunId", item.previousRunId)
            json.endObject()
        }
        json.endArray()
        json.key("refusedBundles")
        json.beginArray()
        for refusal in population.refusals {
            json.beginObject()
            json.field("bundle", refusal.bundlePath)
            json.field("reason", refusal.reason)
            json.field("evidenceSha256", refusal.evidenceSHA256)
            json.field("claimedRunId", refusal.claimedRunId)
            json.field("claimedRepository", refusal.claimedRepository)
            json.field("claimedRef", refusal.claimedRef)
            json.field("at", DayClock.time(refusal.occurredAt))
            json.field("claimedAt", refusal.claimedAt.map(DayClock.time))
            json.endObject()
        }
        json.endArray()
        json.key("list")
        json.beginArray()
        for run in report.runs { writeRun(run, into: &json) }
        json.endArray()
        json.endObject()
    }

    private static func writeControls(_ controls: ControlOperation, into json: inout JSONWriter) {
        json.key("controls")
        json.beginArray()
        for row in controls.rows {
            json.beginObject()
            json.field("control", row.control)
            json.field("runs", row.runs)
            json.field("failingRuns", row.failing)
            json.key("weeks")
            json.beginArray()
            for week in row.weeks {
                json.beginObject()
                json.field("week", week.start)
                json.field("runs", week.runs)
                json.field("failingRuns", week.failing)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
    }

    private static func writeLifecycle(_ report: PeriodReport, into json: inout JSONWriter) {
        let lifecycle = report.lifecycle
        json.key("lifecycle")
        json.beginObject()
        json.key("bySeverity")
        json.beginArray()
        for stats in lifecycle.bySeverity {
            json.beginObject()
            json.field("severity", stats.severity)
            json.field("found", stats.found)
            json.field("fixed", stats.fixed)
            json.field("open", stats.open)
            json.field("notEvaluated", stats.notEvaluated)
            json.field("suppressed", stats.suppressed)
            json.key("medianSecondsToFix")
            if let median = stats.medianTimeToFix { json.int(Int(median)) } else { json.null() }
            json.key("maxSecondsToFix")
            if let max = stats.maxTimeToFix { json.int(Int(max)) } else { json.null() }
            json.key("slaDays")
            if let sla = stats.slaDays { json.int(sla) } else { json.null() }
            json.field("pastSla", stats.pastSLA)
            json.endObject()
        }
        json.endArray()
        json.field("runsWithoutInputList", lifecycle.runsWithoutInputList)
        json.key("findings")
        json.beginArray()
        let late = Set(lifecycle.pastSLA)
        for episode in lifecycle.episodes {
            json.beginObject()
            json.field("fingerprint", episode.fingerprint)
            json.field("repository", episode.repository)
            json.field("ref", episode.ref)
            json.field("ruleId", episode.ruleId)
            json.field("severity", episode.severity)
            json.field("resource", episode.resource)
            json.field("file", episode.file)
            json.field("firstSeen", DayClock.time(episode.firstSeen))
            json.field("firstRunId", episode.firstRunId)
            json.field("lastSeen", DayClock.time(episode.lastSeen))
            json.field("carriedIn", episode.carriedIn)
            json.field("state", episode.state.rawValue)
            json.field("fixed", episode.fixedAt.map(DayClock.time))
            json.field("fixedRunId", episode.fixedRunId)
            json.field("runs", episode.runs)
            json.field("suppression", episode.suppression)
            json.field("suppressedSince", episode.suppressedSince.map(DayClock.time))
            json.field("suppressedRunId", episode.suppressedRunId)
            json.field("pastSla", late.contains(episode))
            json.field("input", episode.input)
            json.field("runsNotEvaluating", episode.runsNotEvaluating)
            json.field("runsWithoutInputList", episode.runsWithoutInputList)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    private static func writeExceptions(_ exceptions: ExceptionRegister, into json: inout JSONWriter) {
        json.key("exceptions")
        json.beginObject()
        json.key("waivers")
        json.beginArray()
        for entry in exceptions.waivers {
            let waiver = entry.waiver
            json.beginObject()
            json.field("rule", waiver.rule)
            json.field("resource", waiver.resource)
            json.field("filePattern", waiver.filePattern)
            json.field("reason", waiver.reason)
            json.field("requestedBy", waiver.requestedBy)
            json.field("approvedBy", waiver.approvedBy)
            json.field("approvedOn", waiver.approvedOn)
            json.field("expires", waiver.expires)
            json.field("ticket", waiver.ticket)
            json.field("repositories", strings: entry.repositories)
            json.field("runs", entry.runs)
            json.field("matched", entry.matched)
            json.field("statuses", strings: entry.statuses)
            json.field("firstSeen", DayClock.time(entry.firstSeen))
            json.field("lastSeen", DayClock.time(entry.lastSeen))
            json.endObject()
        }
        json.endArray()
        json.key("suppressions")
        json.beginArray()
        for entry in exceptions.suppressions {
            json.beginObject()
            json.field("repository", entry.repository)
            json.field("kind", entry.kind)
            json.field("ruleId", entry.ruleId)
            json.field("resource", entry.resource)
            json.field("file", entry.file)
            json.field("justification", entry.justification)
            json.field("runs", entry.runs)
            json.field("firstSeen", DayClock.time(entry.firstSeen))
            json.field("lastSeen", DayClock.time(entry.lastSeen))
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    private static func writeSample(_ sample: AuditSample, into json: inout JSONWriter) {
        json.key("sample")
        json.beginObject()
        json.field("seed", String(sample.seed))
        json.field("method", AuditSample.method)
        json.key("groups")
        json.beginArray()
        for group in sample.groups {
            json.beginObject()
            json.field("repository", group.repository)
            json.field("population", group.population)
            json.field("frequency", group.frequency)
            json.field("size", group.size)
            json.field("seed", String(group.seed))
            json.key("runs")
            json.beginArray()
            for run in group.runs { writeRun(run, into: &json) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
