/// One special-purpose address block with its IANA name, reference and reachability.
public struct SpecialPurposeRange: Sendable, Hashable, CustomStringConvertible {
    /// The block.
    public let cidr: CIDR
    /// The registry's name for the block, e.g. "Shared Address Space".
    public let name: String
    /// The defining document(s), e.g. "RFC 1918".
    public let reference: String
    /// What the block is for.
    public let purpose: SpecialPurpose
    /// The registry's "Globally Reachable" value, or `.notListed` for blocks outside the registry.
    public let reachability: GlobalReachability

    /// Creates a range; the registry's own entries are in `SpecialPurposeRegistry`.
    public init(cidr: CIDR, name: String, reference: String, purpose: SpecialPurpose, reachability: GlobalReachability) {
        self.cidr = cidr
        self.name = name
        self.reference = reference
        self.purpose = purpose
        self.reachability = reachability
    }

    /// True only when IANA records the block as globally reachable; N/A and unlisted blocks count as not reachable.
    public var globallyReachable: Bool { reachability == .reachable }

    /// "100.64.0.0/10 (Shared Address Space, RFC 6598)".
    public var description: String { "\(cidr) (\(name), \(reference))" }
}
