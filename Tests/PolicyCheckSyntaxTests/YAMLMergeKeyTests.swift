@testable import PolicyCheckSyntax
import Testing

/// Merge keys look keys up in a set; these tests hold them to the scan they replaced: a mapping's own entries first,
/// then each merged entry whose key no entry before it (its own or merged earlier) has, sources in order.
@Suite struct YAMLMergeKeyTests {
    typealias Entry = (key: String, value: String)

    /// The merge as it was computed before the sets: `own` entries, then `sources` merged by scanning.
    static func referenceMerge(own: [Entry], sources: [[Entry]]) -> [Entry] {
        var merged: [Entry] = []
        for source in sources {
            merged.append(contentsOf: source.filter { entry in !merged.contains { $0.key == entry.key } })
        }
        var members = own
        for entry in merged where !members.contains(where: { $0.key == entry.key }) { members.append(entry) }
        return members
    }

    static func flow(_ entries: [Entry]) -> String {
        "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// Sources whose keys overlap each other and the mapping's own keys in several patterns.
    @Test(arguments: 0..<5)
    func mergedEntriesAreThoseTheScanKept(_ pattern: Int) throws {
        let sources: [[Entry]] = (0..<6).map { source in
            (0..<8).compactMap { slot in
                let key = (source * (pattern + 2) + slot * (pattern + 1)) % 17
                return slot % (pattern + 2) == 0 && pattern > 0 ? nil : (key: "k\(key)", value: "s\(source)x\(slot)")
            }
        }.map { entries in
            var seen: Set<String> = []
            return entries.filter { seen.insert($0.key).inserted }
        }
        let own: [Entry] = (0..<pattern * 2).map { (key: "k\(($0 * 3 + pattern) % 17)", value: "own\($0)") }
            .reduce(into: []) { kept, entry in if !kept.contains(where: { $0.key == entry.key }) { kept.append(entry) } }
        let anchors = sources.indices.map { "  - &a\($0) \(Self.flow(sources[$0]))\n" }.joined()
        let ownText = own.map { "  \($0.key): \($0.value)\n" }.joined()
        let refs = sources.indices.map { "*a\($0)" }.joined(separator: ", ")
        // The mapping's own keys after the `<<`: before it, a key the merge sets again is refused (readers disagree).
        let yaml = "anchors:\n\(anchors)m:\n  <<: [\(refs)]\n\(ownText)"
        let root = try #require(try YAMLReader().read(Array(yaml.utf8)).first)
        let entries = try #require(root["m"]?.entries)
        let expected = Self.referenceMerge(own: own, sources: sources)
        #expect(entries.map(\.key) == expected.map(\.key))
        #expect(entries.map { $0.value.string ?? "" } == expected.map(\.value))
    }

    /// A source that itself merges brings its merged entries too, behind its own, and still loses to earlier ones.
    @Test func nestedMergesKeepTheirOrder() throws {
        let yaml = "a: &a {x: 1, y: 2}\nb: &b {<<: *a, y: 3, z: 4}\nm:\n  <<: [*b, *a]\n  z: 0\n"
        let root = try #require(try YAMLReader().read(Array(yaml.utf8)).first)
        #expect(root["b"]?.entries?.map(\.key) == ["y", "z", "x"])
        #expect(root["m"]?.entries?.map { "\($0.key)=\($0.value.numberLiteral ?? "")" } == ["z=0", "y=3", "x=1"])
    }
}
