/// A CIDR as it was written, with its canonical block and what normalisation it needed.
public struct ParsedCIDR: Sendable, Hashable {
    /// The text as written, with surrounding whitespace trimmed.
    public let original: String
    /// The canonical block: host bits cleared; ::ffff:a.b.c.d/(96+n) folded to the IPv4 block a.b.c.d/n.
    public let cidr: CIDR
    /// The address as written (folded to IPv4 when IPv4-mapped), before host bits were cleared.
    public let address: IPAddress
    /// Whether the written address had host bits set ("10.1.2.3/8"); the canonical text is `cidr.description`.
    public let hadHostBits: Bool
    /// Whether no prefix was written, so the block is a single address (/32 or /128).
    public let wasBareAddress: Bool
    /// Whether the text was an IPv4-mapped IPv6 block that was folded to IPv4.
    public let wasIPv4Mapped: Bool

    /// Creates a parse result; normally produced by `CIDRParser.parse(_:)`.
    public init(
        original: String, cidr: CIDR, address: IPAddress,
        hadHostBits: Bool, wasBareAddress: Bool, wasIPv4Mapped: Bool
    ) {
        self.original = original
        self.cidr = cidr
        self.address = address
        self.hadHostBits = hadHostBits
        self.wasBareAddress = wasBareAddress
        self.wasIPv4Mapped = wasIPv4Mapped
    }
}
