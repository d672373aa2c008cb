/// What a special-purpose address block is set aside for.
public enum SpecialPurpose: String, Sendable, Hashable, CaseIterable {
    /// "This network" 0.0.0.0/8 and "this host on this network" 0.0.0.0/32.
    case thisNetwork
    /// RFC 1918 private-use blocks.
    case privateUse
    /// RFC 6598 shared address space (carrier-grade NAT).
    case sharedAddressSpace
    /// Loopback: 127.0.0.0/8, ::1/128.
    case loopback
    /// Link-local: 169.254.0.0/16, fe80::/10.
    case linkLocal
    /// The unspecified IPv6 address ::/128.
    case unspecified
    /// IPv4-mapped IPv6 addresses ::ffff:0:0/96.
    case ipv4Mapped
    /// Parent blocks held for IETF protocol assignments: 192.0.0.0/24, 2001::/23.
    case ietfProtocolAssignments
    /// IPv4 service continuity prefix (DS-Lite) 192.0.0.0/29.
    case serviceContinuity
    /// Dummy address or prefix: 192.0.0.8/32, 100:0:0:1::/64.
    case dummy
    /// Protocol anycast addresses (PCP, TURN, DNS-SD SRP).
    case anycast
    /// NAT64/DNS64 discovery addresses 192.0.0.170/32 and 192.0.0.171/32.
    case nat64Discovery
    /// Documentation: TEST-NET-1/2/3, 2001:db8::/32, 3fff::/20.
    case documentation
    /// Benchmarking: 198.18.0.0/15, 2001:2::/48.
    case benchmarking
    /// AS112 DNS sink service blocks.
    case as112
    /// Automatic Multicast Tunneling relay blocks.
    case amt
    /// 6to4: 2002::/16 and the deprecated relay anycast 192.88.99.0/24.
    case sixToFour
    /// IPv4/IPv6 translation prefixes 64:ff9b::/96 and 64:ff9b:1::/48.
    case translation
    /// Discard-only block 100::/64.
    case discardOnly
    /// Teredo 2001::/32.
    case teredo
    /// ORCHID (deprecated) and ORCHIDv2.
    case orchid
    /// Drone Remote ID Protocol Entity Tags 2001:30::/28.
    case droneRemoteID
    /// SRv6 segment identifiers 5f00::/16.
    case srv6SIDs
    /// IPv6 unique-local fc00::/7.
    case uniqueLocal
    /// Deprecated IPv6 site-local fec0::/10.
    case siteLocal
    /// Multicast: 224.0.0.0/4, ff00::/8.
    case multicast
    /// Reserved for future use 240.0.0.0/4.
    case reserved
    /// Limited broadcast 255.255.255.255/32.
    case limitedBroadcast
}
