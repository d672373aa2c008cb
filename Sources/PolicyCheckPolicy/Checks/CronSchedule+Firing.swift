import Foundation
import PolicyCheckSyntax

/// Whether a valid schedule ever fires: `0 3 31 2 *` reads as a schedule and takes no backup, as no February has a
/// 31st (crontab matches a day when its day of month and month both match, unless day of week is restricted too,
/// when either day field may match, crontab(5); AWS cron reads one day field, the other being `?`,
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions).
/// An AWS schedule whose years are all past fires no more either.
extension CronSchedule {
    /// The days each month can have (February 29 in leap years).
    static let monthLengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// `nil` when the schedule (valid by `problem`) fires at some time from `year` on, else why it never does.
    static func neverFires(_ text: String, fromYear year: Int) -> String? {
        neverFires(text, from: (year, 1, 1))
    }

    /// `nil` when the schedule (valid by `problem`) fires on some day from `date` on (year, month, day; the day
    /// itself counts whatever its hour), else why it never does.
    static func neverFires(_ text: String, from date: (year: Int, month: Int, day: Int)) -> String? {
        let year = date.year
        let trimmed = text.trimmingSpaces
        let isAWS = trimmed.hasPrefix("cron(")
        let inner = isAWS ? String(trimmed.dropFirst(5).dropLast()) : trimmed
        let parts = fieldsOf(inner)
        let fields = isAWS ? aws : crontab
        guard parts.count == fields.count else { return nil }
        var years: [Int]?
        if isAWS, let listed = values(parts[5], field: fields[5]) {
            years = listed.filter { $0 >= year }
            if years!.isEmpty {
                return "its year\(listed.count == 1 ? "" : "s") \(listed.map(String.init).joined(separator: ", ")) "
                    + "\(listed.count == 1 ? "is" : "are") past"
            }
        }
        if let reason = dayReason(parts, isAWS: isAWS, fields: fields, years: years) { return reason }
        // Listed years are few: every day of them from now on is tried, which also finds dates already past in this
        // year and weekdays a month never has (`MON#5` in a February of four Mondays).
        if let years, !firesInListedYears(parts, years: years, from: date) {
            let listed = years.count <= 5 ? years.map(String.init).joined(separator: ", ")
                : "\(years.first!)–\(years.last!) (\(years.count) years)"
            return "no day it names falls on or after \(String(format: "%04d-%02d-%02d", date.year, date.month, date.day)) in its year\(years.count == 1 ? "" : "s") \(listed)"
        }
        return nil
    }

    /// Why no day of the schedule's day and month fields exists (`0 3 31 2 *`), `nil` when one does.
    private static func dayReason(_ parts: [String], isAWS: Bool, fields: [Field], years: [Int]?) -> String? {
        // Crontab: a restricted day of week fires on its days whatever the day of month. AWS: `?` leaves the
        // other day field to decide.
        if isAWS ? parts[2] == "?" : !parts[4].hasPrefix("*") { return nil }
        guard let days = values(parts[2], field: fields[2]), let months = values(parts[3], field: fields[3]) else {
            return nil
        }
        let dates = months.flatMap { month in days.filter { $0 <= monthLengths[month - 1] }.map { (month, $0) } }
        if dates.isEmpty {
            let named = months.map { monthNames[$0 - 1] }
            let dayText = days.count == 1 ? "\(days[0])"
                : days.dropLast().map(String.init).joined(separator: ", ") + " or \(days.last!)"
            return named.count == 1 ? "\(named[0]) has no day \(dayText)"
                : "no month it runs in (\(named.joined(separator: ", "))) has a day \(dayText)"
        }
        if dates.allSatisfy({ $0 == (2, 29) }), let years, !years.contains(where: Self.isLeapYear) {
            return "February 29 falls in none of its years"
        }
        return nil
    }

    /// An AWS schedule whose years are listed fires on some day of them from `date` on: each day of those years is
    /// tried (at most the 230 years AWS takes), with `L`, `W` and `#` read as EventBridge reads them (`L` the last day,
    /// or with a weekday the last such weekday; `15W` the weekday nearest the 15th within the month; `6#3` the third
    /// Friday).
    static func firesInListedYears(_ parts: [String], years: [Int], from date: (year: Int, month: Int, day: Int)) -> Bool {
        let months = values(parts[3], field: aws[3]) ?? Array(1...12)
        // The day fields read once (a field of thousands of items was read again for every day: 94 s; review,
        // round 36).
        let rules = parts[2] != "?" ? DayMatcher(dayOfMonth: parts[2]) : DayMatcher(dayOfWeek: parts[4])
        for year in years where year >= date.year {
            for month in months where (year, month) >= (date.year, date.month) {
                let length = month == 2 && !isLeapYear(year) ? 28 : monthLengths[month - 1]
                let first = year == date.year && month == date.month ? date.day : 1
                guard first <= length else { continue }
                for day in first...length {
                    let weekday = weekday(year: year, month: month, day: day)
                    if rules.matches(year: year, month: month, day: day, weekday: weekday, length: length) {
                        return true
                    }
                }
            }
        }
        return false
    }

