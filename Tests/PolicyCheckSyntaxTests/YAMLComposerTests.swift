@testable import PolicyCheckSyntax
import Testing

/// The YAML reader composes trees from libyaml's events itself: anchors, aliases, merge keys, duplicate keys, tags
/// and positions keep the rules `YAMLReader` documents.
@Suite struct YAMLComposerTests {
    private func read(_ yaml: String, limits: YAMLReader.Limits = YAMLReader.Limits()) throws -> [SourceNode] {
        try YAMLReader(limits: limits).read(Array(yaml.utf8))
    }

    private func failure(_ yaml: String, limits: YAMLReader.Limits = YAMLReader.Limits()) -> SyntaxError? {
        #expect(throws: SyntaxError.self) { try YAMLReader(limits: limits).read(Array(yaml.utf8)) }
    }

    @Test func anEmptyStreamOrOneOfCommentsHoldsNoDocuments() throws {
        #expect(try read("").isEmpty)
        #expect(try read("# only a comment\n\n").isEmpty)
        #expect(try read("---\n").count == 1)
    }

    @Test func scalarsResolveByTheCoreSchemaAndQuotedOnesStayStrings() throws {
        let root = try #require(try read("a: 1\nb: \"1\"\nc: true\nd: 'true'\ne: ~\nf: !!str 2\ng: !!int 3\nh: !Ref x\n").first)
        #expect(root["a"]?.numberLiteral == "1" && root["b"]?.string == "1")
        #expect(root["c"]?.bool == true && root["d"]?.string == "true")
        #expect(root["e"]?.isNull == true && root["f"]?.string == "2" && root["g"]?.numberLiteral == "3")
        #expect(root["h"]?.string == "x" && root["h"]?.tag == "!Ref")
    }

    @Test func anAliasRepeatsItsAnchorAndIsNeverAKey() throws {
        let root = try #require(try read("a: &name region\nb: &map {x: 1}\nd: *map\ne: [*name]\n").first)
        #expect(root["d"]?["x"]?.numberLiteral == "1" && root["e"]?.items?.first?.string == "region")
        #expect(root["d"]?.offset == root["b"]?.offset, "an alias is placed at its anchor")
        #expect(failure("a: &name region\nc:\n  *name : us-east-1\n")?.message.hasPrefix("an alias as a mapping key is not supported") == true)
    }

    @Test func mergedEntriesComeAfterTheMappingsOwnAndNeverReplaceThem() throws {
        let root = try #require(try read("base: &b {x: 1, y: 2}\nmore: &m {z: 3, x: 9}\nm:\n  <<: [*b, *m]\n  y: 5\nq: {\"<<\": 1}\n").first)
        #expect(root["m"]?.entries?.map(\.key) == ["y", "x", "z"])
        #expect(root["m"]?["y"]?.numberLiteral == "5" && root["m"]?["x"]?.numberLiteral == "1")
        #expect(root["q"]?.entries?.map(\.key) == ["<<"], "a quoted '<<' is an ordinary key")
        #expect(failure("a: 1\nm:\n  <<: [1]\n")?.message == "a merge key '<<' takes mappings only")
    }

    /// A key set before a `<<` that merges it again is applied by kubectl (go-yaml v2) as merged and by the YAML merge
    /// rule as written: refused at the key, in block and flow style and through an alias; a key after the `<<`, or
    /// one the merge does not bring, is read.
    @Test func aKeySetBeforeAMergeThatSetsItAgainIsRefused() throws {
        let expected = "'type' is set here and again by the merge key '<<' after it, and YAML readers disagree on which "
            + "wins (kubectl's reader takes the merged value, the YAML merge rule this one): set it once, or after the '<<'"
        let block = failure("spec:\n  type: ClusterIP\n  <<: {type: LoadBalancer}\n")
        #expect(block?.message == expected)
        #expect(block?.offset == 8, "at the key written before the merge")
        #expect(failure("lb: &lb {type: LoadBalancer}\nspec: {type: ClusterIP, <<: *lb}\n")?.message == expected)
        #expect(failure("a: &a {x: 1}\nb: &b {type: LoadBalancer}\nspec: {type: ClusterIP, <<: [*a, *b]}\n")?.message == expected)
        let after = try #require(try read("spec:\n  <<: {type: LoadBalancer}\n  type: ClusterIP\n").first)
        #expect(after["spec"]?["type"]?.string == "ClusterIP")
        let apart = try #require(try read("spec:\n  port: 22\n  <<: {type: LoadBalancer}\n").first)
        #expect(apart["spec"]?["type"]?.string == "LoadBalancer" && apart["spec"]?["port"]?.numberLiteral == "22")
    }

