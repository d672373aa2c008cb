import PolicyCheckModel
import PolicyCheckNetwork

/// Whether allowlist entries together cover every public address (`PublicAddressSpace`: every address but blocks no
/// internet host connects from, so `0.0.0.0/1`, `128.0.0.0/2` and `192.0.0.0/3` admit the whole internet as
/// `0.0.0.0/0` does) for one protocol and port: only entries that
/// admit the same packet join — TCP 53 from `0.0.0.0/1` and UDP 53 from `128.0.0.0/1` admit no address on either
/// protocol from everywhere. An entry admitting every protocol (`-1`, or a format that does not say) joins each
/// protocol's entries; an ICMP entry joins others on its type and code, and opens no port.
///
/// Per protocol, the entries are swept by port: the entries that admit a port are most at one of their lower ports,
/// so only those (and, to tell an administrative union, the administrative ports) are tried, with the blocks in force
/// kept in a trie that answers whether they cover the space: O(n log n + n × prefix length) for a list, whatever its
/// shape.
enum ProtocolPortUnion {
    struct Item {
        let cidr: CIDR
        let ipProtocol: EntryProtocol?
        /// The ranges the entry opens (`ports` and `additionalPorts`, as `AllowlistEntry` keeps them, so that no
        /// array is made per entry); none: every port.
        let ports: PortRange?
        let additionalPorts: [PortRange]

        var ranges: [PortRange] { (ports.map { [$0] } ?? []) + additionalPorts }
        var hasRanges: Bool { ports != nil || !additionalPorts.isEmpty }
    }

    /// Where the items cover the space: the blocks of the first union found that reaches an administrative port (or
    /// every port), and of the first found that does not.
    struct Coverage {
        var administrative: [CIDR]?
        var other: [CIDR]?
    }

    /// The protocols entries are judged on one at a time: TCP and UDP by port, each ICMP version by type and code
    /// (spread over 0–65535 as type × 256 + code), any other protocol number as one all-port protocol.
    private enum Class: Hashable {
        case any, tcp, udp, icmp(version6: Bool), number(Int)

        /// Whether a union on this protocol reaches administrative ports.
        var hasPorts: Bool {
            switch self {
            case .any, .tcp, .udp: return true
            case .icmp, .number: return false
            }
        }
    }

    static func coverage(_ items: [Item], version: IPVersion, administrativePorts: [Int]) -> Coverage {
        var coverage = Coverage()
        let needed = CIDR.wholeSpace(version).addressCount - PublicAddressSpace.unreachableCount(version)
        // Most lists' blocks do not add up to the public space, and cannot cover it on any protocol.
        guard items.reduce(0.0, { $0 + ($1.cidr.version == version ? $1.cidr.addressCount : 0) }) >= needed
        else { return coverage }
        var universal: [Int] = []
        var byClass: [Class: [Int]] = [:]
        var order: [Class] = []
        for (index, item) in items.enumerated() {
            guard let key = Self.key(item.ipProtocol) else { universal.append(index); continue }
            if byClass[key] == nil { order.append(key) }
            byClass[key, default: []].append(index)
        }
        for key in [Class.any] + order {
            let members = universal + (byClass[key] ?? [])
            var spans: [(range: PortRange, item: Int)] = []
            for index in members {
                for range in Self.spans(of: items[index], in: key) { spans.append((range, index)) }
            }
            let points = key.hasPorts ? administrativePorts : []
            Self.sweep(spans, items: items, version: version, administrativePorts: points,
                       administrativeAlways: Self.isAllPortProtocol(key), into: &coverage)
            if coverage.administrative != nil && coverage.other != nil { break }
        }
        return coverage
    }

    /// `nil`: the entry admits every protocol.
    private static func key(_ ipProtocol: EntryProtocol?) -> Class? {
        switch ipProtocol {
        case nil, .all?: return nil
        case .tcp?: return .tcp
        case .udp?: return .udp
        case .icmp(let version6, _, _)?: return .icmp(version6: version6)
        case .number(let number)?: return .number(Int(number))
        }
    }

    /// Protocols other than TCP, UDP and ICMP are judged as all-port rules, administrative ports among them.
    private static func isAllPortProtocol(_ key: Class) -> Bool {
        if case .number = key { return true }
        return false
    }

    /// The ranges an item admits on one protocol's axis.
    private static func spans(of item: Item, in key: Class) -> [PortRange] {
        let all = PortRange(0, 65535)
        switch item.ipProtocol {
        case .icmp(_, let type, let code)?:
            guard let type = type.map(Int.init) else { return [all] }
            guard let code = code.map(Int.init) else { return [PortRange(type * 256, type * 256 + 255)] }
            return [PortRange(type * 256 + code, type * 256 + code)]
        case .all?:
            return [all]
        default:
            // Ports mean nothing to ICMP and other protocols: an entry admitting every protocol on some ports
            // admits none of them there.
            if !item.hasRanges { return [all] }
            return key.hasPorts ? item.ranges : []
        }
    }