    /// A day field's items merged, so a date is matched in constant time however many items the field lists (at
    /// most 31 days, 7 weekdays, 35 weekday-and-week pairs), as EventBridge reads them
    /// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions):
    /// `L` the last day of the month (in day of week: the week's last day, Saturday), `LW` the month's last weekday,
    /// `15W` the weekday nearest the 15th, `5L` the month's last Thursday, `6#3` its third Friday.
    struct DayMatcher {
        var any = false, lastDay = false, lastWeekdayOfMonth = false
        var nearest: Set<Int> = [], days: Set<Int> = [], weekdays: Set<Int> = [], lastOf: Set<Int> = []
        /// Weekday × 10 + week of the month.
        var nth: Set<Int> = []

        init(dayOfMonth field: String) {
            for item in field.split(separator: ",") {
                if item.hasPrefix("*") { any = true
                } else if item == "L" { lastDay = true
                } else if item == "LW" { lastWeekdayOfMonth = true
                } else if item.hasSuffix("W"), let target = Int(item.dropLast()) { nearest.insert(target)
                } else if let listed = CronSchedule.values(String(item), field: CronSchedule.aws[2]) { days.formUnion(listed) }
            }
        }

        init(dayOfWeek field: String) {
            let week = CronSchedule.aws[4]
            for item in field.split(separator: ",") {
                let hash = item.split(separator: "#")
                if item.hasPrefix("*") { any = true
                } else if item == "L" { weekdays.insert(7)
                } else if item.hasSuffix("L"), let wanted = CronSchedule.value(item.dropLast(), field: week) { lastOf.insert(wanted)
                } else if hash.count == 2, let wanted = CronSchedule.value(hash[0], field: week), let week = Int(hash[1]) {
                    nth.insert(wanted * 10 + week)
                } else if let listed = CronSchedule.values(String(item), field: week) { weekdays.formUnion(listed) }
            }
        }

        func matches(year: Int, month: Int, day: Int, weekday: Int, length: Int) -> Bool {
            if any || days.contains(day) || weekdays.contains(weekday) { return true }
            if lastDay && day == length { return true }
            if day + 7 > length && lastOf.contains(weekday) { return true }
            if nth.contains(weekday * 10 + (day - 1) / 7 + 1) { return true }
            if lastWeekdayOfMonth, day == (0..<3).map({ length - $0 }).first(where: {
                (2...6).contains(CronSchedule.weekday(year: year, month: month, day: $0))
            }) { return true }
            return nearest.contains {
                day == CronSchedule.nearestWeekday(to: min($0, length), year: year, month: month, length: length)
            }
        }
    }

    /// The weekday of a date as AWS numbers it: 1 Sunday … 7 Saturday (days counted from 1970-01-01, a Thursday).
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return ((days % 7 + 7 + 4) % 7) + 1
    }

    /// The weekday nearest a day within its month (`15W`): a Saturday moves to Friday, a Sunday to Monday, never
    /// across the month's ends.
    static func nearestWeekday(to target: Int, year: Int, month: Int, length: Int) -> Int {
        switch weekday(year: year, month: month, day: target) {
        case 7: return target == 1 ? 3 : target - 1
        case 1: return target == length ? target - 2 : target + 1
        default: return target
        }
    }

    /// A schedule's fields, apart at spaces or tabs (crontab(5): "separated by spaces or tabs").
    static func fieldsOf(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// Whether an item is one of AWS's specials (`L`, `LW`, `5L`, `15W`, `6#3`) rather than a value or a name that
    /// holds those letters (`WED`, `JUL`: final review, round 36, read them as specials and `WED` as never firing).
    static func isSpecial(_ item: Substring) -> Bool {
        if item == "L" || item == "LW" || item.contains("#") { return true }
        guard item.hasSuffix("L") || item.hasSuffix("W") else { return false }
        let rest = item.dropLast()
        return !rest.isEmpty && rest.allSatisfy(\.isNumber)
    }

    /// The values a valid field lists, or `nil` when it is open (`*`, `?`) or uses AWS's `L`, `W` or `#`.
    static func values(_ part: String, field: Field) -> [Int]? {
        if part.hasPrefix("*") || part == "?" { return nil }
        var result = Set<Int>()
        for item in part.split(separator: ",") {
            if isSpecial(item) { return nil }
            let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
            let step = pieces.count == 2 ? Int(pieces[1]) ?? 1 : 1
            let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
            guard let low = value(bounds[0], field: field) else { return nil }
            let high = bounds.count == 2 ? value(bounds[1], field: field) : (pieces.count == 2 ? field.range.upperBound : low)
            guard let high, low <= high, step > 0 else { return nil }
            result.formUnion(stride(from: low, through: high, by: step))
        }
        return result.sorted()
    }
}
