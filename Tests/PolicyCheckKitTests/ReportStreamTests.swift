import Foundation
import PolicyCheckTestSupport
import PolicyCheckKit
import Testing

/// Reports are streamed in chunks to files and standard output; the bytes must be exactly those of `render`.
@Suite struct ReportStreamTests {
    /// A report with enough findings to span many 64 KiB chunks, some with text that needs JSON escapes.
    static func largeReport() -> CheckReport {
        let severities: [Severity] = [.critical, .high, .medium, .low, .info]
        var findings: [Finding] = []
        for number in 0..<3000 {
            let file = "plans/plan-\(number / 100).json"
            var finding = Finding(
                ruleId: "MMC-ENC-00\(number % 3)", title: "Ensure \"quoted\" things", category: .encryption,
                severity: severities[number % severities.count], resource: "aws_db_instance.r\(number)", file: file,
                line: 1, column: number * 7 + 1, path: "resource_changes[\(number)].change.after.kms_key_id",
                message: number % 10 == 0 ? "tab\there, newline\nthere, é, \u{2028}, 😀" : "plain message \(number)",
                remediation: "Fix it.", controls: ["SOC2:CC6.1"], cannotVerify: number % 11 == 0)
            if number % 13 == 0 { finding.suppression = Suppression(kind: .waiver, justification: "known \\ debt") }
            findings.append(finding)
        }
        let errors = [Diagnostic(file: "plans/plan-3.json", location: nil, message: "cannot read file")]
        return CheckReport(
            toolVersion: "test", evaluatedAt: Timestamp(secondsSinceEpoch: 1_795_910_400), failOn: .low,
            packs: [PackSummary(id: "p", version: "1", origin: "<embedded>", ruleCount: 3)],
            filesChecked: (0..<30).map { "plans/plan-\($0).json" }, filesSkipped: [], deploymentCount: 30,
            findings: findings, errors: errors, outcomes: [])
    }

    static let reporters: [any Reporter] = [TextReporter(), TextReporter(colour: true), JSONReporter(), SARIFReporter(),
                                            JUnitReporter()]

    @Test(arguments: reporters.indices)
    func streamingToAFileWritesTheRenderedBytes(_ index: Int) throws {
        let reporter = Self.reporters[index]
        let report = Self.largeReport()
        let rendered = reporter.render(report)
        #expect(rendered.utf8.count > 4 * (1 << 16))
        let path = ScratchFolder.path("report").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try OutputFile.write(to: path) { stream in reporter.write(report, to: stream) }
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == Data(rendered.utf8))
    }

    @Test func theJSONReportStaysValidAndKeepsEveryFinding() throws {
        let report = Self.largeReport()
        let object = try JSONSerialization.jsonObject(with: Data(JSONReporter().render(report).utf8)) as? [String: Any]
        let findings = try #require(object?["findings"] as? [[String: Any]])
        #expect(findings.count == 3000)
        #expect(findings[0]["message"] as? String == "tab\there, newline\nthere, é, \u{2028}, 😀")
        #expect(findings[13]["status"] as? String == "suppressed")
    }

    @Test func writerEscapesExactlyWhatJSONNeeds() {
        var json = JSONWriter(pretty: false)
        json.beginArray()
        for text in ["plain", "quote \" backslash \\", "nl\n cr\r tab\t bell\u{07} del\u{7F}", "é € 😀", "sep\u{2028}\u{2029}", "…"] {
            json.string(text)
        }
        json.endArray()
        #expect(json.writtenText == #"["plain","quote \" backslash \\","nl\n cr\r tab\t bell\u0007 del\u007f","é € 😀","sep\u2028\u2029","…"]"#)
    }

    @Test func countsAgreeWithTheFindings() {
        let report = Self.largeReport()
        for (severity, count) in report.countsBySeverity {
            #expect(count == report.findings.filter { $0.severity == severity }.count)
        }
        #expect(report.countsBySeverity.map(\.0) == [.critical, .high, .medium, .low, .info])
        #expect(report.failingCount == report.failingFindings.count)
        #expect(report.failingCount > 0 && report.failingCount < report.findings.count)
    }

    @Test("small and chunk-sized pieces, bytes and text, land in the file in the order written")
    func piecesOfEverySizeLandInOrder() throws {
        let path = ScratchFolder.path("pieces").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var expected: [UInt8] = []
        let sizes = [1, 70_000, 3, 65_536, 65_535, 0, 200_000, 10, 1 << 16 - 2, 5]
        try OutputFile.write(to: path) { stream in
            for (number, size) in sizes.enumerated() {
                let piece = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ number) & 0x7F }
                if number % 2 == 0 {
                    stream.write(piece)
                } else {
                    stream.write(String(decoding: piece, as: UTF8.self))
                }
                expected += piece
            }
        }
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == Data(expected))
    }

    @Test func aStreamToABadDescriptorReportsTheFailure() {
        let stream = ReportStream(fileDescriptor: -1)
        stream.write("text")
        stream.flush()
        #expect(stream.failed)
    }
}
