/// A block of addresses: a network address with its host bits cleared and a prefix length.
public struct CIDR: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The lowest address of the block; every host bit is zero.
    public let network: IPAddress
    /// Number of leading network bits, 0...32 for IPv4 and 0...128 for IPv6.
    public let prefixLength: Int

    /// A block containing `address`, with the host bits of `address` cleared; nil if the prefix is out of range.
    public init?(_ address: IPAddress, prefixLength: Int) {
        guard (0...address.version.bits).contains(prefixLength) else { return nil }
        let masked = address.value & address.version.networkMask(prefixLength: prefixLength)
        self.network = address.version == .v4
            ? IPAddress(ipv4: UInt32(truncatingIfNeeded: masked))
            : IPAddress(ipv6: masked)
        self.prefixLength = prefixLength
    }

    /// Parses CIDR text with `CIDRParser` (host bits cleared, IPv4-mapped folded to IPv4); nil on any error.
    public init?(_ text: String) {
        guard case .success(let parsed) = CIDRParser.parse(text) else { return nil }
        self = parsed.cidr
    }

    /// The block covering every address of `version` (0.0.0.0/0 or ::/0).
    public static func wholeSpace(_ version: IPVersion) -> CIDR {
        let zero = version == .v4 ? IPAddress(ipv4: 0) : IPAddress(ipv6: 0)
        return CIDR(zero, prefixLength: 0)!
    }

    /// The version of the block's addresses.
    public var version: IPVersion { network.version }

    /// The lowest address in the block (the network address).
    public var first: IPAddress { network }

    /// The highest address in the block.
    public var last: IPAddress {
        let value = network.value | version.hostMask(prefixLength: prefixLength)
        return version == .v4 ? IPAddress(ipv4: UInt32(truncatingIfNeeded: value)) : IPAddress(ipv6: value)
    }

    /// Number of host bits, `version.bits - prefixLength`.
    public var hostBitCount: Int { version.bits - prefixLength }

    /// Number of addresses, 2^hostBitCount; exact as a Double because it is a power of two (up to 2^128).
    public var addressCount: Double {
        Double(sign: .plus, exponent: hostBitCount, significand: 1)
    }

    /// Whether this block is a version's whole address space (prefix length 0).
    public var isWholeSpace: Bool { prefixLength == 0 }

    /// Whether `address` is of the same version and inside this block.
    public func contains(_ address: IPAddress) -> Bool {
        address.version == version
            && address.value & version.networkMask(prefixLength: prefixLength) == network.value
    }

    /// Whether every address of `other` is inside this block (same version; a block contains itself).
    public func contains(_ other: CIDR) -> Bool {
        other.version == version && other.prefixLength >= prefixLength && contains(other.network)
    }

    /// Whether the two blocks share at least one address (for CIDRs: one contains the other).
    public func overlaps(_ other: CIDR) -> Bool {
        contains(other) || other.contains(self)
    }

    /// Canonical text such as "10.0.0.0/8" or "2001:db8::/32".
    public var description: String { "\(network)/\(prefixLength)" }

    /// IPv4 before IPv6, then by network address, then shorter (larger) blocks first.
    public static func < (lhs: CIDR, rhs: CIDR) -> Bool {
        if lhs.network != rhs.network { return lhs.network < rhs.network }
        return lhs.prefixLength < rhs.prefixLength
    }
}
