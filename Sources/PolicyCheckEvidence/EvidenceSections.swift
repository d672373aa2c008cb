import PolicyCheckPolicy

/// Builds the sections of `report.html` and `report.md` from an evidence document.
public enum EvidenceSections {
    typealias Cell = EvidenceSection.Cell

    public static func build(_ document: EvidenceDocument) -> [EvidenceSection] {
        [run(document), controls(document), findings(document), waivers(document), keys(document),
         inputs(document), provenance(document), rules(document)]
    }

    /// The labels of the outcome columns, in order.
    static let outcomeColumns: [(EvidenceDocument.Outcome.Status, String)] = [
        (.pass, "Pass"), (.fail, "Fail"), (.waived, "Waived"), (.notApplicable, "Not applicable"), (.cannotVerify, "Cannot verify"),
    ]

    static func run(_ document: EvidenceDocument) -> EvidenceSection {
        let report = document.report
        let context = document.context
        var facts: [(String, Cell)] = [
            ("Scope", Cell(context.scope.joined(separator: ", "), .code)),
            ("Run ID", Cell(document.runId, .code)),
        ]
        switch context.time {
        case .reproducible(let time):
            facts.append(("Generated", Cell("\(time.description) (SOURCE_DATE_EPOCH)")))
        case .wallClock(let started, let finished):
            facts.append(("Started", Cell(started.description)))
            facts.append(("Finished", Cell(finished.description)))
        }
        facts.append(("Evaluated at", Cell(report.evaluatedAt.description)))
        facts.append(("Failure threshold", Cell(report.failOn?.rawValue ?? "none")))
        let ci = context.ci
        let ciFacts: [(String, String?)] = [("Repository", ci.repository), ("Commit", ci.commit), ("CI run", ci.runURL),
                                            ("Actor", ci.actor), ("Ref", ci.ref), ("Pull request", ci.pullRequest)]
        for (label, value) in ciFacts {
            if let value { facts.append((label, Cell(value, label == "Commit" ? .code : .plain))) }
        }
        if ci.system == nil { facts.append(("CI", Cell("not run in CI (no GitHub or GitLab variables)"))) }
        facts.append(("Policy packs", Cell(document.packs.map { "\($0.id) \($0.version)" + ($0.modifications.isEmpty ? "" : " (modified)") }
            .joined(separator: ", "))))
        facts.append(("Configuration", configurationCell(context.configuration)))
        let population = "\(report.inputs.count) inputs: \(report.inputs.filter { $0.status == .evaluated }.count) evaluated, "
            + "\(report.inputs.filter { $0.status == .skipped }.count) skipped, \(report.inputs.filter { $0.status == .error }.count) not checkable; "
            + "\(report.deploymentCount) deployment\(report.deploymentCount == 1 ? "" : "s")"
        facts.append(("Population", Cell(population)))
        facts.append(("Findings", Cell("\(report.findings.count) total: \(report.failingFindings.count) failing, "
                                        + "\(report.suppressedFindings.count) suppressed")))
        var blocks: [EvidenceSection.Block] = [.facts(facts)] + settingsBlocks(context.configuration)
        if case .reproducible(let time) = context.time {
            blocks.append(.note("Reproducible bundle: SOURCE_DATE_EPOCH=\(time.secondsSinceEpoch) (\(time.description)) is used "
                                + "for every time in it, wall-clock times are left out, and the run ID is derived from the inputs."))
        }
        return EvidenceSection(id: "run", title: "Scope and run", blocks: blocks)
    }

    static func controls(_ document: EvidenceDocument) -> EvidenceSection {
        let rows = document.controls.map { row in
            [Cell(row.control, .code), Cell(row.rules.joined(separator: ", "), .code)]
                + outcomeColumns.map { Cell(String(row.count($0.0)), .number) }
        }
        return EvidenceSection(id: "controls", title: "Control matrix", blocks: [
            .paragraph("Each control with the rules that test it, and the outcomes of those rules on every resource checked. "
                       + "Waived counts failures suppressed by an approved waiver, an inline ignore or the baseline."),
            .table(.init("controls", headers: ["Control", "Rules"] + outcomeColumns.map(\.1), rows: rows)),
        ])
    }

