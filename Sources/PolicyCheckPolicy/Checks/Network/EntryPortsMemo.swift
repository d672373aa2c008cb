import PolicyCheckModel

/// What checks say about an entry's ports — the words for a message, whether they reach an administrative port —
/// worked out once per port list rather than once per entry.
///
/// A Kubernetes rule opens the same ports for each of its ranges, and its entries share one list; a Service with
/// 10,000 ranges and 10,000 ports had each entry's list copied, scanned and spelt out in full in every message
/// (1.6 GB and 590 MB of report for a 372 KB input). Lists are told apart by their first range and their shared
/// storage (entries are not changed while checks run, so a list's storage is not reused under them).
final class EntryPortsMemo {
    private struct Key: Hashable {
        let first: PortRange?
        let ipProtocol: EntryProtocol?
        let rest: UnsafeRawPointer?
        let restCount: Int
    }
    private var texts: [Key: String] = [:]
    private var administrative: [Key: Bool] = [:]

    /// At most this many ranges are spelt in a message; the rest are counted.
    static let shownRanges = 16

    private static func key(_ entry: AllowlistEntry) -> Key {
        let rest = entry.additionalPorts
        return Key(first: entry.ports, ipProtocol: entry.ipProtocol, rest: rest.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) },
                   restCount: rest.count)
    }

    /// ` on port 443`, ` on ports 80, 443`, ` on every port`, ` for ICMP type 8` (an ICMP rule opens no port), or
    /// nothing when the format does not say.
    func text(_ entry: AllowlistEntry) -> String {
        let key = Self.key(entry)
        if let known = texts[key] { return known }
        let text = Self.spell(entry)
        texts[key] = text
        return text
    }

    /// Whether the entry opens an administrative port (or does not say which ports it opens); an ICMP entry opens
    /// none.
    func reachesAdministrative(_ entry: AllowlistEntry, ports administrativePorts: [Int]) -> Bool {
        let key = Self.key(entry)
        if let known = administrative[key] { return known }
        let ranges = entry.allPorts
        let reaches = (entry.ipProtocol?.isICMP != true && ranges.isEmpty)
            || ranges.contains { range in administrativePorts.contains { range.contains($0) } }
        administrative[key] = reaches
        return reaches
    }

    private static func spell(_ entry: AllowlistEntry) -> String {
        if let icmp = entry.ipProtocol?.icmpText { return " for " + icmp }
        let ranges = entry.allPorts
        guard let first = ranges.first else { return "" }
        if ranges.contains(where: { $0.lower == 0 && $0.upper == 65535 }) { return " on every port" }
        if ranges.count == 1 {
            return first.lower == first.upper ? " on port \(first.lower)" : " on ports \(first.lower)–\(first.upper)"
        }
        let shown = ranges.prefix(shownRanges).map { $0.lower == $0.upper ? "\($0.lower)" : "\($0.lower)–\($0.upper)" }
        let more = ranges.count > shownRanges ? " and \(ranges.count - shownRanges) more port ranges" : ""
        return " on ports " + shown.joined(separator: ", ") + more
    }
}
