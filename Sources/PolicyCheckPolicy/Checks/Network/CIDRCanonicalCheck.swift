import PolicyCheckModel
import PolicyCheckNetwork

/// Enabled CIDR blocks must be written with their network address: `10.1.2.3/8` means `10.0.0.0/8`.
public struct CIDRCanonicalCheck: Check {
    public static let name = "network.cidr-canonical"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        // Every list, in force or not, as the evaluator parsed it (parsing them again here was a third parse of
        // every entry of a 100,000-entry list).
        ParsedAllowlist.all(in: deployment, context: context).map { list in
            let evidence = list.effective.compactMap { entry -> Evidence? in
                guard case .success(let parsed)? = entry.parsed, parsed.hadHostBits else { return nil }
                return Evidence(
                    "'\(entry.text)' has host bits set; it means \(parsed.cidr) (\(Self.count(parsed.cidr))) — write \(parsed.cidr)",
                    at: entry.entry.cidr.origin
                )
            }
            return CheckResult(list.allowlist.component, .from(evidence))
        }
    }

    static func count(_ cidr: CIDR) -> String {
        let bits = cidr.version.bits - cidr.prefixLength
        guard bits <= 48 else { return "2^\(bits) addresses" }
        let digits = String(1 << bits)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return bits == 0 ? "1 address" : "\(grouped) addresses"
    }
}
