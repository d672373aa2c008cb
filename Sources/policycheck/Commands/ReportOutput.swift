import ArgumentParser
import Foundation
import PolicyCheckKit

/// Writes a check report in every requested format: files first (each atomically), then standard output. When
/// nothing goes to standard output, errors, warnings and the summary go to stderr so the console stays informed.
struct ReportOutput {
    var requests: [FormatRequest]

    /// Whether `emit` shows the run's warnings to the person at the console: in the report on standard output when
    /// people read its format (text, GitHub, Markdown), or on standard error with the summary when no report goes
    /// to standard output. A machine format there (JSON, SARIF, JUnit) leaves them to be said on standard error.
    var saysWarnings: Bool { requests.first(where: \.isStandardOutput)?.format.isReadByPeople ?? true }

    func emit(_ report: CheckReport) throws {
        for request in requests {
            guard let file = request.file else { continue }
            let reporter = request.format.reporter()
            do {
                try OutputFile.write(to: file) { stream in reporter.write(report, to: stream) }
            } catch {
                throw CommandFailure(error)
            }
        }
        if let request = requests.first(where: \.isStandardOutput) {
            let colour = request.format == .text && Console.stdoutSupportsColour
            // Streamed in chunks: a report of any size is never held whole.
            let stream = ReportStream(fileDescriptor: STDOUT_FILENO)
            request.format.reporter(colour: colour).write(report, to: stream)
            stream.flush()
        } else {
            for diagnostic in report.errors + report.warnings { Console.error(diagnostic.description) }
            Console.error(TextReporter().summary(report))
        }
    }
}

/// The evaluation time from `--now`, `SOURCE_DATE_EPOCH` or the clock; a bad value is a usage error (exit 2).
enum EvaluationTime {
    static func resolve(_ now: String?) throws -> Timestamp {
        try resolveWithBounds(now).time
    }

    /// The evaluation time, the time what expires is judged expired by (`EvaluationClock.expiryTime`: the clock,
    /// when an earlier `SOURCE_DATE_EPOCH` gives the evaluation time), and the time what must be in force already
    /// is judged by (`EvaluationClock.inForceTime`: the clock, when a later one does).
    static func resolveWithBounds(_ now: String?) throws -> (time: Timestamp, expiry: Timestamp, inForce: Timestamp) {
        do {
            let (time, source) = try EvaluationClock.resolve(now: now)
            return (time, EvaluationClock.expiryTime(of: time, source: source),
                    EvaluationClock.inForceTime(of: time, source: source))
        } catch {
            throw CommandFailure("error: \(error.message) (\(error.file))")
        }
    }
}