    static func findings(_ document: EvidenceDocument) -> EvidenceSection {
        let report = document.report
        var blocks: [EvidenceSection.Block] = []
        if report.findings.isEmpty { blocks.append(.note("No findings.")) }
        for severity in Severity.allCases.reversed() {
            let findings = report.findings.filter { $0.severity == severity }
            guard !findings.isEmpty else { continue }
            blocks.append(.heading("\(severity.rawValue.capitalized) (\(findings.count))"))
            blocks.append(.table(.init("findings", headers: ["Rule", "Resource", "Location", "Finding", "Status"], rows: findings.map { finding in
                [Cell(finding.ruleId, .code, detail: finding.title), Cell(finding.resource, .code),
                 Cell("\(finding.file):\(finding.line):\(finding.column)", .code, detail: finding.path),
                 Cell(finding.message, detail: "Remediation: \(finding.remediation)"), status(finding)]
            })))
        }
        if !report.errors.isEmpty {
            blocks.append(.heading("Inputs that could not be checked (\(report.errors.count))"))
            blocks.append(.table(.init("errors", headers: ["Location", "Problem"], rows: report.errors.map {
                [Cell("\($0.file):\($0.location?.line ?? 1):\($0.location?.column ?? 1)", .code), Cell($0.message)]
            })))
        }
        if !report.warnings.isEmpty {
            blocks.append(.heading("Read but not checked (\(report.warnings.count))"))
            blocks.append(.table(.init("warnings", headers: ["Location", "What was not checked"], rows: report.warnings.map {
                [Cell("\($0.file):\($0.location?.line ?? 1):\($0.location?.column ?? 1)", .code), Cell($0.message)]
            })))
        }
        return EvidenceSection(id: "findings", title: "Findings by severity", blocks: blocks)
    }

    private static func status(_ finding: Finding) -> Cell {
        guard let suppression = finding.suppression else {
            return finding.cannotVerify ? Cell("cannot verify", .badge("unknown")) : Cell("open", .badge("fail"))
        }
        let label: String
        switch suppression.kind {
        case .waiver: label = "waived"
        case .inline: label = "ignored inline"
        case .baseline: label = "baseline"
        }
        let location = suppression.location.map { " (\($0))" } ?? ""
        return Cell(label, .badge("waived"), detail: suppression.justification + location)
    }

    static func waivers(_ document: EvidenceDocument) -> EvidenceSection {
        let statuses = document.report.waivers
        guard !statuses.isEmpty else {
            return EvidenceSection(id: "waivers", title: "Waiver register", blocks: [.note("No waiver file was used for this run.")])
        }
        let rows = statuses.map { status -> [Cell] in
            let waiver = status.waiver
            let tone = status.state == .active ? "waived" : status.state == .expired ? "fail" : "na"
            var detail = "\(waiver.location)"
            if let risk = waiver.risk { detail += " · risk \(risk)" }
            if let control = waiver.compensatingControl { detail += " · compensating control: \(control)" }
            return [Cell(waiver.rule, .code, detail: waiver.resource + (waiver.file.map { " in \($0)" } ?? "")),
                    Cell(waiver.reason, detail: detail), Cell(waiver.requestedBy), Cell(waiver.approvedBy),
                    Cell(waiver.approvedOn.dateDescription), Cell(waiver.expires), Cell(waiver.ticket ?? "—"),
                    Cell(status.state.rawValue, .badge(tone), detail: "\(status.matched) finding\(status.matched == 1 ? "" : "s")")]
        }
        return EvidenceSection(id: "waivers", title: "Waiver register", blocks: [
            .table(.init("waivers", headers: ["Rule / resource", "Reason", "Requested by", "Approved by", "Approved", "Expires", "Ticket", "Status"],
                         rows: rows)),
        ])
    }

