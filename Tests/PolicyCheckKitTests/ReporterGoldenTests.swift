import PolicyCheckKit
import Testing

/// Every reporter renders the fixed report exactly as its golden file (version and date as placeholders).
@Suite struct ReporterGoldenTests {
    static let goldens: [(ReportFormat, String)] = [
        (.text, "report.txt"), (.json, "report.json"), (.sarif, "report.sarif"),
        (.junit, "report.junit.xml"), (.github, "report.github.txt"), (.markdown, "report.md"),
    ]

    @Test(arguments: goldens)
    func rendersTheFixedReportAsItsGoldenFile(format: ReportFormat, file: String) throws {
        let report = GoldenReport.report
        let rendered = format.reporter().render(report)
        try Golden.expect(rendered, matches: file)
        #expect(format.reporter().render(report) == rendered, "rendering is not deterministic")
    }

    @Test func everyFormatHasAGoldenFile() {
        #expect(Set(Self.goldens.map(\.0)) == Set(ReportFormat.allCases))
    }

    @Test func colouredTextDiffersOnlyByEscapeSequences() {
        let coloured = TextReporter(colour: true).render(GoldenReport.report)
        #expect(coloured.contains("\u{1B}["))
        let stripped = coloured.replacing(/\x{1B}\[[0-9;]*m/, with: "")
        #expect(stripped == TextReporter().render(GoldenReport.report))
    }

    @Test func markdownFoldsLongFindingTables() {
        let folded = MarkdownReporter(collapseAfter: 3).render(GoldenReport.report)
        #expect(folded.contains("### Findings\n\n<details>\n<summary>4 findings</summary>\n\n| severity |"))
        #expect(!MarkdownReporter().render(GoldenReport.report).contains("<summary>4 findings</summary>"))
    }
}
