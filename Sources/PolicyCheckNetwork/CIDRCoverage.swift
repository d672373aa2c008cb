/// Set arithmetic over lists of CIDR blocks, done on 128-bit intervals without enumerating addresses.
public enum CIDRCoverage {
    /// Merges overlapping/adjacent blocks into the minimal sorted set of disjoint CIDRs per version (true aggregation).
    public static func aggregate(_ blocks: [CIDR]) -> [CIDR] {
        IPVersion.allCases.flatMap { version in
            mergedIntervals(blocks, version: version).flatMap(\.cidrs)
        }
    }

    /// Whether the union of the blocks of one version covers that version's whole address space (e.g. 0.0.0.0/1 + 128.0.0.0/1, or ::/1 + 8000::/1).
    public static func coversWholeSpace(_ blocks: [CIDR], version: IPVersion) -> Bool {
        if blocks.contains(where: { $0.version == version && $0.isWholeSpace }) { return true }
        let merged = mergedIntervals(blocks, version: version)
        return merged.count == 1 && merged[0].lower == 0 && merged[0].upper == version.maxValue
    }

    /// Fraction of the space covered (for messages), Double.
    public static func coveredFraction(_ blocks: [CIDR], version: IPVersion) -> Double {
        let covered = mergedIntervals(blocks, version: version).reduce(0.0) { $0 + $1.size }
        return min(covered / version.spaceSize, 1.0)
    }

    /// The minimal sorted CIDRs of `version` that the blocks leave uncovered (empty when the space is covered).
    public static func uncovered(_ blocks: [CIDR], version: IPVersion) -> [CIDR] {
        AddressInterval.complement(of: mergedIntervals(blocks, version: version), version: version)
            .flatMap(\.cidrs)
    }

    static func mergedIntervals(_ blocks: [CIDR], version: IPVersion) -> [AddressInterval] {
        AddressInterval.merge(blocks.lazy.filter { $0.version == version }.map(AddressInterval.init))
    }
}
