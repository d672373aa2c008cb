import PolicyCheckSyntax
import Testing

/// JSON nodes read from the parser's tape answer every accessor as a tree built from values would.
struct SourceTapeTests {
    static let document = #"{"a": [1, "two", {"b": null}], "c": {"d": true, "e": false}, "f": [], "g": {}, "a2": -1.5e3}"#

    /// The same document rebuilt from materialised values only (no tape).
    static func owned(_ node: SourceNode) -> SourceNode {
        switch node.value {
        case .sequence(let items): return SourceNode(.sequence(items.map(Self.owned)), offset: node.offset)
        case .mapping(let entries):
            return SourceNode(.mapping(entries.map { SourceEntry(key: $0.key, keyOffset: $0.keyOffset, value: Self.owned($0.value)) }),
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

    @Test func presenceOfNamesIsOnePassThatAnswersLikeLookups() throws {
        let node = try readJSON(Self.document)
        let keys = ["a", "missing", "c", "a2", "d", "g"].map(SourceKey.init)
        // Bits in the names' order: a, c, a2 and g are members of the root; d is a member of c only.
        #expect(node.presence(of: keys) == 0b101101)
        #expect(Self.owned(node).presence(of: keys) == 0b101101)
        #expect(node["c"]?.presence(of: keys) == 0b010000)
        #expect(node["a"]?.presence(of: keys) == 0, "a list has no names")
        #expect(node.presence(of: []) == 0)
        #expect(node.isString == false && node["a"]?.items?[1].isString == true)
        #expect(Self.owned(node)["a"]?.items?[1].isString == true)
    }

    @Test func tapeNodesAnswerLikeOwnedNodes() throws {
        let node = try readJSON(Self.document)
        #expect(describe(node) == describe(Self.owned(node)))
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

    /// Key offsets are found again from each value, back over the colon and whitespace to the key's opening quote,
    /// past quotes and backslashes escaped inside the key.
    @Test func keyOffsetsAreFoundPastEscapedQuotesAndBackslashes() throws {
        let text = #"{"plain" : 1,"q\"uote":2, "back\\":3,"\\\"":"v", "\u0022x" :\#n\#t{"in\"ner\\\\" : [ ] }}"#
        let node = try readJSON(text)
        let entries = try #require(node.entries)
        #expect(entries.map(\.key) == ["plain", "q\"uote", "back\\", "\\\"", "\"x"])
        let starts = [#""plain""#, #""q\"uote""#, #""back\\""#, #""\\\"""#, #""\u0022x""#].map { text.byteOffset(of: $0) }
        #expect(entries.map(\.keyOffset) == starts)
        let inner = try #require(entries[4].value.entries?.first)
        #expect(inner.key == "in\"ner\\\\")
        #expect(inner.keyOffset == text.byteOffset(of: #""in\"ner"#))
        #expect(node.entry("back\\")?.keyOffset == text.byteOffset(of: #""back\\""#))
    }

    /// `forEachString` visits every string below a node in document order, with the steps that lead to it, the
    /// same for tape nodes and nodes built from values.
    @Test func forEachStringGivesEveryStringAndItsSteps() throws {
        let node = try readJSON(#"{"a": ["x", {"b": "y", "n": 1}], "c": "z", "d": {"e": []}}"#)
        for tree in [node, SourceTapeTests.owned(node)] {
            var seen: [String] = []
            tree.forEachString { text, steps in
                let path = steps().map { step -> String in
                    switch step {
                    case .key(let key): return "." + key
                    case .index(let index): return "[\(index)]"
                    }
                }.joined()
                seen.append("\(path)=\(text)")
            }
            #expect(seen == [".a[0]=x", ".a[1].b=y", ".c=z"])
            var inner: [String] = []
            tree["a"]?.forEachString { text, steps in inner.append("\(steps().count)\(text)") }
            #expect(inner == ["1x", "2y"])
        }
    }

    /// The prefix is compared with the decoded text, so an escaped spelling of it matches too.
    @Test func forEachStringWithPrefixMatchesDecodedTexts() throws {
        let node = try readJSON(#"["arn:a", "\u0061rn:b", "ar", "xarn:", "arn:\n", "\"arn:"]"#)
        for tree in [node, SourceTapeTests.owned(node)] {
            var seen: [String] = []
            tree.forEachString(withPrefix: "arn:") { text, _ in seen.append(text) }
            #expect(seen == ["arn:a", "arn:b", "arn:\n"])
        }
    }
}