    /// A merge key is decided by its tag, as go-yaml decides it, not by its quoting: `!!merge "<<"` and `! '<<'`
    /// merge; `!!str <<`, a local tag and an untagged quoted `"<<"` are ordinary keys (reviewer, round 28).
    @Test func aMergeKeyIsDecidedByItsTag() throws {
        for merging in ["!!merge \"<<\"", "! '<<'", "!!merge <<", "<<"] {
            let root = try #require(try read("spec: {\(merging): {type: LoadBalancer}, port: 22}\n").first, "\(merging)")
            #expect(root["spec"]?["type"]?.string == "LoadBalancer", "\(merging)")
            #expect(root["spec"]?.entries?.contains { $0.key == "<<" } == false, "\(merging)")
        }
        for ordinary in ["!!str <<", "!x <<", "\"<<\"", "'<<'"] {
            let root = try #require(try read("spec: {\(ordinary): {type: LoadBalancer}, port: 22}\n").first, "\(ordinary)")
            #expect(root["spec"]?["type"] == nil && root["spec"]?["<<"]?["type"]?.string == "LoadBalancer", "\(ordinary)")
        }
    }

    /// libyaml also breaks lines at a lone CR, NEL, LS and PS; places are still the bytes they name, so the lines
    /// reported (LF-broken, as everywhere) are where the text is (reviewer, round 28: each such break moved findings
    /// a line on, into another resource's inline ignore).
    @Test func placesAfterOtherLineBreaksAreTheirBytes() throws {
        for separator in ["\r", "\u{85}", "\u{2028}", "\u{2029}", "\r\n"] {
            let yaml = "a: \"x\(separator)y\"\nb: 1\n"
            let root = try #require(try read(yaml).first, "\(separator.debugDescription)")
            let b = try #require(root.entries?.first { $0.key == "b" })
            #expect(b.value.offset == Array(yaml.utf8).count - 2, "\(separator.debugDescription)")
        }
    }

    /// The place libyaml names in an error's context is counted in the same lines (reviewer, round 28: "at 5:4" in
    /// a file of 3 lines).
    @Test func anErrorsContextPlaceIsCountedInTheReportsLines() throws {
        let message = failure("a: \"x\u{2028}\u{2028}\u{2028}y\"\nb: {c: d\ne: f\n")?.message ?? ""
        #expect(message.contains("while parsing a flow mapping at 2:4"), "\(message)")
    }

