import ArgumentParser
import Foundation
import PolicyCheckKit

/// Writes a check report where the user asked: standard output, or a file (then the summary goes to stderr).
struct ReportOutput {
    var format: OutputFormatOption
    var output: String?

    func emit(_ report: CheckReport) throws {
        let colour = output == nil && format == .text && Console.stdoutSupportsColour
        let reporter = format.format.reporter(colour: colour)
        guard let output else {
            // Streamed in chunks: a report of any size is never held whole.
            let stream = ReportStream(fileDescriptor: STDOUT_FILENO)
            reporter.write(report, to: stream)
            stream.flush()
            return
        }
        do {
            try OutputFile.write(to: output) { stream in reporter.write(report, to: stream) }
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        // The report went to a file: keep the console informed.
        for error in report.errors { Console.error(error.description) }
        Console.error(TextReporter().summary(report))
    }
}

/// The evaluation time from `--now`, `SOURCE_DATE_EPOCH` or the clock; a bad value is a usage error (exit 2).
enum EvaluationTime {
    static func resolve(_ now: String?) throws -> Timestamp {
        do {
            return try EvaluationClock.resolve(now: now).0
        } catch {
            Console.error("error: \(error.message) (\(error.file))")
            throw ExitCode(2)
        }
    }
}
