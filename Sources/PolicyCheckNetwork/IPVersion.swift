/// The IP protocol version of an address or block.
public enum IPVersion: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case v4
    case v6

    /// Width of an address in bits: 32 for IPv4, 128 for IPv6.
    public var bits: Int {
        switch self {
        case .v4: 32
        case .v6: 128
        }
    }

    /// The largest address value of this version (all bits set).
    public var maxValue: UInt128 {
        switch self {
        case .v4: UInt128(UInt32.max)
        case .v6: UInt128.max
        }
    }

    /// Number of addresses in the whole space, 2^bits, exact as a Double.
    public var spaceSize: Double {
        Double(sign: .plus, exponent: bits, significand: 1)
    }

    /// "IPv4" or "IPv6".
    public var description: String {
        switch self {
        case .v4: "IPv4"
        case .v6: "IPv6"
        }
    }

    /// Mask with the host bits (the low `bits - prefixLength` bits) set.
    func hostMask(prefixLength: Int) -> UInt128 {
        maxValue >> prefixLength
    }

    /// Mask with the top `prefixLength` bits of this version's width set.
    func networkMask(prefixLength: Int) -> UInt128 {
        maxValue & ~hostMask(prefixLength: prefixLength)
    }
}