    @Test func duplicateKeysAreRefusedWhateverTheirQuoting() throws {
        let plainAndQuoted = failure("a: 1\n\"a\": 2\n")
        #expect(plainAndQuoted?.message == "duplicate key 'a' in a mapping" && plainAndQuoted?.offset == 5,
                "at the repeat, the key to delete or rename, not at the original")
        // Three named in the order they repeat, at the first repeat; a mapping larger than the pairwise check's.
        let keys = (0..<20).map { "k\($0): \($0)\n" }.joined()
        let several = failure(keys + "c: 1\nb: 1\na: 1\nd: 1\nc: 2\nb: 2\na: 2\nd: 2\n")
        #expect(several?.message == "duplicate key 'c', 'b', 'a' in a mapping")
        #expect(several?.offset == keys.utf8.count + 20)
        #expect(failure("m: {x: 1, y: 2, x: 3}\n")?.message == "duplicate key 'x' in a mapping")
        // Keys are looked up by text, so one text twice is a duplicate whatever the tags.
        #expect(failure("a: 1\n!Ref a: 2\n")?.message == "duplicate key 'a' in a mapping")
        #expect(failure("1: x\n!!int 1: y\n")?.message == "duplicate key '1' in a mapping")
    }

    @Test func anAliasNeedsAnEarlierAnchorOfItsOwnDocument() throws {
        #expect(failure("a: *x\n")?.message == "found undefined alias")
        #expect(failure("a: &x [*x]\n")?.message == "found undefined alias", "an anchor is defined once its node ends")
        let acrossDocuments = failure("a: &x 1\n---\nb: *x\n")
        #expect(acrossDocuments?.message == "found undefined alias" && acrossDocuments?.offset == 15)
        let shadowed = try #require(try read("a: &x 1\nb: &x 2\nc: *x\n").first)
        #expect(shadowed["c"]?.numberLiteral == "2")
    }

    @Test func aliasesAreChargedTheirSizeSoABombFailsFast() throws {
        var limits = YAMLReader.Limits()
        limits.maxNodes = 1_000
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        #expect(failure(bomb, limits: limits)?.message.contains("alias bomb") == true)
        #expect(try read(bomb).first?["c"]?.items?.count == 10)
    }

    @Test func nodesTheInputSpellsItselfAreNotChargedToTheAliasBudget() throws {
        var limits = YAMLReader.Limits()
        limits.maxNodes = 100
        let flow = "items: [" + (0..<500).map { "{name: n\($0)}" }.joined(separator: ", ") + "]\n"
        let documents = try YAMLReader(limits: limits).read(Array(flow.utf8))
        #expect(documents.first?["items"]?.memberCount == 500, "1,001 nodes and no alias: not a bomb")
        let aliased = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [" + Array(repeating: "*a", count: 10).joined(separator: ", ") + "]\n"
        #expect(throws: SyntaxError.self) { try YAMLReader(limits: limits).read(Array(aliased.utf8)) }
    }

    /// Texts of one input share a budget: each under the per-read limit, together over it, the one that passes it
    /// and every later one whose aliases expand at all is refused; a text without aliases is still read.
    @Test func aSharedBudgetBoundsTheAliasesOfEveryReadTogether() throws {
        let budget = YAMLAliasBudget(limit: 250)
        let aliased = Array(("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [" + Array(repeating: "*a", count: 10).joined(separator: ", ")
            + "]\n").utf8)
        #expect(try YAMLReader().read(aliased, sharing: budget).first?["b"]?.memberCount == 10)
        #expect(try YAMLReader().read(aliased, sharing: budget).first?["b"]?.memberCount == 10)
        #expect(budget.remaining == 30, "two reads of 110 nodes each")
        let refused = #expect(throws: SyntaxError.self) { try YAMLReader().read(aliased, sharing: budget) }
        #expect(refused?.message == "YAML aliases of this input's YAML texts expand to more than 250 nodes together (an alias bomb?)")
        #expect(budget.remaining == 0)
        #expect(throws: SyntaxError.self, "spent: even one small alias is refused") {
            try YAMLReader().read(Array("a: &a x\nb: *a\n".utf8), sharing: budget)
        }
        #expect(try YAMLReader().read(Array("a: [x, y]\n".utf8), sharing: budget).first?["a"]?.memberCount == 2)
    }

    @Test func aSharedNodeLimitBoundsEveryNodeTheReadsMake() throws {
        let budget = YAMLAliasBudget(nodeLimit: 25)
        let text = Array("a: [x, x, x, x, x, x, x, x, x, x]\n".utf8)
        #expect(try YAMLReader().read(text, sharing: budget).first?["a"]?.memberCount == 10, "12 nodes")
        #expect(try YAMLReader().read(text, sharing: budget).first?["a"]?.memberCount == 10, "24 nodes")
        let refused = #expect(throws: SyntaxError.self) { try YAMLReader().read(text, sharing: budget) }
        #expect(refused?.message == "this input's YAML texts make more than 25 nodes together (a large text repeated by count or for_each?)")
        #expect(throws: SyntaxError.self) { try YAMLReader().read(Array("a\n".utf8), sharing: budget) }
        #expect(try YAMLReader().read(text, sharing: YAMLAliasBudget()).first?["a"]?.memberCount == 10, "no node limit")
    }

    @Test func aReadOverItsOwnLimitSaysSoWhateverItsSharedBudgetHasLeft() throws {
        var limits = YAMLReader.Limits()
        limits.maxNodes = 100
        let aliased = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [" + Array(repeating: "*a", count: 10).joined(separator: ", ") + "]\n"
        let budget = YAMLAliasBudget()
        let refused = #expect(throws: SyntaxError.self) { try YAMLReader(limits: limits).read(Array(aliased.utf8), sharing: budget) }
        #expect(refused?.message == "YAML aliases expand to more than 100 nodes (an alias bomb?)")
    }

    @Test func constructorTagsAndNonScalarKeysAreRefused() throws {
        #expect(failure("a: !!python/object:os.system x\n")?.message.contains("is not allowed") == true)
        #expect(failure("!!python/object:os.system a: x\n")?.message.contains("is not allowed") == true, "on a key too")
        #expect(try read("!!str a: 1\n!Ref b: 2\n").first?.entries?.map(\.key) == ["a", "b"])
        let merged = try #require(try read("base: &b {x: 1}\nm: {!!merge <<: *b, y: 2}\n").first)
        #expect(merged["m"]?.entries?.map(\.key) == ["y", "x"], "the explicit merge tag still merges")
        #expect(failure("a: {[x]: 1}\n")?.message.hasPrefix("mapping keys must be scalars") == true)
    }

    @Test func offsetsAreBytesAfterNonASCIIText() throws {
        let root = try #require(try read("a: 😀 é\nb: x\n").first)
        #expect(root["b"]?.offset == 14 && root.entries?.last?.keyOffset == 11)
        // A character libyaml refuses is placed at its byte, not at its count of characters.
        let control = failure("a: é\u{7}\n")
        #expect(control?.offset == 5 && control?.message.contains("control characters") == true)
    }

    @Test func illFormedUTF8IsReadAsReplacementCharacters() throws {
        let root = try #require(try YAMLReader().read(Array("a: ".utf8) + [0xFF] + Array("\n".utf8)).first)
        #expect(root["a"]?.string == "\u{FFFD}")
        // An error libyaml places in the repaired text (three bytes a replacement) stays inside the original: the
        // fuzzer's find, a control character after 120 ill-formed bytes.
        let original = Array("a: ".utf8) + Array(repeating: 0xFF, count: 120) + [0x07]
        let error = #expect(throws: SyntaxError.self) { try YAMLReader().read(original) }
        #expect(error.map { (0...original.count).contains($0.offset) } == true, "\(String(describing: error))")
    }

    @Test func documentsBeyondTheLimitAreRefusedAtTheFirstExtraOne() throws {
        var limits = YAMLReader.Limits()
        limits.maxDocuments = 3
        let error = failure("a: 1\n---\nb: 2\n---\nc: 3\n---\nd: 4\n", limits: limits)
        #expect(error?.message == "more than 3 YAML documents in one file" && error?.offset == 27)
        #expect(try read("a: 1\n---\nb: 2\n---\nc: 3\n", limits: limits).count == 3)
    }

    @Test func largeCollectionsKeepEveryMemberInOrder() throws {
        let items = (0..<5_000).map { "  - {name: n\($0), value: \($0)}\n" }.joined()
        let root = try #require(try read("list:\n" + items + "after: 1\n").first)
        let list = try #require(root["list"]?.items)
        #expect(list.count == 5_000 && list[4_321]["name"]?.string == "n4321")
        #expect(root["after"]?.numberLiteral == "1")
    }

    /// A key's anchor used as a value is made into a scalar once; its aliases repeat that node instead of copying
    /// its text again (1,000 aliases of a 1 KB key had cost a megabyte of copies, and more aliases wrapped the
    /// tape's 32-bit text offsets).
    @Test func aliasesOfAKeysAnchorShareOneText() throws {
        let key = String(repeating: "é", count: 500)
        let yaml = "m:\n  &k \"\(key)\\n\": 1\nlist:\n" + String(repeating: "  - *k\n", count: 1_000)
        let root = try #require(try read(yaml).first)
        let list = try #require(root["list"]?.items)
        #expect(list.count == 1_000 && list.allSatisfy { $0.string == key + "\n" })
        #expect(list[999].offset == root["m"]?.entries?.first?.keyOffset, "placed at the key")
        #expect(try #require(root.tapeStoredTextCount) < 2 * 1_002)
    }

    /// Offsets along one long line of non-ASCII text are those of the line index (they are counted on from the
    /// previous node's rather than from the line's start).
    @Test func offsetsAlongOneLongNonASCIILineMatchTheLineIndex() throws {
        let items = (0..<3_000).map { "é\($0)" }.joined(separator: ", ")
        let text = "a: 1\nlist: [" + items + "]\n"
        let list = try #require(try read(text).first?["list"]?.items)
        let index = LineIndex(Array(text.utf8))
        var column = 8
        for (position, item) in list.enumerated() {
            #expect(item.offset == index.offset(line: 2, column: column), "item \(position)")
            column += "é\(position), ".unicodeScalars.count
        }
    }
}
