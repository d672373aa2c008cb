import PolicyCheckSyntax
import Testing

/// Which reader a text goes to: JSON for a JSON value or a stream of JSON objects, YAML for everything else.
struct SourceSyntaxTests {
    private func syntax(_ text: String) -> SourceSyntax { SourceSyntax(detecting: Array(text.utf8)) }

    @Test func jsonStyleDocumentsJoinedByDocumentMarkersAreYAML() throws {
        let stream = "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}\n---\n{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}\n"
        #expect(syntax(stream) == .yaml)
        #expect(try YAMLReader().read(Array(stream.utf8)).count == 2)
        #expect(syntax("[1]\n--- \n[2]") == .yaml)
        #expect(syntax("{}\n---") == .yaml)
    }

    @Test func oneJSONValueIsJSON() {
        #expect(syntax("  {\"a\": \"x\\n--- y\"}\n") == .json)
        #expect(syntax("{\"a\": 1}\n---x\n") == .json, "not a document marker")
        #expect(syntax("[\n  1,\n  -2\n]") == .json)
        #expect(syntax("a: 1\n") == .yaml)
    }

    @Test func jsonObjectsWithoutDocumentMarkersAreAJSONStream() throws {
        let stream = "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}\n{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}\n"
        #expect(syntax(stream) == .json)
        #expect(try JSONReader().readStream(Array(stream.utf8)).map { $0["metadata"]?["name"]?.string } == ["a", "b"])
    }
}

/// Keys of a mapping too large to scan are found through an index of their hashes; it must find what a scan finds.
struct LargeMappingLookupTests {
    @Test(arguments: [8, 257, 2000])
    func everyKeyOfAMappingIsFoundAsAScanFindsIt(_ count: Int) throws {
        let members = (0..<count).map { "\"key-\($0)\": \($0)" }.joined(separator: ", ")
        let json = try JSONReader().read(Array("{\(members), \"é\": \"accent\"}".utf8))
        let yaml = try #require(try YAMLReader().read(Array("{\(members), é: accent}".utf8)).first)
        for root in [json, yaml] {
            for index in 0..<count {
                #expect(root["key-\(index)"]?.numberLiteral == "\(index)")
                #expect(root[SourceKey("key-\(index)")]?.numberLiteral == "\(index)")
            }
            #expect(root["é"]?.string == "accent")
            #expect(root["key-\(count)"] == nil)
            #expect(root["missing"] == nil)
        }
    }
}
