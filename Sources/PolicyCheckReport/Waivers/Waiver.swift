import Foundation
import PolicyCheckModel
import PolicyCheckPolicy

/// One approved exception from a waiver file: which findings it covers, who asked, who approved, and until when.
public struct Waiver: Sendable, Hashable {
    /// A rule id or a glob over rule ids (`MMC-NET-*`).
    public var rule: String
    /// A glob over resource names (`acme-prod/*`); `*` matches across `/`.
    public var resource: String
    /// A glob over finding file paths (`**` crosses directories); `nil` matches every file.
    public var file: String?
    public var reason: String
    public var requestedBy: String
    public var approvedBy: String
    public var approvedOn: Timestamp
    /// The last moment the waiver applies is just before this instant (a date means the end of that day, UTC).
    public var expiresAt: Timestamp
    /// `expires` as written in the file (a date or a date-time), for display.
    public var expires: String
    public var ticket: String?
    public var risk: String?
    public var compensatingControl: String?
    /// The waiver file as shown in reports.
    public var source: String
    /// Where the entry starts in the waiver file.
    public var line: Int
    public var column: Int

    public init(rule: String, resource: String, file: String?, reason: String, requestedBy: String, approvedBy: String,
                approvedOn: Timestamp, expiresAt: Timestamp, expires: String, ticket: String? = nil,
                risk: String? = nil, compensatingControl: String? = nil, source: String, line: Int, column: Int) {
        self.rule = rule
        self.resource = resource
        self.file = file
        self.reason = reason
        self.requestedBy = requestedBy
        self.approvedBy = approvedBy
        self.approvedOn = approvedOn
        self.expiresAt = expiresAt
        self.expires = expires
        self.ticket = ticket
        self.risk = risk
        self.compensatingControl = compensatingControl
        self.source = source
        self.line = line
        self.column = column
    }

    /// `waivers.yaml:12`, for suppression locations and messages.
    public var location: String { "\(source):\(line)" }

    /// Whether the waiver has expired at `time`.
    public func isExpired(at time: Timestamp) -> Bool { time >= expiresAt }

    /// Whether the waiver covers a finding (ignoring expiry).
    public func covers(_ finding: Finding) -> Bool {
        Self.matches(rule, finding.ruleId) && Self.matches(resource, finding.resource)
            && (file.map { Glob.matches($0, finding.file) } ?? true)
    }

    /// Whether a rule id is a glob rather than a literal id.
    public static func isGlob(_ pattern: String) -> Bool {
        pattern.contains { "*?[".contains($0) }
    }

    /// Glob matching where `*` also matches `/` (resource names such as `acme-prod/database`), as `fnmatch` matches
    /// (`WaiverGlob`: a NUL in either matches only the same bytes).
    static func matches(_ pattern: String, _ text: String) -> Bool {
        var glob = WaiverGlob(pattern)
        return glob.matches(text)
    }
}
