import PolicyCheckKit

/// The period report's sections, built once and rendered by the evidence bundle's HTML and Markdown renderers,
/// so the period pages share the run pages' look, escaping and print layout. Long lists (every run, every
/// finding episode) are in evidence.json; the pages show summaries, breaks, exceptions and the sample.
public enum PeriodSections {
    public static let disclaimer = """
        Management's evidence assembled from the register of automated policy checks; not an auditor's attestation. \
        It shows which runs the register holds and what they recorded; it does not show that every change was \
        checked by a run the register received.
        """

    /// Pages list at most this many rows per table; evidence.json has them all.
    static let pageRows = 200

    public static func build(_ report: PeriodReport) -> [EvidenceSection] {
        [scope(report), population(report), breaks(report), controls(report), lifecycle(report), exceptions(report), sample(report)]
    }

    private static func scope(_ report: PeriodReport) -> EvidenceSection {
        let period = report.period
        let sla = period.slaDays.keys.sorted().map { "\($0) \(period.slaDays[$0]!) d" }.joined(separator: ", ")
        return EvidenceSection(id: "scope", title: "Period and scope", blocks: [.facts([
            ("Period", .init("\(period.from) to \(period.to) (\(period.days) days, UTC)")),
            ("Repositories", .init(period.repositories.isEmpty ? "all in the register" : period.repositories.joined(separator: ", "))),
            ("Protected refs", .init(period.protectedRefs.isEmpty ? "main or master, where a repository runs on it" : period.protectedRefs.joined(separator: ", "))),
            ("Fix-time SLA", .init(sla.isEmpty ? "none" : sla)),
            ("Runs", .init(String(report.runs.count), .number)),
            ("Sample seed", .init(String(report.sample.seed), .code)),
        ])])
    }

    private static func population(_ report: PeriodReport) -> EvidenceSection {
        let rows = report.population.chains.map { chain -> [EvidenceSection.Cell] in
            [.init(chain.repository, .code), .init(chain.ref, .code), .init(String(chain.runs), .number),
             .init(String(chain.passed), .number), .init(String(chain.failed), .number), .init(String(chain.errored), .number),
             .init(String(chain.unauthenticated), .number), .init(DayClock.date(chain.first)), .init(DayClock.date(chain.last))]
        }
        var blocks: [EvidenceSection.Block] = [
            .paragraph("Every run in the register for the period, by repository and ref. evidence.json lists each run with its bundle and the SHA-256 of its evidence.json. Runs not authenticated were pushed without --pubkey: the register did not verify their signature, so their verdicts are as their evidence.json claims."),
            .table(.init("population", headers: ["Repository", "Ref", "Runs", "Pass", "Fail", "Error", "Not authenticated", "First", "Last"], rows: rows)),
            .heading("Days with no run on a protected ref"),
        ]
        if report.population.missingDays.isEmpty {
            blocks.append(.note("Every day of the period has at least one run on each protected ref."))
        } else {
            blocks.append(.table(.init("missing-days", headers: ["Repository", "Ref", "Days", "Dates"], rows: report.population.missingDays.map {
                [.init($0.repository, .code), .init($0.ref, .code), .init(String($0.dates.count), .number),
                 .init(summarize($0.dates))]
            })))
        }
        blocks.append(.heading("Bundles refused (failed verification)"))
        if report.population.refusals.isEmpty {
            blocks.append(.note("No bundle pushed for the period failed verification."))
        } else {
            blocks.append(.table(.init("refusals", headers: ["When", "Bundle", "Claimed run", "Reason"], rows: report.population.refusals.prefix(pageRows).map {
                [.init(DayClock.time($0.occurredAt)), .init($0.bundlePath, .code),
                 .init($0.claimedRunId ?? "unreadable", .code, detail: ([$0.claimedRepository, $0.claimedRef] + [$0.claimedAt.map { "claims " + DayClock.time($0) }]).compactMap { $0 }.joined(separator: " ")),
                 .init($0.reason)]
            })))
        }
        return EvidenceSection(id: "population", title: "Population", blocks: blocks)
    }

    private static func breaks(_ report: PeriodReport) -> EvidenceSection {
        let items = report.population.breaks
        guard !items.isEmpty else {
            return EvidenceSection(id: "chain", title: "Chain of runs", blocks: [.note("Every run links to the run before it on its repository and ref: no chain breaks.")])
        }
        return EvidenceSection(id: "chain", title: "Chain of runs", blocks: [
            .paragraph("\(items.count) runs do not link to the run before them: missing-predecessor (a run the register never received), hash-mismatch (the previous bundle was altered), unchained (restarted without a link), other-chain, backwards (the previous run it names is dated after it: a backdated run), fork."),
            .table(.init("breaks", headers: ["When", "Repository", "Ref", "Run", "Break", "Names as previous"], rows: items.prefix(pageRows).map {
                [.init(DayClock.time($0.generatedAt)), .init($0.repository, .code), .init($0.ref, .code), .init($0.runId, .code),
                 .init($0.kind, .badge("fail")), .init($0.previousRunId ?? "—", .code)]
            })),
        ] + more(items.count))
    }

