import Foundation
import PolicyCheckRegister
import Testing

/// The pages an auditor reads and prints, in a real browser (Debian's Chromium, headless): report.html for samples/
/// and a period report, measured at a 1280-pixel window and at the printable width of A4 (182 mm ≈ 688 px), then
/// screenshotted and printed to PDF. Skipped, with the reason shown, where Chromium is not installed.
@Suite(.enabled(if: Chromium.path != nil, "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it): browser page tests skipped"))
struct BrowserPageTests {

    /// Where the screenshots and PDFs are left for a person to look at (POLICYCHECK_PAGE_ARTIFACTS), else a temp folder.
    static func artifacts() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["POLICYCHECK_PAGE_ARTIFACTS"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return URL(fileURLWithPath: path)
        }
        return try TemporaryFolder.make()
    }

    @Test func runReportForSamplesFitsTheWindowAndThePrintedPage() throws {
        let out = try TemporaryFolder.make().appendingPathComponent("bundle")
        let report = try Shell.run(Shell.policycheck, ["report", "samples", "--out", out.path], environment: ["SOURCE_DATE_EPOCH": "1735689600"],
                                   in: BundleFactory.packageRoot)
        try #require(report.status == 1, "report: \(report.stderr)")
        try Self.check(out.appendingPathComponent("report.html"), name: "run-report")
    }

    @Test func periodReportFitsTheWindowAndThePrintedPage() throws {
        let factory = try BundleFactory()
        let register = try TemporaryFolder.make().appendingPathComponent("r.sqlite").path
        var bundles = try factory.chain("acme/platform-infrastructure-with-a-long-name", count: 30, prefix: "p")
        bundles += try factory.chain("acme/web", count: 5, prefix: "w", from: BundleFactory.epoch + 86_400 * 3)
        let push = try Shell.run(Shell.policycheck, ["register", "push"] + bundles + ["--register", register])
        try #require(push.status == 0, "push: \(push.stderr)")
        let out = try TemporaryFolder.make().appendingPathComponent("period")
        let audit = try Shell.run(Shell.policycheck, ["audit", "--from", "2025-01-01", "--to", "2025-01-31", "--register", register, "--out", out.path])
        try #require(audit.status == 0, "audit: \(audit.stderr)")
        try Self.check(out.appendingPathComponent("report.html"), name: "period-report")
    }

    /// The lifecycle's widest rows: findings past their SLA and not evaluated since, with long resources and files,
    /// a suppression, and runs without an input list.
    @Test func periodReportWithFindingsNotEvaluatedFitsTheWindowAndThePrintedPage() async throws {
        let start = FindingLifecycleTests.start, day = FindingLifecycleTests.day
        let period = FindingLifecycleTests.period
        var first = RunFactory.run("run-0", repository: "acme/platform-infrastructure-with-a-long-name", at: start, inputs: nil)
        var findings: [RunRecord.Finding] = []
        for (index, fingerprint) in ["fp-a", "fp-b", "fp-c"].enumerated() {
            var finding = RunFactory.finding(fingerprint, severity: index == 0 ? "critical" : "high", suppression: index == 2 ? "inline" : nil)
            finding.resource = "module.network.aws_security_group.database_ingress_from_the_application_tier_\(index)"
            finding.file = "infrastructure/environments/production/eu-central-1/network/security-groups-\(index).tf"
            findings.append(finding)
        }
        first.findings = findings
        var runs = [first]
        for index in 1...20 {
            runs.append(RunFactory.run("run-\(index)", repository: first.repository, at: start + Int64(index) * day, previous: runs.last,
                                       inputs: index < 3 ? nil : RunFactory.inputs(["infrastructure/environments/staging"])))
        }
        let register = try await Engine.sqlite.freshRegister()
        _ = try await register.push(runs)
        let report = PeriodReport(try await PeriodLoader.load(register, period: period), period: period)
        await register.close()
        #expect(report.lifecycle.episodes.map(\.state) == [.notEvaluated, .notEvaluated, .notEvaluated])
        let out = try TemporaryFolder.make()
        for file in try PeriodBundle.make(report, toolVersion: "test") {
            try Data(file.bytes).write(to: out.appendingPathComponent(file.name))
        }
        try Self.check(out.appendingPathComponent("report.html"), name: "period-report-not-evaluated")
    }

    /// Measures the page's layout in Chromium at both widths, then leaves a screenshot and a PDF.
    static func check(_ page: URL, name: String) throws {
        let chromium = try #require(Chromium.path)
        let folder = try artifacts()
        // A copy of the page with a script that records how wide the layout is: the page itself has no scripts.
        let probe = folder.appendingPathComponent("\(name)-probe.html")
        let html = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "</body>", with: """
            <script>
            const right = Math.max(...[...document.querySelectorAll('table, pre, dl, section')].map(e => e.getBoundingClientRect().right));
            const cells = [...document.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1).length;
            document.body.setAttribute('data-layout', document.documentElement.scrollWidth + ' ' + Math.ceil(right) + ' ' + cells);
            </script>
            </body>
            """)
        try html.write(to: probe, atomically: true, encoding: .utf8)
        for width in [1280, 688] {
            let dump = try Shell.run(chromium, flags + ["--window-size=\(width),1000", "--dump-dom", probe.absoluteString])
            let layout = try #require(dump.stdout.firstMatch(of: /data-layout="(\d+) (\d+) (\d+)"/), "no layout from Chromium: \(dump.stderr.prefix(300))")
            #expect(Int(layout.1)! <= width, "\(name): the page is \(layout.1) px wide in a \(width) px window")
            #expect(Int(layout.2)! <= width, "\(name): a table or section ends at \(layout.2) px in a \(width) px window")
            #expect(Int(layout.3)! == 0, "\(name): \(layout.3) table cells overflow their column at \(width) px")
        }
        let png = folder.appendingPathComponent("\(name)-1280.png")
        let pdf = folder.appendingPathComponent("\(name).pdf")
        _ = try Shell.run(chromium, flags + ["--window-size=1280,1600", "--screenshot=\(png.path)", page.absoluteString])
        _ = try Shell.run(chromium, flags + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString])
        let pngBytes = try #require(FileManager.default.contents(atPath: png.path))
        let pdfBytes = try #require(FileManager.default.contents(atPath: pdf.path))
        #expect(pngBytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(pdfBytes.starts(with: Array("%PDF".utf8)))
    }

    static let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                        "--disable-dev-shm-usage", "--virtual-time-budget=2000"]
}

/// Debian's Chromium, when installed.
enum Chromium {
    static let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
