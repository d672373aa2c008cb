import PolicyCheckKit

/// Whole UTC days and ISO weeks (Monday first) from seconds since 1970, by integer arithmetic only.
enum DayClock {
    static func day(_ seconds: Int64) -> Int64 { seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400 }

    static func date(day: Int64) -> String { Timestamp(secondsSinceEpoch: day * 86_400).dateDescription }

    static func date(_ seconds: Int64) -> String { date(day: day(seconds)) }

    /// The Monday that starts the week holding `seconds` (1970-01-01 was a Thursday).
    static func weekStart(_ seconds: Int64) -> String {
        let day = day(seconds)
        let weekday = ((day + 3) % 7 + 7) % 7
        return date(day: day - weekday)
    }

    static func time(_ seconds: Int64) -> String { Timestamp(secondsSinceEpoch: seconds).description }

    /// Days with one decimal, rounded down (`3.5`), for durations.
    static func days(_ seconds: Int64) -> String {
        let tenths = max(0, seconds) * 10 / 86_400
        return "\(tenths / 10).\(tenths % 10)"
    }
}
