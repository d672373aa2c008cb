import PolicyCheckModel

/// Where the format has a description field, every enabled allowlist entry must say what it is for.
public struct EntryDescriptionCheck: Check {
    public static let name = "network.entry-description"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.allowlists.filter(\.hasDescriptionField).map { list in
            // A rule without a source is MMC-NET-002's finding: it admits nothing to describe; a rule not known here
            // at all has a description not known either (its block is the world-open rules' "cannot be verified").
            // Read in place: filtering into `effectiveEntries` first copied every entry of the list.
            let evidence = list.entries.lazy.filter { $0.enabled && $0.missingSource == nil && !$0.isUnknownRule }
                .compactMap { entry -> Evidence? in
                let blank = entry.description?.value.unicodeScalars.allSatisfy(Self.isWhitespace) ?? true
                guard blank else { return nil }
                return Evidence(Self.message(for: entry), at: entry.origin)
            }
            return CheckResult(list.component, .from(Array(evidence)))
        }
    }

    /// `allowlist entry '10.0.0.0/8' has no description`; for a block known only at deployment, why it is unknown
    /// (`…; its address block is not known here: it is imported from another stack's export …`).
    static func message(for entry: AllowlistEntry) -> String {
        switch entry.cidr.value {
        case .known(let cidr): return "allowlist entry '\(cidr)' has no description"
        case .unknown(let reason): return "allowlist entry has no description; its address block is not known here: \(reason)"
        }
    }

    /// Foundation's `CharacterSet.whitespaces` (tab, the space separators and U+200B), tested without a character
    /// set: a description is blank when it holds nothing else.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
