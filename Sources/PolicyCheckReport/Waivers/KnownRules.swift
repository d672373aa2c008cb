import PolicyCheckModel

/// The ids of the rules in force, prepared once for the waivers and inline ignores that name them: a set to find a
/// name in, and candidates for "did you mean". Searching the list for each name, and preparing the candidates for
/// each unknown one, made 10,000 ignores against 10,000 rules quadratic.
public struct KnownRules: Sendable {
    public let ids: [String]
    private let set: Set<String>
    private let suggestions: Suggestion.Candidates

    public init(_ ids: [String]) {
        self.ids = ids
        set = Set(ids)
        suggestions = Suggestion.Candidates(ids)
    }

    public func contains(_ id: String) -> Bool {
        set.contains(id)
    }

    /// " (did you mean 'x'?)" for an unknown id, or an empty string.
    public func suggestion(for unknown: String) -> String {
        suggestions.clause(for: unknown)
    }
}
