import PolicyCheckModel
import PolicyCheckNetwork

/// An allowlist's parsed entries grouped by CIDR block, so that the redundant-entries rule finds an entry's
/// duplicate and its narrowest container by lookups instead of comparing every entry with every other (10,000
/// entries took 3.7 s that way, 40,000 took 59 s).
///
/// A block is contained only by blocks of the same network with a shorter prefix, so the containers of an entry
/// are found by masking its network to each shorter prefix length that occurs in the list (at most 32 or 128 of
/// them) and looking the block up: O(n × prefix lengths) for the list, whatever its shape.
///
/// The index holds positions only, in open-addressed tables of 32-bit positions that read blocks and ports from the
/// entries themselves: dictionaries keyed by block held a copy of every block and port range, three times over, and
/// an array per block (40 MB for a 100,000-entry list, the peak of its run).
struct EntryBlockIndex {
    private let entries: [ParsedAllowlist.Entry]
    /// The first position of each block, port range and protocol, for duplicates.
    private var firstByBlockAndPorts: PositionTable
    /// The first position of each block.
    private var firstByBlock: PositionTable
    /// From the first position of each block, port range and protocol, the next such position of the same block
    /// (-1: none): the entries of each block, in list order, one per distinct port range and protocol (a later entry
    /// with the same block, ports and protocol can never be the first container found).
    private var nextOfBlock: [Int32]
    /// The prefix lengths that occur in the list, per version, longest first.
    private var prefixLengths: [IPVersion: [Int]] = [:]
    /// The positions of the entries with a block, in list order.
    private(set) var positions: [Int] = []

    init(_ entries: [ParsedAllowlist.Entry]) {
        self.entries = entries
        // Sized once: growing them rehashed every block as the list was read (3% of a 100,000-entry list's run).
        firstByBlockAndPorts = PositionTable(capacity: entries.count)
        firstByBlock = PositionTable(capacity: entries.count)
        nextOfBlock = Array(repeating: -1, count: entries.count)
        positions.reserveCapacity(entries.count)
        var lastOfBlock = Array(repeating: Int32(-1), count: entries.count)
        var lengths: [IPVersion: Set<Int>] = [:]
        for position in entries.indices {
            guard let cidr = entries[position].cidr else { continue }
            positions.append(position)
            let entryPorts = entries[position].entry.ports
            let entryProtocol = entries[position].entry.ipProtocol
            let slot = firstByBlockAndPorts.slot(Self.hash(cidr, entryPorts, entryProtocol)) { other in
                entries[other].cidr == cidr && entries[other].entry.ports == entryPorts
                    && entries[other].entry.ipProtocol == entryProtocol
            }
            if slot.found == nil {
                firstByBlockAndPorts.insert(position, at: slot.index)
                let block = firstByBlock.slot(Self.hash(cidr)) { entries[$0].cidr == cidr }
                if let head = block.found {
                    nextOfBlock[Int(lastOfBlock[head])] = Int32(position)
                    lastOfBlock[head] = Int32(position)
                } else {
                    firstByBlock.insert(position, at: block.index)
                    lastOfBlock[position] = Int32(position)
                }
            }
            lengths[cidr.version, default: []].insert(cidr.prefixLength)
        }
        prefixLengths = lengths.mapValues { $0.sorted(by: >) }
        var covers: [Int: [ProtocolCover]] = [:]
        let nextOfBlock = nextOfBlock
        firstByBlock.forEachPosition { head in
            var count = 0
            var next = head
            while next >= 0, count <= Self.scannedCandidates {
                count += 1
                next = Int(nextOfBlock[next])
            }
            guard count > Self.scannedCandidates else { return }
            // One index per protocol the block's entries admit, in order of its first entry.
            var groups: [EntryProtocol?: [(position: Int, ports: PortRange?)]] = [:]
            var order: [EntryProtocol?] = []
            next = head
            while next >= 0 {
                let entryProtocol = entries[next].entry.ipProtocol
                if groups[entryProtocol] == nil { order.append(entryProtocol) }
                groups[entryProtocol, default: []].append((next, entries[next].entry.ports))
                next = Int(nextOfBlock[next])
            }
            covers[head] = order.map { ProtocolCover(ipProtocol: $0, ports: PortCoverIndex(groups[$0] ?? [])) }
        }
        coverIndexes = covers
    }

