import PolicyCheckModel
import PolicyCheckNetwork

/// Flags entries of internet-facing allowlists broader than a prefix length, within an optional band so that two rules can grade
/// breadth (e.g. broader than /24 but not than /16 is low; broader than /16 is high).
public struct BreadthCheck: Check {
    public static let name = "network.breadth"

    struct Band {
        /// Entries with a prefix shorter than this are broad.
        var broaderThan: Int?
        /// Entries with a prefix shorter than this are left to another rule.
        var notBroaderThan: Int?

        func contains(_ prefix: Int) -> Bool {
            guard let broaderThan, prefix > 0, prefix < broaderThan else { return false }
            if let notBroaderThan, prefix < notBroaderThan { return false }
            return true
        }
    }

    let ipv4: Band
    let ipv6: Band

    public init(parameters: CheckParameters) {
        ipv4 = Self.band(parameters.nested("ipv4"), max: 32)
        ipv6 = Self.band(parameters.nested("ipv6"), max: 128)
    }

    private static func band(_ parameters: CheckParameters, max: Int) -> Band {
        let broader = parameters.int("broaderThan", default: -1, range: 0...max)
        let notBroader = parameters.int("notBroaderThan", default: -1, range: 0...max)
        return Band(broaderThan: broader < 0 ? nil : broader, notBroaderThan: notBroader < 0 ? nil : notBroader)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        let ports = EntryPortsMemo()
        return ParsedAllowlist.enabled(in: deployment, context: context).map { list in
            // Broad private ranges inside a VPC or cluster are normal; breadth matters where the internet reaches.
            guard list.allowlist.internetFacing else { return CheckResult(list.allowlist.component, .notApplicable) }
            let evidence = list.effective.compactMap { entry -> Evidence? in
                guard let cidr = entry.cidr else { return nil }
                let band = cidr.version == .v4 ? ipv4 : ipv6
                guard band.contains(cidr.prefixLength), let limit = band.broaderThan else { return nil }
                return Evidence(
                    "'\(entry.text)' admits \(CIDRCanonicalCheck.count(cidr)), broader than /\(limit)\(ports.text(entry.entry)); expected /\(limit) or narrower",
                    at: entry.entry.cidr.origin
                )
            }
            return CheckResult(list.allowlist.component, .from(evidence))
        }
    }
}
