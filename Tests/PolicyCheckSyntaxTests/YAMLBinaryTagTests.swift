@testable import PolicyCheckSyntax
import Testing

/// A `!!binary` scalar is the text its base64 decodes to, as kubectl's go-yaml reads it, for values and keys alike;
/// base64 Go refuses, and bytes that are not text, are errors at the scalar.
@Suite struct YAMLBinaryTagTests {
    private func read(_ yaml: String, preferringTape: Bool = true) throws -> SourceNode {
        try #require(try YAMLReader().read(Array(yaml.utf8), preferringTape: preferringTape).first)
    }

    private func failure(_ yaml: String) -> SyntaxError? {
        #expect(throws: SyntaxError.self) { try YAMLReader().read(Array(yaml.utf8)) }
    }

    @Test(arguments: [true, false])
    func aBinaryValueIsItsDecodedTextAtTheScalarsPlace(preferringTape: Bool) throws {
        let yaml = "spec:\n  type: !!binary TG9hZEJhbGFuY2Vy\n  b: !<tag:yaml.org,2002:binary> \"MC4wLjAuMC8w\"\n  c: !!binary |\n    TG9h\n    ZA==\n  d: !!binary \"\"\n"
        let spec = try #require(try read(yaml, preferringTape: preferringTape)["spec"])
        #expect(spec["type"]?.string == "LoadBalancer" && spec["type"]?.tag == nil)
        #expect(spec["type"]?.offset == 14, "at the scalar (its tag), not elsewhere")
        #expect(spec["b"]?.string == "0.0.0.0/0")
        #expect(spec["c"]?.string == "Load", "line breaks are skipped, as Go's decoder skips them")
        #expect(spec["d"]?.string == "")
    }

    @Test func aBinaryKeyIsItsDecodedTextAndCountsAsADuplicate() throws {
        let root = try read("!!binary dHlwZQ==: LoadBalancer\na: &k !!binary Yg==\nb: *k\n")
        #expect(root.entries?.map(\.key) == ["type", "a", "b"])
        #expect(root["type"]?.string == "LoadBalancer" && root["b"]?.string == "b", "an alias repeats the decoded text")
        #expect(failure("type: ClusterIP\n!!binary dHlwZQ==: LoadBalancer\n")?.message == "duplicate key 'type' in a mapping")
    }

    @Test(arguments: ["TG9hZA", "TG9h ZA==", "-_-_", "@@@@", "TG9hZA==TG9h"])
    func base64GoRefusesIsAnErrorAtTheScalar(text: String) {
        let error = failure("a: 1\nb: !!binary \"\(text)\"\n")
        #expect(error?.message == "a !!binary value is not valid base64 (kubectl refuses it)")
        #expect(error?.offset == 8)
    }

    @Test func bytesThatAreNotTextAreAnError() {
        let error = failure("a: !!binary /w==\n")
        #expect(error?.message.hasPrefix("a !!binary value decodes to bytes that are not UTF-8 text") == true)
        #expect(error?.offset == 3)
        #expect(failure("!!binary AA==: x\n")?.offset == 0, "a NUL, on a key too")
    }
}
