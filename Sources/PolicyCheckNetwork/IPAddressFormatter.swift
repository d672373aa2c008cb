/// Renders addresses as canonical text: IPv4 dotted quad, IPv6 per RFC 5952.
enum IPAddressFormatter {
    static func format(_ address: IPAddress) -> String {
        switch address.version {
        case .v4: formatIPv4(UInt32(truncatingIfNeeded: address.value))
        case .v6: formatIPv6(address.value)
        }
    }

    static func formatIPv4(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    /// RFC 5952 §4: lowercase, no leading zeros, the longest run (≥ 2) of zero groups
    /// compressed to "::" (leftmost on ties); §5: IPv4-mapped addresses end in a dotted quad.
    static func formatIPv6(_ value: UInt128) -> String {
        if value >> 32 == 0xFFFF {
            return "::ffff:" + formatIPv4(UInt32(truncatingIfNeeded: value))
        }
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: value >> (112 - 16 * $0)) }

        var bestStart = -1, bestLength = 0
        var runStart = -1
        for index in 0...8 {
            if index < 8 && groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                let length = index - runStart
                if length > bestLength { bestStart = runStart; bestLength = length }
                runStart = -1
            }
        }

        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard bestLength >= 2 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
