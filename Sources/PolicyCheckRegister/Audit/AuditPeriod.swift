import KeyMaterial
import PolicyCheckKit

/// What `policycheck audit` is asked for: the period (whole UTC days, both ends included), the repositories, the
/// refs treated as protected, the fix-time SLA and the sample's seed.
public struct AuditPeriod: Sendable, Hashable {
    /// The first and last day, `YYYY-MM-DD`.
    public var from: String
    public var to: String
    /// Seconds since 1970: the first second of `from`, and the first second after `to`.
    public var start: Int64
    public var end: Int64
    /// Empty: every repository in the register.
    public var repositories: [String]
    /// Refs a run is expected on every day; empty: whichever of `defaultProtectedRefs` a repository uses.
    public var protectedRefs: [String]
    /// Longest time a finding of a severity may stay open, in days (severities absent have no SLA).
    public var slaDays: [String: Int]
    public var seed: UInt64

    public static let defaultProtectedRefs = ["refs/heads/main", "refs/heads/master", "main", "master"]
    /// critical 7 days, high 30 days (docs/audit.md).
    public static let defaultSLADays = ["critical": 7, "high": 30]

    /// Reads the period; throws a one-line message for a bad date or an empty period.
    public init(from: String, to: String, repositories: [String], protectedRefs: [String] = [],
                slaDays: [String: Int] = AuditPeriod.defaultSLADays, seed: UInt64? = nil) throws(RegisterError) {
        guard let first = Timestamp(iso8601: from + "T00:00:00Z"), from.count == 10 else {
            throw RegisterError.badLocation("--from", reason: "'\(from)' is not a date (YYYY-MM-DD)")
        }
        guard let last = Timestamp(iso8601: to + "T00:00:00Z"), to.count == 10 else {
            throw RegisterError.badLocation("--to", reason: "'\(to)' is not a date (YYYY-MM-DD)")
        }
        guard last >= first else {
            throw RegisterError.badLocation("--to", reason: "\(to) is before --from \(from)")
        }
        self.from = from
        self.to = to
        start = first.secondsSinceEpoch
        end = last.secondsSinceEpoch + 86_400
        self.repositories = Array(Set(repositories)).sorted()
        self.protectedRefs = Array(Set(protectedRefs)).sorted()
        self.slaDays = slaDays
        self.seed = seed ?? Self.defaultSeed(from: from, to: to, repositories: self.repositories)
    }

    /// The number of days in the period.
    public var days: Int { Int((end - start) / 86_400) }

    /// Without `--seed`: the first 16 hex digits of SHA-256("FROM|TO|REPO,REPO…"), so re-running the same audit
    /// draws the same sample and anyone can recompute the seed.
    public static func defaultSeed(from: String, to: String, repositories: [String]) -> UInt64 {
        let digest = Digest.sha256(Array("\(from)|\(to)|\(repositories.joined(separator: ","))".utf8))
        return UInt64(digest.prefix(16), radix: 16) ?? 0
    }
}
