import Foundation
import PolicyCheckKit

/// A text report on standard output written as inputs are checked (`CheckRun.streamsGroups`): each file's group as
/// soon as the groups before it are, then the rest and the summary once the run is assembled. The bytes are those
/// of the report written whole; a run of a thousand plans holds the findings of the files in flight, not of all.
///
/// Only the one text report on standard output streams, and not while the progress line shares the terminal or a
/// baseline is to be recorded from every finding.
final class StreamedTextReport: @unchecked Sendable {
    // Written to only from `CheckRun`'s group streamer, which calls one group at a time, and then from `finish`.
    private let stream = ReportStream(fileDescriptor: STDOUT_FILENO)
    private let reporter: TextReporter

    init?(requests: [FormatRequest], progressShown: Bool, writesBaseline: Bool) {
        guard requests.count == 1, let request = requests.first, request.isStandardOutput, request.format == .text,
              !progressShown, !writesBaseline else { return nil }
        reporter = TextReporter(colour: Console.stdoutSupportsColour)
    }

    func write(_ group: ReportGroup) {
        reporter.writeGroup(file: group.file, diagnostics: group.diagnostics, findings: group.findings, to: stream)
    }

    /// The groups the run did not stream (all of them, when it could not be), the skipped files and the summary.
    func finish(_ report: CheckReport) {
        reporter.write(report, to: stream)
        stream.flush()
    }
}
