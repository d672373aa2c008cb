import PolicyCheckModel

/// What a waiver file is judged against beyond its own text: the evaluation time, and whether blanket waivers are
/// accepted (docs/waivers.md, docs/security.md).
public struct WaiverRules: Sendable {
    /// A waiver approved after this time is invalid (`nil`: not checked, for tests of the file format alone).
    public var evaluatedAt: Timestamp?
    /// Accept waivers whose rule pattern matches every rule in force or whose resource pattern matches every
    /// resource (`--allow-blanket-waivers`).
    public var allowBlanket: Bool

    public init(evaluatedAt: Timestamp? = nil, allowBlanket: Bool = false) {
        self.evaluatedAt = evaluatedAt
        self.allowBlanket = allowBlanket
    }

    /// Whether a resource pattern matches every name: it has no literal character, only `*`, `?` and bracket
    /// expressions (`*`, `**`, `?*`, `[a-z]*`).
    static func isBlanketResource(_ pattern: String) -> Bool {
        var inBracket = false
        for character in pattern {
            if inBracket {
                if character == "]" { inBracket = false }
            } else if character == "[" {
                inBracket = true
            } else if character != "*" && character != "?" {
                return false
            }
        }
        return pattern.contains("*")
    }

    /// Whether a rule pattern matches every rule in force (a literal id never does, unless it is the only rule).
    static func isBlanketRule(_ pattern: String, ruleIds: [String]) -> Bool {
        Waiver.isGlob(pattern) && (isBlanketResource(pattern) || (ruleIds.count > 1 && ruleIds.allSatisfy { Waiver.matches(pattern, $0) }))
    }
}
