/// The "Globally Reachable" column of the IANA special-purpose registries, as recorded for a block.
public enum GlobalReachability: Sendable, Hashable {
    /// IANA: True — datagrams to the block are forwardable beyond an administrative domain.
    case reachable
    /// IANA: False.
    case notReachable
    /// IANA: N/A (deprecated blocks such as 192.88.99.0/24, 2001:10::/28, and tunnelling blocks such as Teredo and 6to4).
    case notApplicable
    /// The block is not in the special-purpose registries (multicast, deprecated site-local) and has no IANA value.
    case notListed
}
