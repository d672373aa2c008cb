import PolicyCheckModel

/// One violation of one rule by one resource, with everything a reviewer needs to act on it.
///
/// A value type whose fields live in one shared, copy-on-write box (`CopyOnWriteFields`): a finding is copied (into
/// an evaluation, a file's result, the run's list, a report) and its lists sorted many times, and a box makes each
/// of those one reference instead of fifteen fields and a dozen references (a 100,000-finding run moved 21 MB per
/// copy).
public struct Finding: Sendable, Hashable {
    public var ruleId: String {
        get { storage.fields.rule.fields.ruleId }
        _modify { yield &storage.fields.rule.fields.ruleId }
    }
    public var title: String {
        get { storage.fields.rule.fields.title }
        _modify { yield &storage.fields.rule.fields.title }
    }
    public var category: RuleCategory {
        get { storage.fields.rule.fields.category }
        _modify { yield &storage.fields.rule.fields.category }
    }
    public var severity: Severity {
        get { storage.fields.severity }
        _modify { yield &storage.fields.severity }
    }
    /// The resource as its author names it, e.g. `acme-prod/database` or `module.db.aws_rds_cluster.main`.
    public var resource: String {
        get { storage.fields.resource }
        _modify { yield &storage.fields.resource }
    }
    public var file: String {
        get { storage.fields.file }
        _modify { yield &storage.fields.file }
    }
    public var line: Int {
        get { storage.fields.line }
        _modify { yield &storage.fields.line }
    }
    public var column: Int {
        get { storage.fields.column }
        _modify { yield &storage.fields.column }
    }
    /// The column in UTF-16 code units (SARIF's default `columnKind`); equals `column` on ASCII lines.
    public var utf16Column: Int {
        get { storage.fields.utf16Column }
        _modify { yield &storage.fields.utf16Column }
    }
    /// Path to the offending value inside the document (kept as its origin spells it: see `PathSpelling`).
    public var path: String {
        get { storage.fields.path.text }
        set { storage.fields.path = PathSpelling(newValue) }
    }
    /// The offending value's source text (at most 256 bytes), `nil` for a collection, a missing value, or a
    /// key-material finding (whose value may be a secret); part of the fingerprint.
    public var value: String? {
        get { storage.fields.value }
        _modify { yield &storage.fields.value }
    }

    /// Whether the offending value is withheld as sensitive (`SensitiveValues.placeholder` stands for it, with or
    /// without a scope): its fingerprint then cannot tell one value from another, so no baseline may cover it.
    /// So is a finding whose message was withheld (`Evaluator.withheld`): its value was reached elsewhere — an
    /// `SslPolicy: !Ref Pol` of a `NoEcho` parameter, whose text at the place is `Pol` (reviewer, round 29).
    public var valueIsWithheld: Bool {
        if message.hasPrefix("'\(SensitiveValues.placeholder)' fails: ") { return true }
        guard let value, value.hasPrefix(SensitiveValues.placeholder) else { return false }
        return value.utf8.count == SensitiveValues.placeholder.utf8.count
            || value.utf8.dropFirst(SensitiveValues.placeholder.utf8.count).first == 0
    }
    /// What is wrong and what was expected.
    public var message: String {
        get { storage.fields.message }
        _modify { yield &storage.fields.message }
    }
    public var remediation: String {
        get { storage.fields.rule.fields.remediation }
        _modify { yield &storage.fields.rule.fields.remediation }
    }
    public var controls: [String] {
        get { storage.fields.rule.fields.controls }
        _modify { yield &storage.fields.rule.fields.controls }
    }
    /// Whether the check could not decide (a value unknown until apply): reported, never a pass.
    public var cannotVerify: Bool {
        get { storage.fields.cannotVerify }
        _modify { yield &storage.fields.cannotVerify }
    }
    /// The deployment the finding was reached through, when its file is outside that deployment's own file or folder
    /// (a module shared by several root modules, a kustomize base shared by several overlays): the same place is
    /// then a finding of each deployment using it, and part of the fingerprint, so a baseline recorded for one does
    /// not cover another. `nil` for a finding in its deployment's own files.
    public var deployment: String? {
        get { storage.fields.marks?.fields.deployment }
        set { mark { $0.deployment = newValue } }
    }
    /// Why the finding does not fail the run although it stays visible (a waiver, an inline ignore, a baseline).
    public var suppression: Suppression? {
        get { storage.fields.marks?.fields.suppression }
        set { mark { $0.suppression = newValue } }
    }