    static func keys(_ document: EvidenceDocument) -> EvidenceSection {
        var rows: [[Cell]] = []
        for file in document.report.keyFiles {
            if file.objects.isEmpty {
                rows.append([Cell(file.path, .code), Cell(file.role.rawValue), Cell("\(file.size) B", .number),
                             Cell(file.problem ?? "no key objects"), Cell("—")])
            }
            for object in file.objects {
                let size = object.curve ?? object.bits.map { "\($0)-bit" } ?? "—"
                rows.append([Cell(file.path, .code), Cell(file.role.rawValue), Cell("\(file.size) B", .number),
                             Cell([object.kind.rawValue, object.algorithm?.rawValue, size].compactMap { $0 }.joined(separator: " · "),
                                  detail: object.container),
                             Cell(object.spkiSha256 ?? "—", .code)])
            }
        }
        let blocks: [EvidenceSection.Block] = rows.isEmpty
            ? [.note("No key material files were inspected in this run.")]
            : [.paragraph("Key files found among the inputs or referenced by BYOK key materials: types, sizes and public-key "
                          + "fingerprints only. No key bytes are reproduced in this bundle."),
               .table(.init("keys", headers: ["File", "Role", "Size", "Key", "SPKI SHA-256"], rows: rows))]
        return EvidenceSection(id: "keys", title: "Key inventory", blocks: blocks)
    }

    static func inputs(_ document: EvidenceDocument) -> EvidenceSection {
        let rows = document.report.inputs.map { input -> [Cell] in
            let tone = input.status == .evaluated ? "pass" : input.status == .skipped ? "na" : "fail"
            return [Cell(input.file, .code, detail: input.reason), Cell(input.status.rawValue, .badge(tone)),
                    Cell(String(input.deployments), .number), Cell(input.sha256 ?? "—", .code)]
        }
        return EvidenceSection(id: "inputs", title: "Appendix A — Inputs", blocks: [
            .paragraph("Every input the run found: evaluated, skipped (with the reason) or not checkable, with the SHA-256 of its bytes."),
            .table(.init("inputs", headers: ["File", "Status", "Deployments", "SHA-256"], rows: rows)),
        ])
    }

    static func provenance(_ document: EvidenceDocument) -> EvidenceSection {
        let context = document.context
        var blocks: [EvidenceSection.Block] = [.facts([
            ("Tool", Cell("\(document.report.toolName) \(document.report.toolVersion)")),
            ("Binary SHA-256", Cell(context.binarySHA256 ?? "unavailable", .code)),
            ("OpenSSL", Cell(context.openSSLVersion)),
            ("Previous bundle", context.previous.map { Cell("evidence.json SHA-256 \($0.sha256)", .code, detail: $0.runId.map { "run \($0)" }) }
                ?? Cell("none (first bundle of its chain)")),
            ("Signature", context.signer.map { Cell("\($0.algorithm), key SPKI SHA-256 \($0.publicKeySPKISha256)", .code,
                                                    detail: "evidence.json.sig (base64) covers evidence.json") }
                ?? Cell("unsigned")),
        ])]
        blocks.append(.table(.init("packs", headers: ["Policy pack", "Version", "Source", "SHA-256", "Modified by the settings"], rows: document.packs.map { pack in
            let lineage = pack.extends.map { "extends \($0)" + (pack.disabled.isEmpty ? "" : "; disables \(pack.disabled.joined(separator: ", "))")
                + (pack.overridden.isEmpty ? "" : "; overrides \(pack.overridden.joined(separator: ", "))") }
            return [Cell(pack.id, .code, detail: lineage), Cell(pack.version), Cell(pack.origin, .code), Cell(pack.sha256 ?? "—", .code),
                    pack.modifications.isEmpty ? Cell("no") : Cell("modified", .badge("fail"), detail: pack.modifications.joined(separator: "; "))]
        })))
        if !context.configFiles.isEmpty {
            blocks.append(.table(.init("configs", headers: ["Configuration", "File", "SHA-256"], rows: context.configFiles.map {
                [Cell($0.role), Cell($0.path, .code), Cell($0.sha256, .code)]
            })))
        }
        return EvidenceSection(id: "provenance", title: "Appendix B — Tool, policies and configuration", blocks: blocks)
    }

    static func rules(_ document: EvidenceDocument) -> EvidenceSection {
        let rows = document.rules.map { rule in
            [Cell(rule.id, .code), Cell(rule.title), Cell(rule.severity.rawValue, .badge(rule.severity.rawValue)),
             Cell(rule.controls.joined(separator: ", "), .code)]
        }
        return EvidenceSection(id: "rules", title: "Appendix C — Rules in force", blocks: [
            .paragraph("Every rule × resource outcome is listed in evidence.json (outcomes)."),
            .table(.init("rules", headers: ["Rule", "Title", "Severity", "Controls"], rows: rows)),
        ])
    }
}
