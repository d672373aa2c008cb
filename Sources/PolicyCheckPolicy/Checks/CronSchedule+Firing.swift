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
        let trimmed = text.trimmingSpaces
        let isAWS = trimmed.hasPrefix("cron(")
        let inner = isAWS ? String(trimmed.dropFirst(5).dropLast()) : trimmed
        let parts = inner.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
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

    static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The values a valid field lists, or `nil` when it is open (`*`, `?`) or uses AWS's `L`, `W` or `#`.
    static func values(_ part: String, field: Field) -> [Int]? {
        if part.hasPrefix("*") || part == "?" { return nil }
        var result = Set<Int>()
        for item in part.split(separator: ",") {
            if item.contains("L") || item.contains("W") || item.contains("#") { return nil }
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
