/// The addresses no internet host connects from: an allowlist that admits every other address admits the whole
/// internet, as `0.0.0.0/0` or `::/0` does, whatever it leaves out of these.
///
/// - IPv4: the blocks the IANA IPv4 Special-Purpose Address Registry records as not globally reachable (private,
///   shared, loopback, link-local, documentation, benchmarking, reserved…) and that hold no globally reachable
///   block of their own (192.0.0.0/24 holds the PCP and TURN anycast addresses, so only its unreachable parts
///   count), and multicast, 224.0.0.0/4, which is never a connection's source (RFC 1122 §3.2.1.3, RFC 5771).
/// - IPv6: everything outside 2000::/3, the Global Unicast space of the IANA IPv6 Address Space registry
///   (https://www.iana.org/assignments/ipv6-address-space), the rest being reserved by the IETF, unique-local,
///   link-local or multicast; and, inside it, the registry's unreachable blocks that hold no reachable one
///   (documentation 2001:db8::/32 and 3fff::/20, benchmarking 2001:2::/48).
///
/// Blocks IANA marks "N/A" (6to4, Teredo, the 6to4 relay anycast) are counted as reachable: an allowlist must
/// cover them too before it is judged open to everyone.
public enum PublicAddressSpace {
    /// The unreachable blocks of one version, merged, in address order.
    public static func unreachable(_ version: IPVersion) -> [CIDR] {
        version == .v4 ? ipv4Unreachable : ipv6Unreachable
    }

    /// How many addresses of `version` the unreachable blocks hold.
    public static func unreachableCount(_ version: IPVersion) -> Double {
        version == .v4 ? ipv4Count : ipv6Count
    }

    private static func registryUnreachable(_ table: [SpecialPurposeRange]) -> [CIDR] {
        table.filter { range in
            range.reachability != .reachable && range.reachability != .notApplicable
                && !table.contains { $0.globallyReachable && range.cidr.contains($0.cidr) }
        }.map(\.cidr)
    }

    private static let ipv4Unreachable = CIDRCoverage.aggregate(registryUnreachable(SpecialPurposeRegistry.ipv4))
    private static let ipv6Unreachable = CIDRCoverage.aggregate(
        ["::/3", "4000::/2", "8000::/1"].compactMap(CIDR.init) + registryUnreachable(SpecialPurposeRegistry.ipv6))
    private static let ipv4Count = ipv4Unreachable.reduce(0.0) { $0 + $1.addressCount }
    private static let ipv6Count = ipv6Unreachable.reduce(0.0) { $0 + $1.addressCount }
}
