/// One violation of one rule by one resource, with everything a reviewer needs to act on it.
public struct Finding: Sendable, Hashable {
    public var ruleId: String
    public var title: String
    public var category: RuleCategory
    public var severity: Severity
    /// The resource as its author names it, e.g. `acme-prod/database` or `module.db.aws_rds_cluster.main`.
    public var resource: String
    public var file: String
    public var line: Int
    public var column: Int
    /// The column in UTF-16 code units (SARIF's default `columnKind`); equals `column` on ASCII lines.
    public var utf16Column: Int
    /// Path to the offending value inside the document.
    public var path: String
    /// The offending value's source text (at most 256 bytes), `nil` for a collection, a missing value, or a
    /// key-material finding (whose value may be a secret); part of the fingerprint.
    public var value: String?
    /// What is wrong and what was expected.
    public var message: String
    public var remediation: String
    public var controls: [String]
    /// Whether the check could not decide (a value unknown until apply): reported, never a pass.
    public var cannotVerify: Bool
    /// Why the finding does not fail the run although it stays visible (a waiver, an inline ignore, a baseline).
    public var suppression: Suppression?

    public init(ruleId: String, title: String, category: RuleCategory, severity: Severity, resource: String,
                file: String, line: Int, column: Int, path: String, message: String, remediation: String,
                controls: [String], cannotVerify: Bool = false, utf16Column: Int? = nil, value: String? = nil) {
        self.ruleId = ruleId
        self.title = title
        self.category = category
        self.severity = severity
        self.resource = resource
        self.file = file
        self.line = line
        self.column = column
        self.utf16Column = utf16Column ?? column
        self.path = path
        self.value = value
        self.message = message
        self.remediation = remediation
        self.controls = controls
        self.cannotVerify = cannotVerify
    }

    /// Whether the finding counts toward the exit code.
    public var isSuppressed: Bool { suppression != nil }

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
