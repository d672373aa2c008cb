import PolicyCheckModel

/// What a waiver file is judged against beyond its own text: the evaluation time, and whether blanket waivers are
/// accepted (docs/waivers.md, docs/security.md).
public struct WaiverRules: Sendable {
    /// A waiver approved after this time is invalid (`nil`: not checked, for tests of the file format alone).
    public var evaluatedAt: Timestamp?
    /// The clock's time when earlier than `evaluatedAt` (a later `SOURCE_DATE_EPOCH`): a waiver approved after it
    /// is invalid too (`EvaluationClock.inForceTime`).
    public var inForceAt: Timestamp?
    /// Accept waivers whose rule pattern matches every rule in force or whose resource pattern matches every
    /// resource (`--allow-blanket-waivers`).
    public var allowBlanket: Bool

    public init(evaluatedAt: Timestamp? = nil, inForceAt: Timestamp? = nil, allowBlanket: Bool = false) {
        self.evaluatedAt = evaluatedAt
        self.inForceAt = inForceAt
        self.allowBlanket = allowBlanket
    }

    /// Whether a resource pattern matches every name: it has no literal character but those that separate the
    /// parts of every name of a kind — `/` of Kubernetes' `Kind/namespace/name` and native `deployment/component`,
    /// `.` of Terraform addresses, `:` and `"` — only `*`, `?` and bracket expressions (`*`, `**`, `?*`, `[a-z]*`,
    /// `*/*`, `*.*`, `*_*`, `*/*/*`). A hostile pull request's `*/*` waived every Kubernetes object unseen (tester, round 28).
    /// A backslash escapes the character after it (waivers match with `fnmatch`, which reads `\/` as `/`), so an
    /// escaped separator is still a separator (reviewer, round 28: `*\/*` passed).
    static func isBlanketResource(_ pattern: String) -> Bool {
        var inBracket = false
        var escaped = false
        for character in pattern {
            if escaped {
                escaped = false
                if !Self.nameSeparators.contains(character) { return false }
            } else if inBracket {
                if character == "]" { inBracket = false }
            } else if character == "\\" {
                escaped = true
            } else if character == "[" {
                inBracket = true
            } else if character != "*" && character != "?" && !Self.nameSeparators.contains(character) {
                return false
            }
        }
        return pattern.contains("*")
    }

    /// Characters every name of some kind holds, which therefore select nothing: `/` (Kubernetes, native), `.`
    /// and `_` (every Terraform address: `aws_s3_bucket.logs`), `:` and `"`.
    static let nameSeparators: Set<Character> = ["/", ".", "_", ":", "\""]

    /// Whether a rule pattern matches every rule in force (a literal id never does, unless it is the only rule).
    static func isBlanketRule(_ pattern: String, ruleIds: [String]) -> Bool {
        Waiver.isGlob(pattern) && (isBlanketResource(pattern) || (ruleIds.count > 1 && ruleIds.allSatisfy { Waiver.matches(pattern, $0) }))
    }
}
