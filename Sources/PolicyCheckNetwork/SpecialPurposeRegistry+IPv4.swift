// Transcribed from the IANA IPv4 Special-Purpose Address Registry
// (https://www.iana.org/assignments/iana-ipv4-special-registry), "Globally Reachable" column:
// True → .reachable, False → .notReachable, N/A → .notApplicable. 224.0.0.0/4 comes from the
// IANA IPv4 Multicast Address Space Registry (RFC 5771) and has no registry value (.notListed).

extension SpecialPurposeRegistry {
    static let ipv4Entries: [SpecialPurposeRange] = [
        entry("0.0.0.0/8", "This network", "RFC 791, Section 3.2", .thisNetwork, .notReachable),
        entry("0.0.0.0/32", "This host on this network", "RFC 1122, Section 3.2.1.3", .thisNetwork, .notReachable),
        entry("10.0.0.0/8", "Private-Use", "RFC 1918", .privateUse, .notReachable),
        entry("100.64.0.0/10", "Shared Address Space", "RFC 6598", .sharedAddressSpace, .notReachable),
        entry("127.0.0.0/8", "Loopback", "RFC 1122, Section 3.2.1.3", .loopback, .notReachable),
        entry("169.254.0.0/16", "Link Local", "RFC 3927", .linkLocal, .notReachable),
        entry("172.16.0.0/12", "Private-Use", "RFC 1918", .privateUse, .notReachable),
        entry("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890, Section 2.1", .ietfProtocolAssignments, .notReachable),
        entry("192.0.0.0/29", "IPv4 Service Continuity Prefix (DS-Lite)", "RFC 7335", .serviceContinuity, .notReachable),
        entry("192.0.0.8/32", "IPv4 dummy address", "RFC 7600", .dummy, .notReachable),
        entry("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", .anycast, .reachable),
        entry("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", .anycast, .reachable),
        entry("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 Section 2.2", .nat64Discovery, .notReachable),
        entry("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 Section 2.2", .nat64Discovery, .notReachable),
        entry("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", .documentation, .notReachable),
        entry("192.31.196.0/24", "AS112-v4", "RFC 7535", .as112, .reachable),
        entry("192.52.193.0/24", "AMT", "RFC 7450", .amt, .reachable),
        entry("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", .sixToFour, .notApplicable),
        entry("192.168.0.0/16", "Private-Use", "RFC 1918", .privateUse, .notReachable),
        entry("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", .as112, .reachable),
        entry("198.18.0.0/15", "Benchmarking", "RFC 2544", .benchmarking, .notReachable),
        entry("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", .documentation, .notReachable),
        entry("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", .documentation, .notReachable),
        entry("224.0.0.0/4", "Multicast", "RFC 5771", .multicast, .notListed),
        entry("240.0.0.0/4", "Reserved", "RFC 1112, Section 4", .reserved, .notReachable),
        entry("255.255.255.255/32", "Limited Broadcast", "RFC 8190, RFC 919 Section 7", .limitedBroadcast, .notReachable),
    ]
}
