/// An inclusive range of address values of one version; the working unit of coverage arithmetic.
struct AddressInterval: Sendable, Hashable {
    var version: IPVersion
    var lower: UInt128
    var upper: UInt128

    init(version: IPVersion, lower: UInt128, upper: UInt128) {
        precondition(lower <= upper && upper <= version.maxValue, "invalid address interval")
        self.version = version
        self.lower = lower
        self.upper = upper
    }

    init(_ cidr: CIDR) {
        self.init(version: cidr.version, lower: cidr.first.value, upper: cidr.last.value)
    }

    /// Number of addresses as a Double (2^128 for the whole IPv6 space).
    var size: Double { Double(upper - lower) + 1 }

    func contains(_ other: AddressInterval) -> Bool {
        lower <= other.lower && other.upper <= upper
    }

    /// Sorts and merges overlapping or adjacent intervals of one version into disjoint, non-adjacent ones.
    static func merge(_ intervals: [AddressInterval]) -> [AddressInterval] {
        let sorted = intervals.sorted { ($0.lower, $0.upper) < ($1.lower, $1.upper) }
        var merged: [AddressInterval] = []
        merged.reserveCapacity(sorted.count)
        for interval in sorted {
            if var current = merged.last,
               current.upper == current.version.maxValue || interval.lower <= current.upper + 1 {
                current.upper = max(current.upper, interval.upper)
                merged[merged.count - 1] = current
            } else {
                merged.append(interval)
            }
        }
        return merged
    }

    /// The parts of [0, max] of `version` not covered by the merged, sorted `intervals`.
    static func complement(of intervals: [AddressInterval], version: IPVersion) -> [AddressInterval] {
        var gaps: [AddressInterval] = []
        var next: UInt128 = 0
        var exhausted = false
        for interval in intervals {
            if interval.lower > next {
                gaps.append(AddressInterval(version: version, lower: next, upper: interval.lower - 1))
            }
            if interval.upper == version.maxValue { exhausted = true; break }
            next = interval.upper + 1
        }
        if !exhausted {
            gaps.append(AddressInterval(version: version, lower: next, upper: version.maxValue))
        }
        return gaps
    }

    /// The minimal list of CIDR blocks, in address order, whose union is exactly this interval.
    var cidrs: [CIDR] {
        let bits = version.bits
        var blocks: [CIDR] = []
        var start = lower
        while true {
            let remaining = upper - start
            var hostBits = start == 0 ? bits : min(start.trailingZeroBitCount, bits)
            while hostBits > 0 && Self.lowMask(hostBits) > remaining { hostBits -= 1 }
            let address = version == .v4
                ? IPAddress(ipv4: UInt32(truncatingIfNeeded: start))
                : IPAddress(ipv6: start)
            blocks.append(CIDR(address, prefixLength: bits - hostBits)!)
            let blockEnd = start + Self.lowMask(hostBits)
            if blockEnd == upper { return blocks }
            start = blockEnd + 1
        }
    }

    /// The value with the low `count` bits set (0 ≤ count ≤ 128).
    private static func lowMask(_ count: Int) -> UInt128 {
        count == 0 ? 0 : UInt128.max >> (128 - count)
    }
}
