import PolicyCheckModel

extension PropertyValue {
    /// A number of days: the shortest alternative (a parameter or condition may offer several), `absent` with its
    /// note when the property is not set, unknown when an alternative is not a known number.
    func days(absent: Int, absentNote: String? = nil) -> StoreSetting<Int> {
        if isAbsent { return StoreSetting(.known(absent), at: origin, note: absentNote) }
        if let numbers = integers(), let shortest = numbers.min() {
            // One of several (a parameter's allowed values): said, as `Default: 3653` beside "kept 1 day" reads as a bug.
            let note = Set(numbers).count > 1 ? worstCaseNote(worst: "\(shortest)") : nil
            return StoreSetting(.known(shortest), at: origin, note: note)
        }
        let reason = alternatives.first { $0.scalarText.flatMap { Int($0) } == nil }?
            .unknownReason(expected: "a number of days") ?? "it is not a number of days"
        return StoreSetting(.unknown(reason: reason), at: origin)
    }
}