    /// Blocks listed with more distinct port ranges than this find a covering one through a `PortCoverIndex`.
    static let scannedCandidates = 32
    /// By the first position of the block.
    private var coverIndexes: [Int: [ProtocolCover]] = [:]

    /// The entries of a block that admit one protocol, by their ports.
    private struct ProtocolCover {
        let ipProtocol: EntryProtocol?
        let ports: PortCoverIndex
    }

    private static func hash(_ cidr: CIDR, _ ports: PortRange?, _ ipProtocol: EntryProtocol?) -> Int {
        var hasher = Hasher()
        hasher.combine(cidr)
        hasher.combine(ports)
        hasher.combine(ipProtocol)
        return hasher.finalize()
    }

    private static func hash(_ cidr: CIDR) -> Int {
        var hasher = Hasher()
        hasher.combine(cidr)
        return hasher.finalize()
    }

    /// The first entry before `position` with the same block, the same ports and the same protocol (TCP and UDP on
    /// one port are two rules).
    func duplicate(of position: Int) -> Int? {
        guard let cidr = entries[position].cidr else { return nil }
        let ports = entries[position].entry.ports
        let ipProtocol = entries[position].entry.ipProtocol
        guard let first = firstByBlockAndPorts.slot(Self.hash(cidr, ports, ipProtocol), where: {
            entries[$0].cidr == cidr && entries[$0].entry.ports == ports && entries[$0].entry.ipProtocol == ipProtocol
        }).found, first < position else { return nil }
        return first
    }

    /// The narrowest other block that contains the entry's block and opens every port it opens, for the protocol it
    /// admits (never a whole space, left to the world-open rule); of several entries with that block, the first in
    /// the list.
    func narrowestContainer(of position: Int) -> Int? {
        guard let cidr = entries[position].cidr else { return nil }
        let ports = entries[position].entry.ports
        let ipProtocol = entries[position].entry.ipProtocol
        for length in prefixLengths[cidr.version] ?? [] where length < cidr.prefixLength && length > 0 {
            guard let block = CIDR(cidr.network, prefixLength: length),
                  let head = firstByBlock.slot(Self.hash(block), where: { entries[$0].cidr == block }).found
            else { continue }
            if let indexes = coverIndexes[head] {
                let found = indexes.lazy.filter { RedundantEntriesCheck.admits($0.ipProtocol, ipProtocol) }
                    .compactMap { $0.ports.firstCovering(ports) }.min()
                if let found { return found }
                continue
            }
            var next = head
            while next >= 0 {
                if RedundantEntriesCheck.covers(entries[next].entry.ports, ports),
                   RedundantEntriesCheck.admits(entries[next].entry.ipProtocol, ipProtocol) { return next }
                next = Int(nextOfBlock[next])
            }
        }
        return nil
    }
}

/// Positions in an open-addressed table (linear probing, at most half full) whose keys the caller reads from the
/// positions themselves.
private struct PositionTable {
    /// -1: an empty slot.
    private var slots: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// The slot holding a position `matches` accepts, else the empty slot where such a position goes.
    func slot(_ hash: Int, where matches: (Int) -> Bool) -> (index: Int, found: Int?) {
        var index = hash & mask
        while slots[index] >= 0 {
            let position = Int(slots[index])
            if matches(position) { return (index, position) }
            index = (index + 1) & mask
        }
        return (index, nil)
    }

    mutating func insert(_ position: Int, at index: Int) {
        slots[index] = Int32(position)
    }

    /// Calls `body` with each position held, in slot order.
    func forEachPosition(_ body: (Int) -> Void) {
        for position in slots where position >= 0 { body(Int(position)) }
    }
}
