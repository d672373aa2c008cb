import PolicyCheckSyntax

/// A policy pack as loaded: metadata and compiled rules ready to evaluate.
public struct PolicyPack: Sendable {
    public var id: String
    public var version: String
    public var title: String
    /// Where the pack came from: a path, or `<embedded>` for the default pack.
    public var origin: String
    public var rules: [CompiledRule]
    /// Lowercase hex SHA-256 of the pack's bytes as loaded (the embedded text for the default pack).
    public var sha256: String?
    /// The pack this one `extends` (its id), if any; `rules` then holds the effective set, inherited rules included.
    public var extends: String?
    /// Inherited rules this pack switched off.
    public var disabled: [String] = []
    /// Inherited rules this pack changed, each with what it changed (`MMC-NET-001 severity critical → info`,
    /// `MMC-RES-001 parameters allowedRegions`): recorded in the evidence as `disabled` is — a pack that re-rated
    /// the world-open rule `info` left the bundle attributing the lowered rule to the default pack (tester round 31).
    public var overridden: [String] = []
    /// Changes the run's settings made to this pack's rules (`MMC-ENC-001 disabled (.policycheck.yaml:3:3)`): the
    /// pack's SHA-256 is of its bytes, so the evidence marks the pack modified by these.
    public var modifications: [String] = []

    public init(id: String, version: String, title: String, origin: String, rules: [CompiledRule]) {
        self.id = id
        self.version = version
        self.title = title
        self.origin = origin
        self.rules = rules
    }
}

/// A rule with its check instantiated from the rule's parameters.
public struct CompiledRule: Sendable {
    public var rule: PolicyRule
    public var check: any Check

    public init(rule: PolicyRule, check: any Check) {
        self.rule = rule
        self.check = check
    }
}

/// The rules of every pack in force, compiled once per run and shared by every file.
public struct CompiledPolicy: Sendable {
    public var packs: [PolicyPack]

    /// Whether a rule reads the source trees behind the model (custom rules, which may address `raw.<path>`);
    /// without one a run frees each document as soon as it is adapted.
    public var readsSourceNodes: Bool { rules.contains { $0.check is AssertionCheck } }

    public init(packs: [PolicyPack]) {
        self.packs = packs
    }

    /// Every rule, in pack order.
    public var rules: [CompiledRule] { packs.flatMap(\.rules) }

    /// The first rule with an id, in pack order (without copying every pack's rules into one array first).
    public func rule(id: String) -> CompiledRule? {
        for pack in packs {
            if let rule = pack.rules.first(where: { $0.rule.id == id }) { return rule }
        }
        return nil
    }
}
