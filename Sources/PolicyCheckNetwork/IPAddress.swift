/// An IPv4 or IPv6 address held as a 128-bit integer plus its version.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The address as an unsigned integer; IPv4 addresses use the low 32 bits.
    public let value: UInt128
    /// Whether this is an IPv4 or an IPv6 address.
    public let version: IPVersion

    /// An IPv4 address from its 32-bit value (e.g. 0xC0000201 is 192.0.2.1).
    public init(ipv4 value: UInt32) {
        self.value = UInt128(value)
        self.version = .v4
    }

    /// An IPv6 address from its 128-bit value.
    public init(ipv6 value: UInt128) {
        self.value = value
        self.version = .v6
    }

    /// An IPv4 address from its four octets, most significant first.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.init(ipv4: UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d))
    }

    /// Parses a strict IPv4 dotted quad or an RFC 4291 IPv6 text form; nil if the text is not exactly one address.
    public static func parse(_ text: String) -> IPAddress? {
        try? IPAddressParser.parse(Substring(text)).get()
    }

    /// Parses a strict IPv4 dotted quad or an RFC 4291 IPv6 text form; nil if the text is not exactly one address.
    public static func parse(_ text: Substring) -> IPAddress? {
        try? IPAddressParser.parse(text).get()
    }

    /// Whether this is an IPv6 address in ::ffff:0:0/96 (an IPv4-mapped address, RFC 4291 §2.5.5.2).
    public var isIPv4Mapped: Bool {
        version == .v6 && value >> 32 == 0xFFFF
    }

    /// The IPv4 address embedded in an IPv4-mapped IPv6 address, or nil.
    public var unmappedIPv4: IPAddress? {
        isIPv4Mapped ? IPAddress(ipv4: UInt32(truncatingIfNeeded: value)) : nil
    }

    /// This IPv4 address as an IPv4-mapped IPv6 address (::ffff:a.b.c.d); IPv6 addresses are returned unchanged.
    public var mappedToIPv6: IPAddress {
        version == .v4 ? IPAddress(ipv6: 0xFFFF_0000_0000 | value) : self
    }

    /// Canonical text: dotted quad for IPv4, RFC 5952 for IPv6.
    public var description: String {
        IPAddressFormatter.format(self)
    }

    /// IPv4 sorts before IPv6; within a version, numeric order.
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.version != rhs.version { return lhs.version == .v4 }
        return lhs.value < rhs.value
    }
}
