import Foundation
import PolicyCheckNetwork
import PolicyCheckSyntax
import PolicyCheckTestSupport
import Testing
@testable import PolicyCheckKit
@testable import PolicyCheckPolicy

/// The redundant-entries rule finds, through its block index, exactly what comparing every entry with every other
/// found, and stays fast on lists of 100,000 entries.
@Suite struct RedundantEntriesScaleTests {
    @Test(arguments: 0..<40)
    func indexFindsWhatThePairwiseComparisonFound(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 7)
        let count = Int.random(in: 1...120, using: &random)
        let list = Self.allowlist((0..<count).map { _ in Self.randomEntry(using: &random) })
        let found = Self.messages(try Self.check([list]))
        #expect(found == Self.pairwise(ParsedAllowlist(list)))
    }

    @Test func largeListsFindEveryContainedEntry() throws {
        // Speed is measured in the benchmark (Benchmarks/shapes.sh), never by a timed test: here only that a list of
        // 20,000 entries is judged completely by the index.
        let (_, smallCount) = try Self.timedCheck(blocks: 2_000)
        let (_, largeCount) = try Self.timedCheck(blocks: 20_000)
        #expect(smallCount == 2_000 && largeCount == 20_000)
    }

    /// Checks one list of `blocks` /24s with a /16 above every 256 of them: every /24 lies inside its /16.
    static func timedCheck(blocks: Int) throws -> (Duration, Int) {
        var entries: [AllowlistEntry] = []
        for index in 0..<blocks {
            entries.append(entry("\(16 + index >> 16 & 0xFF).\(index >> 8 & 0xFF).\(index & 0xFF).0/24", at: index))
        }
        for index in 0..<(blocks + 255) / 256 {
            entries.append(entry("16.\(index).0.0/16", at: blocks + index))
        }
        let list = allowlist(entries)
        let started = ContinuousClock.now
        let results = try check([list])
        return (ContinuousClock.now - started, messages(results).count)
    }

    // MARK: - The pairwise comparison the index replaced (the reference)

    static func pairwise(_ list: ParsedAllowlist) -> [String] {
        let entries = list.effective.compactMap { entry in entry.cidr.map { (entry, $0) } }
        var messages: [String] = []
        for (position, (entry, cidr)) in entries.enumerated() {
            if let (original, _) = entries[..<position].first(where: { $0.1 == cidr && $0.0.entry.ports == entry.entry.ports }) {
                messages.append("'\(entry.text)' duplicates '\(original.text)' at \(original.entry.origin.path)")
                continue
            }
            let containers = entries.filter {
                $0.1 != cidr && !$0.1.isWholeSpace && $0.1.contains(cidr)
                    && RedundantEntriesCheck.covers($0.0.entry.ports, entry.entry.ports)
            }
            if let (container, _) = containers.max(by: { $0.1.prefixLength < $1.1.prefixLength }) {
                messages.append("'\(entry.text)' lies inside '\(container.text)' at \(container.entry.origin.path), so it adds nothing")
            }
        }
        return messages
    }

    // MARK: - Random lists

    /// Few networks and prefix lengths, so duplicates, containment and port variants are frequent.
    static func randomEntry(using random: inout SplitMix64) -> AllowlistEntry {
        let v6 = Int.random(in: 0..<5, using: &random) == 0
        let text: String
        if v6 {
            let length = [0, 16, 32, 48, 64, 128].randomElement(using: &random)!
            text = "2001:db8:\(String(Int.random(in: 0..<3, using: &random), radix: 16))::/\(length)"
        } else {
            let length = [0, 8, 16, 20, 24, 28, 32].randomElement(using: &random)!
            text = "10.\(Int.random(in: 0..<3, using: &random)).\(Int.random(in: 0..<4, using: &random) * 16).\(Int.random(in: 0..<2, using: &random) * 8)/\(length)"
        }
        let cidr: Fact<String> = Int.random(in: 0..<25, using: &random) == 0 ? .unknown(reason: "later") : .known(text)
        let ports: PortRange? = [nil, PortRange(443, 443), PortRange(0, 65535), PortRange(400, 500), PortRange(22, 22)]
            .randomElement(using: &random)!
        var entry = AllowlistEntry(cidr: Located(cidr, at: Origin(offset: 0, path: "")), description: nil,
                                   enabled: Int.random(in: 0..<10, using: &random) != 0, origin: Origin(offset: 0, path: ""),
                                   ports: ports)
        entry.origin = Origin(offset: Int.random(in: 0..<1000, using: &random), path: "entries[\(Int.random(in: 0..<1000, using: &random))]")
        return entry
    }

    static func entry(_ cidr: String, at index: Int) -> AllowlistEntry {
        AllowlistEntry(cidr: Located(.known(cidr), at: Origin(offset: index, path: "entries[\(index)].cidr")),
                       description: nil, enabled: true, origin: Origin(offset: index, path: "entries[\(index)]"))
    }

    static func allowlist(_ entries: [AllowlistEntry]) -> Allowlist {
        var list = Allowlist(kind: .securityGroupIngress, component: "list", origin: Origin(offset: 0, path: ""),
                             internetFacing: true, hasDescriptionField: false)
        list.entries = entries
        return list
    }

    static func check(_ lists: [Allowlist]) throws -> [CheckResult] {
        let parameters = try CheckParameters.parse("{}")
        return RedundantEntriesCheck(parameters: parameters).evaluate(deployment(lists),
                                                                      context: CheckContext(now: Timestamp(secondsSinceEpoch: 0)))
    }

    static func deployment(_ lists: [Allowlist]) -> Deployment {
        var deployment = Deployment(name: "lists.yaml", source: SourceFile(path: "lists.yaml", bytes: []),
                                    format: .native, origin: Origin(offset: 0, path: ""))
        deployment.allowlists = lists
        return deployment
    }

    static func messages(_ results: [CheckResult]) -> [String] {
        results.flatMap { result -> [String] in
            if case .fail(let evidence) = result.outcome { return evidence.map(\.message) }
            return []
        }
    }
}
