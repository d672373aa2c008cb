import PolicyCheckSyntax

/// A backup schedule as a cron expression: the five fields of crontab (`0 3 * * *`: minute, hour, day of month,
/// month, day of week), or AWS's six-field `cron(0 5 ? * * *)` that AWS Backup takes (minute, hour, day of month,
/// month, day of week, year; `?` in one of the two day fields, `L`, `W` and `#` allowed)
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions,
/// https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRule.html).
enum CronSchedule {
    /// One field's name and the values it takes.
    struct Field {
        var name: String
        var range: ClosedRange<Int>
        var names: [String] = []
        /// The first name's value (`JAN` is 1; `SUN` is 0 in crontab, 1 in AWS).
        var firstNameValue = 1
    }

    static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    static let weekdays = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    static let crontab = [
        Field(name: "minute", range: 0...59), Field(name: "hour", range: 0...23),
        Field(name: "day of month", range: 1...31), Field(name: "month", range: 1...12, names: months),
        Field(name: "day of week", range: 0...7, names: weekdays, firstNameValue: 0),
    ]
    static let aws = [
        Field(name: "minute", range: 0...59), Field(name: "hour", range: 0...23),
        Field(name: "day of month", range: 1...31), Field(name: "month", range: 1...12, names: months),
        Field(name: "day of week", range: 1...7, names: weekdays), Field(name: "year", range: 1970...2199),
    ]

    /// `nil` when the schedule is valid, else what is wrong (one line).
    static func problem(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix("cron(") {
            guard trimmed.hasSuffix(")") else { return "an AWS cron expression ends with ')'" }
            let inner = String(trimmed.dropFirst(5).dropLast())
            return check(inner, fields: aws, form: "cron(<minute> <hour> <day of month> <month> <day of week> <year>)",
                         isAWS: true)
        }
        return check(trimmed, fields: crontab, form: "<minute> <hour> <day of month> <month> <day of week>", isAWS: false)
    }

    private static func check(_ text: String, fields: [Field], form: String, isAWS: Bool) -> String? {
        let parts = fieldsOf(text)
        guard parts.count == fields.count else {
            return "expected \(fields.count) fields, '\(form)', found \(parts.count)"
        }
        for (part, field) in zip(parts, fields) {
            if let problem = check(part, field: field, isAWS: isAWS) { return problem }
        }
        if isAWS, (parts[2] == "?") == (parts[4] == "?") {
            return "exactly one of day of month and day of week must be '?' in an AWS cron expression"
        }
        return nil
    }

    private static func check(_ part: String, field: Field, isAWS: Bool) -> String? {
        let isDay = field.name.hasPrefix("day")
        if isAWS, isDay, part == "?" { return nil }
        for item in part.split(separator: ",", omittingEmptySubsequences: false) {
            if isAWS, isDay, isSpecialDay(item, field: field) { continue }
            let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { return "'\(Excerpt.quote(part))' is not a valid \(field.name)" }
            if pieces.count == 2 {
                guard let step = Int(pieces[1]), step > 0, step <= field.range.upperBound else {
                    return "'\(Excerpt.quote(part))' has an invalid step for the \(field.name)"
                }
            }
            let base = pieces[0]
            if base == "*" { continue }
            let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count) else { return "'\(Excerpt.quote(part))' is not a valid \(field.name)" }
            var values: [Int] = []
            for bound in bounds {
                guard let value = self.value(bound, field: field) else {
                    return "'\(Excerpt.quote(String(bound)))' is not a valid \(field.name) (\(field.range.lowerBound)–\(field.range.upperBound)\(field.names.isEmpty ? "" : " or \(field.names.first!)–\(field.names.last!)"))"
                }
                values.append(value)
            }
            if values.count == 2, values[0] > values[1] {
                return "the \(field.name) range '\(Excerpt.quote(String(base)))' runs backwards"
            }
        }
        return nil
    }

    static func value(_ text: Substring, field: Field) -> Int? {
        if let index = field.names.firstIndex(of: text.uppercased()) { return index + field.firstNameValue }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text),
              field.range.contains(value) else { return nil }
        return value
    }

    /// AWS's `L` (last day, or `5L`: last Friday), `15W` (nearest weekday) and `6#3` (third Friday).
    private static func isSpecialDay(_ item: Substring, field: Field) -> Bool {
        if item == "L" || item == "LW" { return true }
        if item.hasSuffix("L") || item.hasSuffix("W") { return value(item.dropLast(), field: field) != nil }
        let parts = item.split(separator: "#", omittingEmptySubsequences: false)
        guard field.name == "day of week", parts.count == 2, let nth = Int(parts[1]), (1...5).contains(nth) else { return false }
        return value(parts[0], field: field) != nil
    }
}
