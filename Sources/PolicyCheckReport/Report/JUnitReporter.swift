import PolicyCheckModel
import PolicyCheckPolicy

/// JUnit XML (the Ant schema CI servers read): a `<testsuite>` per input file, a `<testcase>` per rule × resource
/// evaluated, `<failure>` for open findings, `<skipped>` for suppressed and cannot-verify ones, `<error>` for input
/// errors. Not-applicable outcomes are counted in a suite property, not listed. Documented in docs/output.md.
public struct JUnitReporter: Reporter {
    public static let formatName = "junit"
    /// The required `hostname`: fixed, so the same inputs give the same bytes on every machine.
    public static let hostname = "policycheck"

    public init() {}

    public func render(_ report: CheckReport) -> String {
        let stream = ReportStream()
        write(report, to: stream)
        return stream.text
    }

    /// Streams the document a suite at a time; outcomes and findings are grouped by position, not copied.
    public func write(_ report: CheckReport, to stream: ReportStream) {
        let outcomes = report.outcomes.positionsByFile()
        let findings = Dictionary(grouping: report.findings.indices, by: { report.findings[$0].file })
        let errors = Dictionary(grouping: report.errors, by: \.file)
        let warnings = Dictionary(grouping: report.warnings, by: \.file)
        stream.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n")
        for (index, file) in Self.files(report).enumerated() {
            writeSuite(file, id: index, report: report, outcomes: (outcomes[file] ?? []).flatMap { report.outcomes[$0] },
                       findings: (findings[file] ?? []).map { report.findings[$0] }, errors: errors[file] ?? [],
                       warnings: warnings[file] ?? [], to: stream)
        }
        if !report.filesSkipped.isEmpty { stream.write(Self.skippedSuite(report, id: Self.files(report).count)) }
        stream.write("</testsuites>\n")
    }

    /// One suite listing every skipped file as a skipped test case whose message is the reason.
    static func skippedSuite(_ report: CheckReport, id: Int) -> String {
        let count = report.filesSkipped.count
        var out = "  <testsuite name=\"skipped inputs\" package=\"policycheck\" id=\"\(id)\""
            + " timestamp=\"\(report.evaluatedAt.description.dropLast())\" hostname=\"\(hostname)\""
            + " tests=\"\(count)\" failures=\"0\" errors=\"0\" skipped=\"\(count)\" time=\"0\">\n"
            + "    <properties>\n" + property("policycheck.version", report.toolVersion)
            + property("skipped", report.skipSummary) + "    </properties>\n"
        for skipped in report.filesSkipped {
            out += "    <testcase name=\"\(XMLText.escape(skipped.kind, attribute: true))\""
                + " classname=\"\(XMLText.escape(skipped.file, attribute: true))\" time=\"0\">\n"
                + "      <skipped message=\"\(XMLText.escape(skipped.reason, attribute: true))\"/>\n"
                + "    </testcase>\n"
        }
        return out + "    <system-out/>\n    <system-err/>\n  </testsuite>\n"
    }

    /// Every file the run named: checked, with findings or outcomes, or with errors; sorted.
    static func files(_ report: CheckReport) -> [String] {
        var files = Set(report.filesChecked)
        files.formUnion(report.findings.map(\.file))
        files.formUnion(report.outcomes.fileNames)
        files.formUnion(report.errors.map(\.file))
        files.formUnion(report.warnings.map(\.file))
        return files.sorted()
    }

    // MARK: - Suites

    private func writeSuite(_ file: String, id: Int, report: CheckReport, outcomes: [RuleOutcome], findings: [Finding],
                            errors: [Diagnostic], warnings: [Diagnostic], to stream: ReportStream) {
        var cases: [TestCase] = []
        var seen = Set<CaseKey>()
        // Each case's findings, in report order, found by key (a scan of the file's findings per case would make a
        // plan of 70,000 resources quadratic).
        var findingsByKey: [CaseKey: [Finding]] = [:]
        for finding in findings { findingsByKey[CaseKey(ruleId: finding.ruleId, resource: finding.resource), default: []].append(finding) }
        for outcome in outcomes where outcome.status != .notApplicable {
            let key = CaseKey(ruleId: outcome.ruleId, resource: outcome.resource)
            guard seen.insert(key).inserted else { continue }
            cases.append(TestCase(file: file, key: key, findings: findingsByKey[key] ?? []))
        }
        // Findings whose outcome the report does not carry still get a test case.
        for finding in findings {
            let key = CaseKey(ruleId: finding.ruleId, resource: finding.resource)
            guard seen.insert(key).inserted else { continue }
            cases.append(TestCase(file: file, key: key, findings: findingsByKey[key] ?? []))
        }
        let notApplicable = Set(outcomes.filter { $0.status == .notApplicable }.map { CaseKey(ruleId: $0.ruleId, resource: $0.resource) })
            .subtracting(seen).count
        let counts = (tests: cases.count + errors.count,
                      failures: cases.filter { $0.verdict == .failure }.count,
                      skipped: cases.filter { $0.verdict == .skipped }.count)
        let name = XMLText.escape(file, attribute: true)
        var out = "  <testsuite name=\"\(name)\" package=\"policycheck\" id=\"\(id)\""
            + " timestamp=\"\(report.evaluatedAt.description.dropLast())\" hostname=\"\(Self.hostname)\""
            + " tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(errors.count)\""
            + " skipped=\"\(counts.skipped)\" time=\"0\">\n"
        out += "    <properties>\n"
        out += Self.property("policycheck.version", report.toolVersion)
        out += Self.property("failOn", report.failOn?.rawValue ?? "none")
        out += Self.property("notApplicable", String(notApplicable))
        out += "    </properties>\n"
        stream.write(out)
        // Test cases gathered as bytes and written 64 KiB at a time (a plan's suite holds one per rule and resource).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ReportStream.chunkSize + 4096)
        for testCase in cases {
            testCase.write(into: &bytes, classname: name)
            stream.write(taking: &bytes, once: ReportStream.chunkSize)
        }
        stream.write(taking: &bytes)
        for error in errors { stream.write(Self.errorCase(error)) }
        // Warnings (what was read but not checked) fail nothing: the suite's standard error lists them.
        let warningText = warnings.map { XMLText.escape($0.description) + "\n" }.joined()
        stream.write("    <system-out/>\n    " + (warnings.isEmpty ? "<system-err/>" : "<system-err>\(warningText)</system-err>")
                     + "\n  </testsuite>\n")
    }

