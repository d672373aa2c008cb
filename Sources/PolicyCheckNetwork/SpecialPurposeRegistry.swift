/// The IANA IPv4 and IPv6 special-purpose address registries, plus multicast and deprecated site-local.
///
/// Sources: "IANA IPv4 Special-Purpose Address Registry" and "IANA IPv6 Special-Purpose Address
/// Registry" (https://www.iana.org/assignments/iana-ipv4-special-registry,
/// https://www.iana.org/assignments/iana-ipv6-special-registry; structure from RFC 6890 as updated
/// by RFC 8190), transcribed with their "Globally Reachable" column. Not in those registries but
/// included because an internet-facing allowlist should never name them: 224.0.0.0/4 (IANA IPv4
/// Multicast Address Space Registry, RFC 5771), ff00::/8 (RFC 4291 §2.7) and fec0::/10 (RFC 3879).
public enum SpecialPurposeRegistry {
    /// Special-purpose IPv4 blocks, in registry order (multicast inserted by address).
    public static let ipv4: [SpecialPurposeRange] = ipv4Entries

    /// Special-purpose IPv6 blocks, in registry order (site-local and multicast appended).
    public static let ipv6: [SpecialPurposeRange] = ipv6Entries

    /// The addresses some entry of each table covers, merged into disjoint intervals in address order.
    private static let ipv4Span = AddressInterval.merge(ipv4.map { AddressInterval($0.cidr) })
    private static let ipv6Span = AddressInterval.merge(ipv6.map { AddressInterval($0.cidr) })

    /// The table for one version.
    public static func ranges(for version: IPVersion) -> [SpecialPurposeRange] {
        version == .v4 ? ipv4 : ipv6
    }

    /// Special-purpose ranges that overlap the block (most specific first), excluding ranges that are globally reachable per IANA.
    ///
    /// By default only blocks a caller should flag are returned: a range is left out when IANA
    /// records it as globally reachable, and a non-reachable parent is left out when the part of
    /// `cidr` inside it lies wholly within more-specific globally-reachable entries (IANA's
    /// "not usable unless by virtue of a more specific reservation"), so 192.0.0.9/32 (PCP
    /// anycast) or 2001:20::/28 (ORCHIDv2) report nothing. IANA "N/A" blocks (192.88.99.0/24,
    /// Teredo, 6to4, old ORCHID) and unlisted ones (multicast, site-local) are reported.
    /// Pass `includingGloballyReachable: true` to get every overlapping range, e.g. to name it.
    public static func ranges(overlapping cidr: CIDR, includingGloballyReachable: Bool = false) -> [SpecialPurposeRange] {
        // Most blocks of an allowlist are ordinary public ranges: one look at the merged table says so without
        // comparing the block with every entry (1,700 instructions a block, 7% of a 100,000-entry list's check).
        let block = AddressInterval(cidr)
        let span = cidr.version == .v4 ? ipv4Span : ipv6Span
        guard span.contains(where: { $0.lower <= block.upper && block.lower <= $0.upper }) else { return [] }
        let table = ranges(for: cidr.version)
        var hits = table.filter { $0.cidr.overlaps(cidr) }
        if !includingGloballyReachable {
            hits = hits.filter { !$0.globallyReachable && exposes(cidr, within: $0, table: table) }
        }
        return hits.sorted {
            $0.cidr.prefixLength != $1.cidr.prefixLength
                ? $0.cidr.prefixLength > $1.cidr.prefixLength
                : $0.cidr < $1.cidr
        }
    }

    /// The most specific range (globally reachable or not) that contains the address, or nil.
    public static func mostSpecificRange(containing address: IPAddress) -> SpecialPurposeRange? {
        ranges(for: address.version)
            .filter { $0.cidr.contains(address) }
            .max { $0.cidr.prefixLength < $1.cidr.prefixLength }
    }

    /// Whether part of `cidr ∩ range` is outside every globally-reachable entry nested inside `range`.
    private static func exposes(_ cidr: CIDR, within range: SpecialPurposeRange, table: [SpecialPurposeRange]) -> Bool {
        let overlap = AddressInterval(range.cidr.contains(cidr) ? cidr : range.cidr)
        let carveOuts = table
            .filter { $0.globallyReachable && $0.cidr != range.cidr && range.cidr.contains($0.cidr) }
            .map { AddressInterval($0.cidr) }
        return !AddressInterval.merge(carveOuts).contains { $0.contains(overlap) }
    }

    /// A registry entry from a literal block; traps on a typo so a bad table cannot ship.
    static func entry(
        _ text: String, _ name: String, _ reference: String,
        _ purpose: SpecialPurpose, _ reachability: GlobalReachability
    ) -> SpecialPurposeRange {
        // Split by hand rather than via CIDRParser, which would fold ::ffff:0:0/96 into 0.0.0.0/0.
        let parts = text.split(separator: "/")
        guard parts.count == 2, let address = IPAddress.parse(parts[0]), let prefix = Int(parts[1]),
              let cidr = CIDR(address, prefixLength: prefix), cidr.network == address else {
            preconditionFailure("invalid special-purpose registry entry \(text)")
        }
        return SpecialPurposeRange(cidr: cidr, name: name, reference: reference, purpose: purpose, reachability: reachability)
    }
}
