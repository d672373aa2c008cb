import PolicyCheckNetwork

/// No allowlist may admit the whole internet: `0.0.0.0/0`, `::/0`, or entries whose union covers a whole space.
public struct WorldOpenCheck: Check {
    public static let name = "network.world-open"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ParsedAllowlist.enabled(in: deployment).map { list in
            var evidence: [Evidence] = []
            var unknown: [Evidence] = []
            for entry in list.effective {
                guard entry.parsed != nil else {
                    unknown.append(Evidence("allowlist entry cannot be verified: \(Self.reason(entry.entry))",
                                            at: entry.entry.cidr.origin))
                    continue
                }
                if let cidr = entry.cidr, cidr.isWholeSpace {
                    evidence.append(Evidence(
                        "'\(entry.text)' admits every \(cidr.version) address\(Self.ports(entry.entry)); expected only the ranges that need access",
                        at: entry.entry.cidr.origin
                    ))
                }
            }
            if evidence.isEmpty {
                for version in IPVersion.allCases {
                    let blocks = list.effective.compactMap(\.cidr).filter { $0.version == version }
                    guard blocks.count > 1, CIDRCoverage.coversWholeSpace(blocks, version: version) else { continue }
                    let shown = blocks.prefix(4).map(\.description).joined(separator: ", ") + (blocks.count > 4 ? ", …" : "")
                    evidence.append(Evidence(
                        "the entries together (\(shown)) cover every \(version) address; the allowlist restricts nothing",
                        at: list.allowlist.origin
                    ))
                }
            }
            if !evidence.isEmpty { return CheckResult(list.allowlist.component, .fail(evidence)) }
            if !unknown.isEmpty { return CheckResult(list.allowlist.component, .cannotVerify(unknown)) }
            return CheckResult(list.allowlist.component, .pass)
        }
    }

    static func ports(_ entry: AllowlistEntry) -> String {
        guard let ports = entry.ports else { return "" }
        if ports.lower == 0 && ports.upper == 65535 { return " on every port" }
        return ports.lower == ports.upper ? " on port \(ports.lower)" : " on ports \(ports.lower)–\(ports.upper)"
    }

    static func reason(_ entry: AllowlistEntry) -> String {
        if case .unknown(let reason) = entry.cidr.value { return reason }
        return "unknown"
    }
}
