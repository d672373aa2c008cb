/// A list of blocks indexed to say, in time independent of its length, whether any of them contains or overlaps a
/// block: a custom rule's `cidrWithin: [10,000 blocks]` scanned them all for each of 10,000 entries.
public struct CIDRBlockIndex: Sendable {
    /// The blocks as given, in order (for messages).
    public let blocks: [CIDR]
    private var v4 = VersionIndex()
    private var v6 = VersionIndex()

    /// The blocks of one version.
    private struct VersionIndex: Sendable {
        /// The network values of the blocks of each prefix length present, shortest prefix first.
        var networksByPrefix: [(prefixLength: Int, networks: Set<UInt128>)] = []
        /// Every block's network value, ascending.
        var sortedNetworks: [UInt128] = []
    }

    public init(_ blocks: [CIDR]) {
        self.blocks = blocks
        for version in IPVersion.allCases {
            let ofVersion = blocks.filter { $0.version == version }
            var index = VersionIndex()
            let byPrefix = Dictionary(grouping: ofVersion, by: \.prefixLength)
            index.networksByPrefix = byPrefix.keys.sorted().map { prefix in (prefix, Set(byPrefix[prefix]!.map(\.network.value))) }
            index.sortedNetworks = ofVersion.map(\.network.value).sorted()
            if version == .v4 { v4 = index } else { v6 = index }
        }
    }

    /// Whether some block contains all of `cidr` (`blocks.contains { $0.contains(cidr) }`): `cidr`'s network, cut to
    /// each shorter-or-equal prefix length present, is some block's network.
    public func someBlockContains(_ cidr: CIDR) -> Bool {
        let index = cidr.version == .v4 ? v4 : v6
        for (prefixLength, networks) in index.networksByPrefix {
            guard prefixLength <= cidr.prefixLength else { break }
            if networks.contains(cidr.network.value & cidr.version.networkMask(prefixLength: prefixLength)) { return true }
        }
        return false
    }

    /// Whether some block shares an address with `cidr` (`blocks.contains { $0.overlaps(cidr) }`): one contains
    /// `cidr`, or one's network lies inside `cidr` — blocks are aligned, so such a block is inside `cidr` or starts
    /// where it does.
    public func someBlockOverlaps(_ cidr: CIDR) -> Bool {
        if someBlockContains(cidr) { return true }
        let networks = (cidr.version == .v4 ? v4 : v6).sortedNetworks
        var low = 0, high = networks.count
        while low < high {
            let middle = (low + high) / 2
            if networks[middle] < cidr.first.value { low = middle + 1 } else { high = middle }
        }
        return low < networks.count && networks[low] <= cidr.last.value
    }
}
