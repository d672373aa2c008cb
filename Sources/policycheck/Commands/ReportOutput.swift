import ArgumentParser
import PolicyCheckKit

/// Writes a check report in every requested format: files first (each atomically), then standard output. When
/// nothing goes to standard output, errors and the summary go to stderr so the console stays informed.
struct ReportOutput {
    var requests: [FormatRequest]

    func emit(_ report: CheckReport) throws {
        for request in requests {
            guard let file = request.file else { continue }
            do {
                try OutputFile.write(request.format.reporter().render(report), to: file)
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
        }
        if let request = requests.first(where: \.isStandardOutput) {
            let colour = request.format == .text && Console.stdoutSupportsColour
            Console.out(request.format.reporter(colour: colour).render(report))
        } else {
            for error in report.errors { Console.error(error.description) }
            Console.error(TextReporter().summary(report))
        }
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
