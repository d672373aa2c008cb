/// How serious a finding is. Ordered: `info < low < medium < high < critical`.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case info, low, medium, high, critical

    private var rank: Int {
        switch self {
        case .info: return 0
        case .low: return 1
        case .medium: return 2
        case .high: return 3
        case .critical: return 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The family a rule belongs to.
public enum RuleCategory: String, Sendable, CaseIterable, Codable {
    case offering, residency, encryption, byok
    case keyMaterial = "key-material"
    case network, availability, logging
    case changeManagement = "change-management"
    case custom
}