    private var storage: CopyOnWriteFields<Fields>

    public init(ruleId: String, title: String, category: RuleCategory, severity: Severity, resource: String,
                file: String, line: Int, column: Int, path: String, message: String, remediation: String,
                controls: [String], cannotVerify: Bool = false, utf16Column: Int? = nil, value: String? = nil) {
        self.init(rule: CopyOnWriteFields(RuleFacts(ruleId: ruleId, title: title, category: category,
                                                    remediation: remediation, controls: controls)),
                  severity: severity, resource: resource, file: file, line: line, column: column,
                  utf16Column: utf16Column ?? column, path: PathSpelling(path), message: message,
                  cannotVerify: cannotVerify, value: value)
    }

    /// A finding of a rule whose facts (`RuleFacts`) its other findings share.
    init(rule: CopyOnWriteFields<RuleFacts>, severity: Severity, resource: String, file: String, line: Int,
         column: Int, utf16Column: Int, path: PathSpelling, message: String, cannotVerify: Bool, value: String?) {
        storage = CopyOnWriteFields(Fields(rule: rule, resource: resource, file: file, line: line, column: column,
                                           utf16Column: utf16Column, value: value, message: message, marks: nil,
                                           path: path, severity: severity, cannotVerify: cannotVerify))
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.storage.sharesBox(with: rhs.storage) || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        storage.fields.hash(into: &hasher)
    }

    /// What a finding takes from its rule: one box the evaluator makes per rule, which the rule's findings share
    /// (five fields copied into each of 100,000 findings were 80 of their 248 bytes).
    struct RuleFacts: Hashable {
        var ruleId: String
        var title: String
        var category: RuleCategory
        var remediation: String
        var controls: [String]
    }

    /// What few findings have: set after evaluation, behind one reference.
    private struct Marks: Hashable {
        var deployment: String?
        var suppression: Suppression?
    }

    /// In this order the one-byte fields share the padding after `path`: 123 bytes, where the fields of
    /// `RuleFacts` and `Marks` inline took 232.
    private struct Fields: Hashable {
        var rule: CopyOnWriteFields<RuleFacts>
        var resource: String
        var file: String
        var line: Int
        var column: Int
        var utf16Column: Int
        var value: String?
        var message: String
        var marks: CopyOnWriteFields<Marks>?
        var path: PathSpelling
        var severity: Severity
        var cannotVerify: Bool
    }

    private mutating func mark(_ change: (inout Marks) -> Void) {
        var marks = storage.fields.marks?.fields ?? Marks()
        change(&marks)
        storage.fields.marks = marks.deployment == nil && marks.suppression == nil ? nil : CopyOnWriteFields(marks)
    }

    /// Whether the finding counts toward the exit code.
    public var isSuppressed: Bool { suppression != nil }

    /// Where the inline ignore that suppressed the finding is (`file:line`), if one did: that ignore is not stale.
    public var inlineIgnoreLocation: String? { suppression?.kind == .inline ? suppression?.location : nil }

    /// The resource as reports name it: `module.db.aws_s3_bucket.data via app2` for a finding that names its
    /// deployment.
    public var resourceLabel: String { deployment.map { "\(resource) via \($0)" } ?? resource }

    /// The order reports use: by file, position, rule and message.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        // Field by field rather than as a tuple, which would copy (retain) all six fields of both sides per call.
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        if lhs.column != rhs.column { return lhs.column < rhs.column }
        if lhs.ruleId != rhs.ruleId { return lhs.ruleId < rhs.ruleId }
        if lhs.resource != rhs.resource { return lhs.resource < rhs.resource }
        return lhs.message < rhs.message
    }
}

/// Why a finding is suppressed: it stays in every report, marked, and does not fail the run.
public struct Suppression: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A waiver from `--waivers`.
        case waiver
        /// An inline `policycheck:ignore` comment, CloudFormation metadata or Kubernetes annotation.
        case inline
        /// Recorded in the `--baseline` file: known debt.
        case baseline
    }

    public var kind: Kind
    /// The justification as given.
    public var justification: String
    /// Where the suppression is written (waiver file:line, or the manifest line of the comment).
    public var location: String?

    public init(kind: Kind, justification: String, location: String? = nil) {
        self.kind = kind
        self.justification = justification
        self.location = location
    }
}
