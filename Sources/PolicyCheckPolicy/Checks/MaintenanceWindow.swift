import Foundation
import PolicyCheckSyntax

/// A weekly maintenance window such as `Sun 04:00-06:00 UTC`: a day, a time range (which may cross midnight) and a
/// time zone (`UTC`, `UTC+02:00`, or an IANA name such as `Europe/Berlin`).
struct MaintenanceWindow: Equatable {
    var day: Int
    var startMinute: Int
    var endMinute: Int
    var timeZone: String

    /// Length in minutes (a window crossing midnight wraps).
    var durationMinutes: Int {
        endMinute > startMinute ? endMinute - startMinute : endMinute + 1440 - startMinute
    }

    static let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let longDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Parses the window, or says what is wrong.
    static func parse(_ text: String) -> Result<MaintenanceWindow, WindowError> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 3 else {
            return .failure(.init("expected '<day> <HH:MM>-<HH:MM> <time zone>', e.g. 'Sun 04:00-06:00 UTC'"))
        }
        let dayText = parts[0].lowercased()
        guard let day = days.firstIndex(of: dayText) ?? longDays.firstIndex(of: dayText) else {
            return .failure(.init("'\(Excerpt.quote(parts[0]))' is not a day of the week (Mon … Sun)"))
        }
        let times = parts[1].split(separator: "-", omittingEmptySubsequences: false)
        guard times.count == 2, let start = minutes(times[0]), let end = minutes(times[1]) else {
            return .failure(.init("'\(Excerpt.quote(parts[1]))' is not a time range HH:MM-HH:MM (24-hour clock, 00:00–23:59)"))
        }
        guard start != end else { return .failure(.init("the time range '\(Excerpt.quote(parts[1]))' is empty")) }
        guard isTimeZone(parts[2]) else {
            return .failure(.init("'\(Excerpt.quote(parts[2]))' is not a time zone (UTC, UTC+02:00 or an IANA name such as Europe/Berlin)"))
        }
        return .success(MaintenanceWindow(day: day, startMinute: start, endMinute: end, timeZone: parts[2]))
    }

    /// HH:MM on a 24-hour clock, 00:00–23:59: a window ending at midnight ends at 00:00 (24:00 is not a time the
    /// platform's scheduler reads).
    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    private static func isTimeZone(_ text: String) -> Bool {
        if text == "UTC" || text == "GMT" || text == "Z" { return true }
        if slashlessZones.contains(text) { return TimeZone(identifier: text) != nil }
        for prefix in ["UTC", "GMT"] where text.hasPrefix(prefix) {
            let offset = text.dropFirst(prefix.count)
            guard let sign = offset.first, sign == "+" || sign == "-" else { return false }
            let digits = offset.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
            // Offsets in use run from UTC-12:00 to UTC+14:00.
            let most = sign == "+" ? 14 * 60 : 12 * 60
            guard (1...2).contains(digits.count), digits[0].count <= 2, digits[0].allSatisfy({ $0.isASCII && $0.isNumber }),
                  let hours = Int(digits[0]) else { return false }
            var minutes = 0
            if digits.count == 2 {
                guard digits[1].count == 2, digits[1].allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits[1]), value < 60 else { return false }
                minutes = value
            }
            return hours * 60 + minutes <= most
        }
        return (text.contains("/") || slashlessZones.contains(text)) && TimeZone(identifier: text) != nil
    }

    /// The tz database's zone and link names without a `/` (its `northamerica`, `europe`, `etcetera` and `backward`
    /// files): IANA names as much as `Europe/Berlin` is (tester, round 35: `UCT`, `CET`, `EST5EDT` were refused).
    /// Abbreviations that are no tz name (`PST`, `CEST`) stay refused: they name no zone.
    static let slashlessZones: Set<String> = [
        "CET", "CST6CDT", "EET", "EST", "EST5EDT", "HST", "MET", "MST", "MST7MDT", "PST8PDT", "WET", "UCT", "Universal",
        "Zulu", "GMT0", "GMT+0", "GMT-0", "Greenwich", "Cuba", "Egypt", "Eire", "GB", "GB-Eire", "Hongkong", "Iceland",
        "Iran", "Israel", "Jamaica", "Japan", "Kwajalein", "Libya", "NZ", "NZ-CHAT", "Navajo", "PRC", "Poland",
        "Portugal", "ROC", "ROK", "Singapore", "Turkey", "W-SU",
    ]

    struct WindowError: Error, Equatable {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