    /// Tries the points where the set of admitting entries is largest (each span's lower end) and the
    /// administrative ports, and records the first union that covers the space of each kind.
    private static func sweep(_ spans: [(range: PortRange, item: Int)], items: [Item],
                              version: IPVersion, administrativePorts: [Int], administrativeAlways: Bool,
                              into coverage: inout Coverage) {
        let relevant = spans.filter { items[$0.item].cidr.version == version && !items[$0.item].cidr.isWholeSpace }
        guard !relevant.isEmpty else { return }
        let sorted = relevant.sorted { $0.range.lower < $1.range.lower }
        let administrative = Set(administrativePorts)
        var points = Set(sorted.map(\.range.lower))
        for port in administrativePorts where port >= 0 && port <= 65535 { points.insert(port) }
        // Active spans by upper end, for removal as the sweep moves on; their blocks in a trie that says at once
        // whether they cover the space, so no point gathers and merges the blocks (a list of nested blocks on
        // 100,000 port ranges would merge them 100,000 times).
        var active = MinHeap()
        var trie = CoverTrie(version: version)
        var next = 0
        for point in points.sorted() {
            while next < sorted.count, sorted[next].range.lower <= point {
                active.push(upper: sorted[next].range.upper, span: next)
                trie.add(items[sorted[next].item].cidr)
                next += 1
            }
            while let top = active.peek, top.upper < point {
                _ = active.pop()
                trie.remove(items[sorted[top.span].item].cidr)
            }
            guard trie.coversWholeSpace else { continue }
            let isAdministrative = administrativeAlways || administrative.contains(point)
            if isAdministrative ? coverage.administrative != nil : coverage.other != nil { continue }
            // The blocks in the order the list gives them, each entry once.
            var last = -1
            let blocks = active.spans.map { sorted[$0].item }.sorted().compactMap { item -> CIDR? in
                defer { last = item }
                return item == last ? nil : items[item].cidr
            }
            if isAdministrative { coverage.administrative = blocks } else { coverage.other = blocks }
            if coverage.administrative != nil && coverage.other != nil { return }
        }
    }

    /// The blocks in force, as a binary trie of prefixes: a prefix is full when a block is it, or both its halves
    /// are full, so the space is covered exactly when its root is. Adding or removing a block walks up its prefixes
    /// only (at most 32 or 128), and stops where nothing changes. Exact: no address arithmetic, IPv6 too.
    private struct CoverTrie {
        let version: IPVersion
        /// How many blocks in force are each prefix.
        private var counts: [CIDR: Int] = [:]
        private var full: Set<CIDR> = []

        /// A trie holding the blocks no internet host connects from, which are never a list's (nor removed).
        init(version: IPVersion) {
            self.version = version
            for block in PublicAddressSpace.unreachable(version) { add(block) }
        }

        var coversWholeSpace: Bool { full.contains(CIDR.wholeSpace(version)) }

        mutating func add(_ block: CIDR) {
            counts[block, default: 0] += 1
            if counts[block] == 1 { refresh(from: block) }
        }

        mutating func remove(_ block: CIDR) {
            guard let count = counts[block] else { return }
            if count > 1 { counts[block] = count - 1; return }
            counts[block] = nil
            refresh(from: block)
        }

        private mutating func refresh(from block: CIDR) {
            var node = block
            while true {
                var isFull = counts[node] != nil
                if !isFull, node.prefixLength < version.bits,
                   let left = CIDR(node.first, prefixLength: node.prefixLength + 1),
                   let right = CIDR(node.last, prefixLength: node.prefixLength + 1) {
                    isFull = full.contains(left) && full.contains(right)
                }
                guard isFull != full.contains(node) else { return }
                if isFull { full.insert(node) } else { full.remove(node) }
                guard node.prefixLength > 0, let parent = CIDR(node.network, prefixLength: node.prefixLength - 1)
                else { return }
                node = parent
            }
        }
    }

    /// A binary min-heap of spans by their upper end.
    private struct MinHeap {
        private var heap: [(upper: Int, span: Int)] = []

        var peek: (upper: Int, span: Int)? { heap.first }
        var spans: [Int] { heap.map(\.span) }

        mutating func push(upper: Int, span: Int) {
            heap.append((upper, span))
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard heap[child].upper < heap[parent].upper else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }

        mutating func pop() -> (upper: Int, span: Int)? {
            guard !heap.isEmpty else { return nil }
            heap.swapAt(0, heap.count - 1)
            let top = heap.removeLast()
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var least = parent
                if left < heap.count, heap[left].upper < heap[least].upper { least = left }
                if right < heap.count, heap[right].upper < heap[least].upper { least = right }
                guard least != parent else { break }
                heap.swapAt(parent, least)
                parent = least
            }
            return top
        }
    }
}
