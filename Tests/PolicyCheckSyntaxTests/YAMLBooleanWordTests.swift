@testable import PolicyCheckSyntax
import Testing

/// YAML 1.1's plain boolean words (`on`, `off`, `yes`, `no`, `y`, `n` in go-yaml v2's spellings) are strings to the
/// core schema and booleans to a reader that asks for YAML 1.1, whether the stream was composed into a tape or, for
/// merge keys, into a tree; quoted or tagged, they are strings to both.
@Suite struct YAMLBooleanWordTests {
    private static let stream = """
        a: on
        b: Off
        c: 'off'
        d: "yes"
        e: !!str no
        f: NO
        g: y
        h: N
        i: true
        j: onward
        k: &flag off
        l: *flag
        m: oN
        n: !!bool true

        """

    private func roots(_ yaml: String) throws -> [SourceNode] {
        [try #require(try YAMLReader().read(Array(yaml.utf8), preferringTape: true).first),
         try #require(try YAMLReader().read(Array(yaml.utf8), preferringTape: false).first)]
    }

    @Test func plainWordsAreBooleansToYAML11AndStringsToTheCoreSchema() throws {
        for root in try roots(Self.stream) {
            let yaml11 = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"].map { root[$0]?.boolean(.yaml11) }
            #expect(yaml11 == [true, false, nil, nil, nil, false, true, false, true, nil, false, false, nil, true])
            #expect(root["a"]?.boolean(.core) == nil && root["a"]?.string == "on", "the core schema reads a string")
            #expect(root["c"]?.string == "off" && root["e"]?.string == "no", "quoted and !!str words stay strings")
        }
    }

    @Test func aWordKeepsItsMarkWhenMergedOrChanged() throws {
        let merged = try roots("base: &b {enabled: on}\nm:\n  <<: *b\n")
        for root in merged { #expect(root["m"]?["enabled"]?.boolean(.yaml11) == true) }
        var node = try #require(try roots("x: off\n").first?["x"])
        node.value = .string("off")
        #expect(node.boolean(.yaml11) == false, "a tape node made a value keeps its mark")
        node.value = .string("other")
        #expect(node.boolean(.yaml11) == nil)
    }

    @Test func jsonHasNoWords() throws {
        let root = try JSONReader().read(Array(#"{"a": "on"}"#.utf8))
        #expect(root["a"]?.boolean(.yaml11) == nil)
    }
}
