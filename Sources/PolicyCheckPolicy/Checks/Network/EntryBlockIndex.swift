import PolicyCheckModel
import PolicyCheckNetwork

/// An allowlist's parsed entries grouped by CIDR block, so that the redundant-entries rule finds an entry's
/// duplicate and its narrowest container by lookups instead of comparing every entry with every other (10,000
/// entries took 3.7 s that way, 40,000 took 59 s).
///
/// A block is contained only by blocks of the same network with a shorter prefix, so the containers of an entry
/// are found by masking its network to each shorter prefix length that occurs in the list (at most 32 or 128 of
/// them) and looking the block up: O(n × prefix lengths) for the list, whatever its shape.
struct EntryBlockIndex {
    /// The positions (in the list given) of the entries of each block, in list order, one per distinct port range:
    /// a later entry with the same block and ports can never be the first container found.
    private var byBlock: [CIDR: [Int]] = [:]
    /// The first position of each block and port range, for duplicates.
    private var firstByBlockAndPorts: [BlockAndPorts: Int] = [:]
    /// The prefix lengths that occur in the list, per version, longest first.
    private var prefixLengths: [IPVersion: [Int]] = [:]
    /// The block and ports of each entry, by position in the list given (`nil` block: unknown or unparsable).
    private var blocks: [CIDR?] = []
    private var ports: [PortRange?] = []
    /// The positions of the entries with a block, in list order.
    private(set) var positions: [Int] = []

    init(_ entries: [ParsedAllowlist.Entry]) {
        var lengths: [IPVersion: Set<Int>] = [:]
        // Sized once: growing them rehashed every block as the list was read (3% of a 100,000-entry list's run).
        firstByBlockAndPorts.reserveCapacity(entries.count)
        byBlock.reserveCapacity(entries.count)
        blocks.reserveCapacity(entries.count)
        ports.reserveCapacity(entries.count)
        positions.reserveCapacity(entries.count)
        for position in entries.indices {
            let cidr = entries[position].cidr
            let entryPorts = entries[position].entry.ports
            blocks.append(cidr)
            ports.append(entryPorts)
            guard let cidr else { continue }
            positions.append(position)
            let key = BlockAndPorts(cidr: cidr, ports: entryPorts)
            if firstByBlockAndPorts[key] == nil {
                firstByBlockAndPorts[key] = position
                byBlock[cidr, default: []].append(position)
            }
            lengths[cidr.version, default: []].insert(cidr.prefixLength)
        }
        prefixLengths = lengths.mapValues { $0.sorted(by: >) }
        for (block, candidates) in byBlock where candidates.count > Self.scannedCandidates {
            coverIndexes[block] = PortCoverIndex(candidates.map { ($0, ports[$0]) })
        }
    }

    /// Blocks listed with more distinct port ranges than this find a covering one through a `PortCoverIndex`.
    static let scannedCandidates = 32
    private var coverIndexes: [CIDR: PortCoverIndex] = [:]

    /// The first entry before `position` with the same block and the same ports.
    func duplicate(of position: Int) -> Int? {
        guard let cidr = blocks[position],
              let first = firstByBlockAndPorts[BlockAndPorts(cidr: cidr, ports: ports[position])], first < position
        else { return nil }
        return first
    }

    /// The narrowest other block that contains the entry's block and opens every port it opens (never a whole
    /// space, left to the world-open rule); of several entries with that block, the first in the list.
    func narrowestContainer(of position: Int) -> Int? {
        guard let cidr = blocks[position] else { return nil }
        for length in prefixLengths[cidr.version] ?? [] where length < cidr.prefixLength && length > 0 {
            guard let block = CIDR(cidr.network, prefixLength: length), let candidates = byBlock[block] else { continue }
            if let index = coverIndexes[block] {
                if let found = index.firstCovering(ports[position]) { return found }
                continue
            }
            if let found = candidates.first(where: {
                RedundantEntriesCheck.covers(ports[$0], ports[position])
            }) {
                return found
            }
        }
        return nil
    }
}

/// A block with the ports its entry opens (`nil`: the list states no ports).
private struct BlockAndPorts: Hashable {
    var cidr: CIDR
    var ports: PortRange?
}
