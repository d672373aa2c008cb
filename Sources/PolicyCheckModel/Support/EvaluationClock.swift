import Foundation

/// Decides the evaluation time once per run: `--now`, else `SOURCE_DATE_EPOCH`, else the system clock.
/// Nothing below the command line reads the clock; rules get the result through `CheckContext`.
public enum EvaluationClock {
    public enum Source: String, Sendable {
        case option = "--now"
        case sourceDateEpoch = "SOURCE_DATE_EPOCH"
        case system = "system clock"
    }

    /// The evaluation time and where it came from.
    public static func resolve(now: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               systemNow: () -> Date = Date.init) throws(Diagnostic) -> (Timestamp, Source) {
        if let now {
            guard let time = Timestamp(iso8601: now) else {
                throw Diagnostic(file: "--now", location: nil,
                                 message: "'\(now)' is not an ISO 8601 date or date-time (e.g. 2026-11-29 or 2026-11-29T12:00:00Z)")
            }
            return (time, .option)
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int64(epoch), seconds >= 0 else {
                throw Diagnostic(file: "SOURCE_DATE_EPOCH", location: nil,
                                 message: "'\(epoch)' is not a whole number of seconds since 1970-01-01")
            }
            return (Timestamp(secondsSinceEpoch: seconds), .sourceDateEpoch)
        }
        return (Timestamp(secondsSinceEpoch: Int64(systemNow().timeIntervalSince1970.rounded(.down))), .system)
    }
}