    private static func controls(_ report: PeriodReport) -> EvidenceSection {
        let rows = report.controls.rows.map { row -> [EvidenceSection.Cell] in
            let trend = row.weeks.suffix(8).map { "\($0.start): \($0.failing)/\($0.runs)" }.joined(separator: ", ")
            return [.init(row.control, .code), .init(String(row.runs), .number), .init(String(row.failing), .number),
                    .init(String(row.weeks.count), .number), .init(trend)]
        }
        return EvidenceSection(id: "controls", title: "Operation of each control", blocks: [
            .paragraph("Runs that evaluated the control and runs in which it failed; the trend shows failing/runs for the last weeks (every week is in evidence.json)."),
            .table(.init("operation", headers: ["Control", "Runs", "Failing runs", "Weeks", "Recent weeks (failing/runs)"], rows: rows)),
        ])
    }

    private static func lifecycle(_ report: PeriodReport) -> EvidenceSection {
        let lifecycle = report.lifecycle
        let stats = lifecycle.bySeverity.map { row -> [EvidenceSection.Cell] in
            [.init(row.severity, .badge(row.severity)), .init(String(row.found), .number), .init(String(row.fixed), .number),
             .init(String(row.open), .number, detail: row.suppressed > 0 ? "\(row.suppressed) suppressed" : nil),
             .init(String(row.notEvaluated), .number),
             .init(row.medianTimeToFix.map(DayClock.days) ?? "—"),
             .init(row.maxTimeToFix.map(DayClock.days) ?? "—"), .init(row.slaDays.map { "\($0) d" } ?? "none"),
             .init(String(row.pastSLA), .number)]
        }
        let late = lifecycle.pastSLA.prefix(pageRows).map { lateRow($0, periodEnd: report.period.end) }
        let unevaluated = lifecycle.episodes.filter { $0.state == .notEvaluated }
        var blocks: [EvidenceSection.Block] = [
            .paragraph("Findings matched by fingerprint along each repository and ref: first seen, last seen, fixed (the first later run that evaluated the finding's file and did not report it). A run that did not evaluate the file — other paths, an exclude, a file it could not read, an error — fixes nothing; a finding no later run evaluated is not evaluated, not fixed. A finding a run still reports under a waiver, an inline ignore or a baseline is not fixed: it stays open, and its age counts against the SLA. Times to fix are in days."),
            .table(.init("lifecycle", headers: ["Severity", "Found", "Fixed", "Open", "Not evaluated", "Median to fix", "Longest", "SLA", "Past SLA"], rows: stats)),
        ]
        if lifecycle.runsWithoutInputList > 0 {
            blocks.append(.note("\(lifecycle.runsWithoutInputList) runs of the period were stored before the register kept input lists (schema 5): they record no input list, so they fix no finding."))
        }
        blocks.append(.heading("Past the SLA"))
        blocks.append(late.isEmpty ? .note("No finding stayed open longer than its SLA.")
                      : .table(.init("late", headers: ["Severity", "Rule", "Resource", "First seen", "Fixed", "Days open"], rows: Array(late))))
        blocks += more(lifecycle.pastSLA.count)
        blocks.append(.heading("Not evaluated since their last report"))
        blocks.append(unevaluated.isEmpty ? .note("Every finding a run stopped reporting was evaluated by a later run.")
                      : .table(.init("not-evaluated", headers: ["Severity", "Rule", "Resource", "Last seen", "Not evaluated"],
                                     rows: unevaluated.prefix(pageRows).map(unevaluatedRow))))
        return EvidenceSection(id: "lifecycle", title: "Finding lifecycle", blocks: blocks + more(unevaluated.count))
    }

    private static func lateRow(_ episode: FindingLifecycle.Episode, periodEnd: Int64) -> [EvidenceSection.Cell] {
        let place = "\(episode.repository) \(episode.ref) · \(episode.file)"
        let suppressed = episode.suppression.map { kind in
            "suppressed (\(kind)) since " + (episode.suppressedSince.map { DayClock.date($0) } ?? "?")
        }
        let fixed: EvidenceSection.Cell
        switch episode.state {
        case .fixed: fixed = .init(episode.fixedAt.map { DayClock.date($0) } ?? "")
        case .open: fixed = .init("open", detail: suppressed)
        case .notEvaluated:
            fixed = .init("not evaluated", detail: ([notEvaluatedSince(episode)] + [suppressed].compactMap { $0 }).joined(separator: "; "))
        }
        return [EvidenceSection.Cell(episode.severity, .badge(episode.severity)), EvidenceSection.Cell(episode.ruleId, .code),
                EvidenceSection.Cell(episode.resource, .code, detail: place), EvidenceSection.Cell(DayClock.date(episode.firstSeen)),
                fixed, EvidenceSection.Cell(DayClock.days(episode.age(periodEnd: periodEnd)))]
    }

