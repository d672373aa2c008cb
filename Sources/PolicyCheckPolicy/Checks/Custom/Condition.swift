/// A custom rule's condition tree: comparisons combined with `all`, `any` and `not`.
///
/// Only `not` is indirect: comparisons are stored inline, because a boxed payload's pointer carries the enum's tag in
/// its spare bits, which LeakSanitizer cannot follow (it reported every compiled comparison as leaked).
public enum Condition: Sendable {
    case all([Condition])
    case any([Condition])
    indirect case not(Condition)
    case compare(Comparison)

    /// The outcome of a condition on one resource, and the comparisons that decided it.
    public struct Result: Sendable {
        public enum Verdict: Sendable { case pass, fail, unknown }

        public var verdict: Verdict
        public var witnesses: [Witness]
    }

    /// A comparison that decided a result: the attribute it read and why it decided so.
    public struct Witness: Sendable {
        public var path: String
        public var attribute: Attribute?
        /// Why the value is unknown, when it is.
        public var unknownReason: String?
        let comparison: Comparison
        let negated: Bool

        /// "'encryption.algorithm' is 'AES256'; expected it to be 'aws:kms'". Written only when a message shows it:
        /// most comparisons pass, and a passing one over a 10,000-item list rendered the list for every resource.
        public var explanation: String { comparison.explain(attribute, negated: negated) }
    }

    /// Evaluates the condition; under `negated`, as its negation (De Morgan), so witnesses explain the negation.
    public func evaluate(_ resource: CustomResource, negated: Bool = false) -> Result {
        switch self {
        case .not(let inner):
            return inner.evaluate(resource, negated: !negated)
        case .all(let children):
            let results = children.map { $0.evaluate(resource, negated: negated) }
            return negated ? Self.disjunction(results) : Self.conjunction(results)
        case .any(let children):
            let results = children.map { $0.evaluate(resource, negated: negated) }
            return negated ? Self.conjunction(results) : Self.disjunction(results)
        case .compare(let comparison):
            let attribute = resource.attribute(comparison.path)
            var witness = Witness(path: comparison.path, attribute: attribute, comparison: comparison, negated: negated)
            switch comparison.test(attribute) {
            case .yes: return Result(verdict: negated ? .fail : .pass, witnesses: [witness])
            case .no: return Result(verdict: negated ? .pass : .fail, witnesses: [witness])
            case .unknown(let reason):
                witness.unknownReason = reason
                return Result(verdict: .unknown, witnesses: [witness])
            }
        }
    }

    /// Every child must pass: the failures (else the unknowns) explain the result.
    private static func conjunction(_ results: [Result]) -> Result {
        let failed = results.filter { $0.verdict == .fail }
        if !failed.isEmpty { return Result(verdict: .fail, witnesses: failed.flatMap(\.witnesses)) }
        let unknown = results.filter { $0.verdict == .unknown }
        if !unknown.isEmpty { return Result(verdict: .unknown, witnesses: unknown.flatMap(\.witnesses)) }
        return Result(verdict: .pass, witnesses: results.flatMap(\.witnesses))
    }

    /// One child must pass: the passes (else the unknowns, else every failure) explain the result.
    private static func disjunction(_ results: [Result]) -> Result {
        let passed = results.filter { $0.verdict == .pass }
        if !passed.isEmpty { return Result(verdict: .pass, witnesses: passed.flatMap(\.witnesses)) }
        let unknown = results.filter { $0.verdict == .unknown }
        if !unknown.isEmpty { return Result(verdict: .unknown, witnesses: unknown.flatMap(\.witnesses)) }
        return Result(verdict: .fail, witnesses: results.flatMap(\.witnesses))
    }
}
