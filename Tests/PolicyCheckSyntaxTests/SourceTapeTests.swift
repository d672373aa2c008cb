import PolicyCheckSyntax
import Testing

/// JSON nodes read from the parser's tape answer every accessor as a tree built from values would.
struct SourceTapeTests {
    static let document = #"{"a": [1, "two", {"b": null}], "c": {"d": true, "e": false}, "f": [], "g": {}, "a2": -1.5e3}"#

    /// The same document rebuilt from materialised values only (no tape).
    private func owned(_ node: SourceNode) -> SourceNode {
        switch node.value {
        case .sequence(let items): return SourceNode(.sequence(items.map(owned)), offset: node.offset)
        case .mapping(let entries):
            return SourceNode(.mapping(entries.map { SourceEntry(key: $0.key, keyOffset: $0.keyOffset, value: owned($0.value)) }),
                              offset: node.offset)
        default: return SourceNode(node.value, offset: node.offset)
        }
    }

    /// Every accessor of `node` and `tree`, recursively, as text.
    private func describe(_ node: SourceNode) -> [String] {
        var lines = ["\(node.offset) \(node.kindDescription) map=\(node.isMapping) seq=\(node.isSequence) n=\(node.memberCount)"
            + " s=\(node.string ?? "-") b=\(node.bool.map(String.init) ?? "-") num=\(node.numberLiteral ?? "-") null=\(node.isNull)"]
        for entry in node.entries ?? [] {
            lines.append("key \(entry.key)@\(entry.keyOffset) sub=\(node[entry.key]?.offset ?? -1) entry=\(node.entry(entry.key)?.keyOffset ?? -1)")
            lines += describe(entry.value)
        }
        for item in node.items ?? [] { lines += describe(item) }
        return lines
    }

    @Test func tapeNodesAnswerLikeOwnedNodes() throws {
        let node = try readJSON(Self.document)
        #expect(describe(node) == describe(owned(node)))
        #expect(node["missing"] == nil && node.entry("missing") == nil)
        #expect(node["a"]?["b"] == nil)
        #expect(node["a"]?.items?[2]["b"]?.isNull == true)
        #expect(node["c"]?.entry("e")?.keyOffset == 48)
        #expect(node["a2"]?.numberLiteral == "-1.5e3")
    }

    @Test func settingTheValueOfATapeNodeReplacesIt() throws {
        var node = try #require(readJSON(Self.document)["c"])
        node.value = .string("replaced")
        #expect(node.string == "replaced")
        #expect(!node.isMapping)
        #expect(node["d"] == nil)
        node.tag = "!Ref"
        #expect(node.tag == "!Ref")
    }

    @Test func scalarDocumentsAreOneNode() throws {
        #expect(try readJSON("\"text\"").string == "text")
        #expect(try readJSON(" 42 ").numberLiteral == "42")
        #expect(try readJSON("true").bool == true)
        #expect(try readJSON("null").isNull)
    }
}

/// Iterating members without building arrays visits what `entries` and `items` hold, for tape and owned nodes.
struct SourceNodeIterationTests {
    @Test func forEachVisitsEveryMemberInOrder() throws {
        let tape = try readJSON(#"{"a": 1, "b": [true, "x", null], "c": {}}"#)
        let owned = SourceNode(.mapping(tape.entries ?? []), offset: tape.offset)
        for node in [tape, owned] {
            var keys: [String] = []
            node.forEachEntry { keys.append("\($0.key)@\($0.keyOffset)") }
            #expect(keys == (tape.entries ?? []).map { "\($0.key)@\($0.keyOffset)" })
            var items: [String] = []
            node["b"]?.forEachItem { position, item in items.append("\(position):\(item.kindDescription)") }
            #expect(items == ["0:a boolean", "1:a string", "2:null"])
        }
        var none = 0
        tape["a"]?.forEachEntry { _ in none += 1 }
        tape["c"]?.forEachItem { _, _ in none += 1 }
        #expect(none == 0)
    }
}