    private static func unevaluatedRow(_ episode: FindingLifecycle.Episode) -> [EvidenceSection.Cell] {
        let unlisted = episode.runsWithoutInputList > 0 ? ", \(episode.runsWithoutInputList) with no input list" : ""
        return [.init(episode.severity, .badge(episode.severity)), .init(episode.ruleId, .code),
                .init(episode.resource, .code, detail: "\(episode.repository) \(episode.ref) · \(episode.file)"),
                .init(DayClock.date(episode.lastSeen)),
                .init(notEvaluatedSince(episode),
                      detail: "\(episode.runsNotEvaluating) later run\(episode.runsNotEvaluating == 1 ? "" : "s")\(unlisted)")]
    }

    /// "not evaluated since 2025-03-02: no later run evaluated k8s/a.yaml".
    private static func notEvaluatedSince(_ episode: FindingLifecycle.Episode) -> String {
        "since \(DayClock.date(episode.lastSeen)): no later run evaluated \(episode.input)"
    }

    private static func exceptions(_ report: PeriodReport) -> EvidenceSection {
        let waivers = report.exceptions.waivers.prefix(pageRows).map { entry -> [EvidenceSection.Cell] in
            let waiver = entry.waiver
            return [.init(waiver.rule, .code, detail: [waiver.resource, waiver.filePattern].compactMap { $0 }.joined(separator: " · ")),
                    .init(waiver.reason, detail: waiver.ticket), .init(waiver.approvedBy, detail: waiver.approvedOn),
                    .init(waiver.expires ?? "never"), .init(String(entry.runs), .number),
                    .init(entry.statuses.joined(separator: ", "), .badge(entry.statuses.contains("expired") ? "fail" : "waived"))]
        }
        let suppressions = report.exceptions.suppressions.prefix(pageRows).map { entry -> [EvidenceSection.Cell] in
            [.init(entry.kind, .badge("waived")), .init(entry.ruleId, .code),
             .init(entry.resource, .code, detail: "\(entry.repository) · \(entry.file)"), .init(entry.justification),
             .init(String(entry.runs), .number), .init("\(DayClock.date(entry.firstSeen)) to \(DayClock.date(entry.lastSeen))")]
        }
        return EvidenceSection(id: "exceptions", title: "Exception register", blocks: [
            .heading("Waivers in force"),
            waivers.isEmpty ? .note("No waiver was in force during the period.")
                : .table(.init("exceptions", headers: ["Rule / coverage", "Reason", "Approved by", "Expires", "Runs", "Status"], rows: Array(waivers))),
            .heading("Inline ignores and baseline entries"),
            suppressions.isEmpty ? .note("No finding was suppressed in the code or by a baseline.")
                : .table(.init("suppressions", headers: ["Kind", "Rule", "Resource", "Justification", "Runs", "In force"], rows: Array(suppressions))),
        ])
    }

    private static func sample(_ report: PeriodReport) -> EvidenceSection {
        var blocks: [EvidenceSection.Block] = [
            .paragraph("Seed \(report.sample.seed). \(AuditSample.method)"),
            .table(.init("sample-sizes", headers: ["Repository", "Runs", "Operates", "Sample"], rows: report.sample.groups.map {
                [.init($0.repository, .code), .init(String($0.population), .number), .init($0.frequency), .init(String($0.size), .number)]
            })),
        ]
        for group in report.sample.groups {
            blocks.append(.heading("\(group.repository): \(group.size) of \(group.population) runs"))
            blocks.append(.table(.init("sample", headers: ["When", "Ref", "Run", "Verdict", "Bundle", "evidence.json SHA-256"], rows: group.runs.map {
                // Under the verdict, whether the register authenticated it (the signer's SPKI SHA-256 is in
                // evidence.json): a column of its own overflowed a narrow page.
                [.init(DayClock.time($0.generatedAt)), .init($0.ref, .code), .init($0.runId, .code, detail: $0.commit),
                 .init($0.verdict, .badge($0.verdict == "pass" ? "pass" : "fail"),
                       detail: $0.verifiedSigner == nil ? "not authenticated: pushed without --pubkey" : "signature verified on push"),
                 .init($0.bundlePath, .code), .init($0.evidenceSHA256, .code)]
            })))
        }
        return EvidenceSection(id: "sample", title: "Sample for the auditor", blocks: blocks)
    }

    /// Dates as ranges (`2026-01-03 to 2026-01-05, 2026-02-01`).
    static func summarize(_ dates: [String]) -> String {
        var ranges: [(String, String)] = []
        var previousDay: Int64?
        for date in dates {
            let day = DayClock.day(Timestamp(iso8601: date + "T00:00:00Z")?.secondsSinceEpoch ?? 0)
            if let previousDay, day == previousDay + 1, !ranges.isEmpty { ranges[ranges.count - 1].1 = date } else { ranges.append((date, date)) }
            previousDay = day
        }
        let text = ranges.prefix(40).map { $0.0 == $0.1 ? $0.0 : "\($0.0) to \($0.1)" }.joined(separator: ", ")
        return ranges.count > 40 ? text + ", … (all in evidence.json)" : text
    }

    private static func more(_ count: Int) -> [EvidenceSection.Block] {
        count > pageRows ? [.note("The first \(pageRows) of \(count) rows; evidence.json lists them all.")] : []
    }
}