    private static func property(_ name: String, _ value: String) -> String {
        "      <property name=\"\(XMLText.escape(name, attribute: true))\" value=\"\(XMLText.escape(value, attribute: true))\"/>\n"
    }

    private static func errorCase(_ error: Diagnostic) -> String {
        let line = error.location?.line ?? 1
        let column = error.location?.column ?? 1
        return "    <testcase name=\"input error at \(line):\(column)\" classname=\"\(XMLText.escape(error.file, attribute: true))\" time=\"0\">\n"
            + "      <error message=\"\(XMLText.escape(error.message, attribute: true))\" type=\"input-error\">"
            + XMLText.escape(error.description) + "</error>\n"
            + "    </testcase>\n"
    }
}

// MARK: - Test cases

extension JUnitReporter {
    struct CaseKey: Hashable {
        var ruleId: String
        var resource: String

    }

    /// One rule on one resource, and what its findings make of it.
    struct TestCase {
        enum Verdict { case pass, failure, skipped }

        var file: String
        var key: CaseKey
        var findings: [Finding]

        private var open: [Finding] { findings.filter { !$0.isSuppressed && !$0.cannotVerify } }
        private var unverified: [Finding] { findings.filter { !$0.isSuppressed && $0.cannotVerify } }
        private var suppressed: [Finding] { findings.filter(\.isSuppressed) }

        var verdict: Verdict {
            if !open.isEmpty { return .failure }
            return findings.isEmpty ? .pass : .skipped
        }

        /// Appends the `<testcase>` element; `classname` is the suite's file, already escaped for an attribute.
        func write(into out: inout [UInt8], classname: String) {
            out.appendUTF8("    <testcase name=\"")
            out.appendUTF8(XMLText.escape(key.ruleId, attribute: true))
            out.append(UInt8(ascii: " "))
            out.appendUTF8(XMLText.escape(key.resource, attribute: true))
            out.appendUTF8("\" classname=\"")
            out.appendUTF8(classname)
            out.appendUTF8("\" time=\"0\"")
            switch verdict {
            case .pass:
                out.appendUTF8("/>\n")
                return
            case .failure:
                let severity = open.map(\.severity).max() ?? .info
                let message = open.map(\.message).joined(separator: "; ")
                out.appendUTF8(">\n      <failure message=\"")
                out.appendUTF8(XMLText.escape(message, attribute: true))
                out.appendUTF8("\" type=\"")
                out.appendUTF8(severity.rawValue)
                out.appendUTF8("\">")
                out.appendUTF8(XMLText.escape(findings.map(Self.body).joined(separator: "\n\n")))
                out.appendUTF8("</failure>\n")
            case .skipped:
                let reasons = unverified.map { "cannot verify: " + $0.message }
                    + suppressed.map { Self.suppressionText($0.suppression!) }
                out.appendUTF8(">\n      <skipped message=\"")
                out.appendUTF8(XMLText.escape(reasons.joined(separator: "; "), attribute: true))
                out.appendUTF8("\">")
                out.appendUTF8(XMLText.escape(findings.map(Self.body).joined(separator: "\n\n")))
                out.appendUTF8("</skipped>\n")
            }
            out.appendUTF8("    </testcase>\n")
        }

        static func body(_ finding: Finding) -> String {
            var lines = ["\(finding.file):\(finding.line):\(finding.column) \(finding.severity.rawValue) \(finding.ruleId) [\(finding.resourceLabel)]",
                         finding.message]
            if let suppression = finding.suppression { lines.append(suppressionText(suppression)) }
            if finding.cannotVerify { lines.append("Status: cannot verify until apply") }
            lines.append("Remediation: " + finding.remediation)
            if !finding.controls.isEmpty { lines.append("Controls: " + finding.controls.joined(separator: ", ")) }
            // Each part is one line: a line break in a file name, resource or reason would start a line of its
            // own choosing in the failure text (`::notice …`, a forged verdict), as in the other formats.
            return lines.map(TerminalText.clean).joined(separator: "\n")
        }

        static func suppressionText(_ suppression: Suppression) -> String {
            "suppressed (\(suppression.kind.rawValue)\(suppression.location.map { ", " + $0 } ?? "")): \(suppression.justification)"
        }
    }
}
