// Transcribed from the IANA IPv6 Special-Purpose Address Registry
// (https://www.iana.org/assignments/iana-ipv6-special-registry), "Globally Reachable" column:
// True → .reachable, False → .notReachable, N/A → .notApplicable. fec0::/10 (deprecated
// site-local, RFC 3879) and ff00::/8 (multicast, RFC 4291 §2.7) are not in that registry
// and have no registry value (.notListed).

extension SpecialPurposeRegistry {
    static let ipv6Entries: [SpecialPurposeRange] = [
        entry("::1/128", "Loopback Address", "RFC 4291", .loopback, .notReachable),
        entry("::/128", "Unspecified Address", "RFC 4291", .unspecified, .notReachable),
        entry("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291", .ipv4Mapped, .notReachable),
        entry("64:ff9b::/96", "IPv4-IPv6 Translation", "RFC 6052", .translation, .reachable),
        entry("64:ff9b:1::/48", "IPv4-IPv6 Translation (local use)", "RFC 8215", .translation, .notReachable),
        entry("100::/64", "Discard-Only Address Block", "RFC 6666", .discardOnly, .notReachable),
        entry("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780", .dummy, .notReachable),
        entry("2001::/23", "IETF Protocol Assignments", "RFC 2928", .ietfProtocolAssignments, .notReachable),
        entry("2001::/32", "TEREDO", "RFC 4380, RFC 8190", .teredo, .notApplicable),
        entry("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", .anycast, .reachable),
        entry("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", .anycast, .reachable),
        entry("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", .anycast, .reachable),
        entry("2001:2::/48", "Benchmarking", "RFC 5180, RFC Errata 1752", .benchmarking, .notReachable),
        entry("2001:3::/32", "AMT", "RFC 7450", .amt, .reachable),
        entry("2001:4:112::/48", "AS112-v6", "RFC 7535", .as112, .reachable),
        entry("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", .orchid, .notApplicable),
        entry("2001:20::/28", "ORCHIDv2", "RFC 7343", .orchid, .reachable),
        entry("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", .droneRemoteID, .reachable),
        entry("2001:db8::/32", "Documentation", "RFC 3849", .documentation, .notReachable),
        entry("2002::/16", "6to4", "RFC 3056", .sixToFour, .notApplicable),
        entry("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", .as112, .reachable),
        entry("3fff::/20", "Documentation", "RFC 9637", .documentation, .notReachable),
        entry("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", .srv6SIDs, .notReachable),
        entry("fc00::/7", "Unique-Local", "RFC 4193, RFC 8190", .uniqueLocal, .notReachable),
        entry("fe80::/10", "Link-Local Unicast", "RFC 4291", .linkLocal, .notReachable),
        entry("fec0::/10", "Site-Local Unicast (deprecated)", "RFC 3879", .siteLocal, .notListed),
        entry("ff00::/8", "Multicast", "RFC 4291, Section 2.7", .multicast, .notListed),
    ]
}
