import Foundation
import PolicyCheckTestSupport
import Testing

/// The text report on standard output is written file by file as inputs are checked (`StreamedTextReport`); the
/// same report to a file is assembled whole. The two must be the same bytes, with the same exit code, whatever the
/// tree holds: streamed groups, groups a run cannot stream (modules, renders, Ingress classes of other files, waivers),
/// a baseline applied file by file,
/// errors of discovery and of reading, skips, inline ignores and their stale warnings.
@Suite struct StreamedTextReportTests {
    typealias CLI = PolicyCheckProcess

    /// Every fixture tree of the repository, and a few mixes of them with paths discovery cannot read.
    private static var trees: [[String]] {
        let kit = CLI.packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures").path
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: kit)) ?? []).sorted().map { "\(kit)/\($0)" }
        return [["samples"], [CLI.fixtures.path], ["samples", CLI.fixtures.path, "no/such/file.yaml"],
                ["samples/terraform-plan", "samples/cloudformation", "missing-dir", "samples/violations"],
                ["./samples//violations/", CLI.packageRoot.appendingPathComponent("samples/cloudformation").path]]
            + folders.map { [$0] }
    }

    @Test(arguments: trees)
    func aStreamedReportIsTheReportWrittenWhole(paths: [String]) throws {
        let file = try CLI.temporaryDirectory().appendingPathComponent("report.txt").path
        let options = ["--now", "2026-11-29", "--jobs", "2", "--fail-on", "high"]
        let streamed = try CLI.run(["check"] + paths + options)
        let whole = try CLI.run(["check"] + paths + options + ["--format", "text=\(file)"])
        #expect(streamed.status == whole.status)
        #expect(streamed.stdout == (try String(contentsOfFile: file, encoding: .utf8)))
        #expect(!streamed.stdout.isEmpty)
    }

    @Test func aReportWithWaiversIsTheReportWrittenWhole() throws {
        let waiver = { (rule: String, resource: String) in """
              - rule: \(rule)
                resource: \(resource)
                reason: accepted for the test
                requestedBy: alice@example.com
                approvedBy: bob@example.com
                approvedOn: 2026-06-01
                expires: 2027-01-31
            """ }
        // One waiver in use, one stale (said on standard error).
        let directory = try CLI.directory(with: [
            "waivers.yaml": "apiVersion: policycheck/v1\nkind: Waivers\nwaivers:\n"
                + [waiver("MMC-NET-001", "AdminSecurityGroup"), waiver("MMC-ENC-001", "no-such-resource")]
                    .joined(separator: "\n"),
        ])
        let file = directory.appendingPathComponent("report.txt").path
        let options = ["--now", "2026-11-29", "--waivers", directory.appendingPathComponent("waivers.yaml").path]
        let streamed = try CLI.run(["check", "samples"] + options)
        let whole = try CLI.run(["check", "samples"] + options + ["--format", "text=\(file)"])
        #expect(streamed.status == whole.status, "\(streamed.stderr)")
        #expect(streamed.stdout == (try String(contentsOfFile: file, encoding: .utf8)))
        #expect(streamed.stdout.contains("(waived: accepted for the test"))
        // (Written to a file, the report leaves its summary on standard error too.)
        #expect(streamed.stderr.contains("stale waiver (rule 'MMC-ENC-001', resource 'no-such-resource')"))
        #expect(whole.stderr.hasSuffix(streamed.stderr))
    }

    @Test func aBaselineRecordedFromARunThatCouldStreamCoversEveryFinding() throws {
        let baseline = try CLI.temporaryDirectory().appendingPathComponent("baseline.json").path
        let recorded = try CLI.run(["check", "samples", "--now", "2026-11-29", "--write-baseline", baseline])
        #expect(recorded.status == 1)
        #expect(recorded.stdout.contains(" critical MMC-"))
        let checked = try CLI.run(["check", "samples", "--now", "2026-11-29", "--baseline", baseline])
        #expect(checked.status == 0, "\(checked.stdout)")
        #expect(checked.stdout.contains("(in baseline"))
        #expect(!checked.stdout.contains("FAIL"))
    }

    @Test func aReportCheckedAgainstABaselineIsTheReportWrittenWhole() throws {
        let directory = try CLI.temporaryDirectory()
        let baseline = directory.appendingPathComponent("baseline.json").path
        let file = directory.appendingPathComponent("report.txt").path
        // Part of the run is recorded: its findings are "in baseline", the rest still fail.
        _ = try CLI.run(["check", "samples/violations", "--now", "2026-11-29", "--write-baseline", baseline])
        let options = ["--now", "2026-11-29", "--baseline", baseline, "--jobs", "2"]
        let streamed = try CLI.run(["check", "samples"] + options)
        let whole = try CLI.run(["check", "samples"] + options + ["--format", "text=\(file)"])
        #expect(streamed.status == 1 && whole.status == 1, "\(streamed.stderr)")
        #expect(streamed.stdout == (try String(contentsOfFile: file, encoding: .utf8)))
        #expect(streamed.stdout.contains("(in baseline"))
    }
}
