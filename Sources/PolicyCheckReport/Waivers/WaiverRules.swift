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
    /// The resource types the readers read (`TerraformReadTypes`, given by the caller): a resource glob that matches
    /// an address of each of them, at the root or in a module, waives every resource those readers judge, as `*`
    /// would (`aws_[a-y]*` left out only types no reader reads, reviewer round 33).
    public var judgedResourceTypes: [String]

    public init(evaluatedAt: Timestamp? = nil, inForceAt: Timestamp? = nil, allowBlanket: Bool = false,
                judgedResourceTypes: [String] = []) {
        self.evaluatedAt = evaluatedAt
        self.inForceAt = inForceAt
        self.allowBlanket = allowBlanket
        self.judgedResourceTypes = judgedResourceTypes
    }

    /// Whether a resource pattern is blanket (`isBlanketResource`), or matches an address of every judged type.
    func isBlanket(resource pattern: String) -> Bool {
        guard pattern.contains("*") else { return false }
        if Self.isBlanketResource(pattern) { return true }
        guard !judgedResourceTypes.isEmpty else { return false }
        return judgedResourceTypes.allSatisfy { Waiver.matches(pattern, "\($0).zq") }
            || judgedResourceTypes.allSatisfy { Waiver.matches(pattern, "module.q.\($0).zq") }
    }

    /// Whether a resource pattern matches every name of a kind: it matches every name of one of `probeFamilies`, or
    /// it has no literal character but those that separate the
    /// parts of every name of a kind — `/` of Kubernetes' `Kind/namespace/name` and native `deployment/component`,
    /// `.` of Terraform addresses, `:` and `"` — only `*`, `?` and bracket expressions (`*`, `**`, `?*`, `[a-z]*`,
    /// `*/*`, `*.*`, `*_*`, `*/*/*`). A hostile pull request's `*/*` waived every Kubernetes object unseen (tester, round 28).
    /// A backslash escapes the character after it (waivers match with `fnmatch`, which reads `\/` as `/`), so an
    /// escaped separator is still a separator (reviewer, round 28: `*\/*` passed).
    static func isBlanketResource(_ pattern: String) -> Bool {
        guard pattern.contains("*") else { return false }
        return hasOnlySeparators(pattern)
            || probeFamilies.contains { family in family.allSatisfy { Waiver.matches(pattern, $0) } }
    }

    /// Names of every kind a finding names, made of characters no rule of thumb would pick (`zq`, `k9`): a pattern
    /// that matches each name of one family matches, near enough, every name of that kind. Every Terraform AWS
    /// address holds `aws_`, so `*w*`, `*s*` and `aws_*` waive every AWS resource of a root module as `*` would
    /// (tester, round 33); each family is a set of real names of its kind, so a pattern that matches every real
    /// name matches them all.
    static let probeFamilies: [[String]] = [
        // Terraform resources of the root module, and of called modules.
        ["aws_zq.zq", "aws_xv.k9", "aws_jx.q[0]", #"aws_qz.w["k"]"#],
        ["module.q.aws_vz.j", #"module.zx["k"].module.y.aws_qj.k[1]"#],
        ["kubernetes_zq.zq", "kubernetes_xv_v1.k9[0]", "kubectl_zq.x"],
        // Kubernetes objects (`Kind/namespace/name`), CloudFormation logical IDs, native `deployment/component`.
        ["Service/zq/zq", "Ingress/xv/k9", "Gateway/jq/v", "NetworkPolicy/z/x", "Mattermost/q/j", "StorageClass/v/k"],
        ["Zq", "K9x", "Vj"],
        ["zq/zq", "xv-k9/j"],
    ]

    /// Whether the pattern has no literal character but `*`, `?`, bracket expressions and separators.
    private static func hasOnlySeparators(_ pattern: String) -> Bool {
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
        return true
    }

    /// Characters every name of some kind holds, which therefore select nothing: `/` (Kubernetes, native), `.`
    /// and `_` (every Terraform address: `aws_s3_bucket.logs`), `:` and `"`.
    static let nameSeparators: Set<Character> = ["/", ".", "_", ":", "\""]

    /// Whether a rule pattern matches every rule in force (a literal id never does, unless it is the only rule).
    static func isBlanketRule(_ pattern: String, ruleIds: [String]) -> Bool {
        Waiver.isGlob(pattern) && (isBlanketResource(pattern) || (ruleIds.count > 1 && ruleIds.allSatisfy { Waiver.matches(pattern, $0) }))
    }
}
