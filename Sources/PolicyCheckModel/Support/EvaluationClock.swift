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
            guard seconds <= latestSourceDateEpoch else {
                throw Diagnostic(file: "SOURCE_DATE_EPOCH", location: nil,
                                 message: "'\(epoch)' is after 9999-12-31T23:59:59Z, the last time a report can write")
            }
            return (Timestamp(secondsSinceEpoch: seconds), .sourceDateEpoch)
        }
        return (clock(systemNow), .system)
    }

    /// 9999-12-31T23:59:59Z: a later `SOURCE_DATE_EPOCH` wrote `generatedAt` "10000-01-01T00:00:00Z", which
    /// `verify-report` accepted and `register push` refused without saying why (tester round 31).
    public static let latestSourceDateEpoch: Int64 = 253_402_300_799

    /// The time what expires (a waiver, a certificate, imported key material) is judged expired by: the evaluation
    /// time, or the clock when the evaluation time is `SOURCE_DATE_EPOCH`'s and earlier. `SOURCE_DATE_EPOCH` is
    /// usually the last commit's time, which the commit's author sets: an earlier one fixes the times a report
    /// writes, but never brings back a waiver or a certificate that has expired. `--now` is the operator's own
    /// choice, written in the pipeline, and is taken as given.
    public static func expiryTime(of time: Timestamp, source: Source, systemNow: () -> Date = Date.init) -> Timestamp {
        source == .sourceDateEpoch ? max(time, clock(systemNow)) : time
    }

    /// The time what must already be in force (a waiver's approval, a certificate's start of validity) is judged
    /// by: the evaluation time, or the clock when the evaluation time is `SOURCE_DATE_EPOCH`'s and later. A
    /// future-dated commit fixes the times a report writes, but never puts in force a waiver approved, or a
    /// certificate valid, only after today (tester round 32: `SOURCE_DATE_EPOCH` of 2028 passed a waiver approved
    /// for 2028-01-10, usable until 2029). `--now` is taken as given.
    public static func inForceTime(of time: Timestamp, source: Source, systemNow: () -> Date = Date.init) -> Timestamp {
        source == .sourceDateEpoch ? min(time, clock(systemNow)) : time
    }

    /// The clock's whole second.
    private static func clock(_ systemNow: () -> Date) -> Timestamp {
        Timestamp(secondsSinceEpoch: Int64(systemNow().timeIntervalSince1970.rounded(.down)))
    }
}
