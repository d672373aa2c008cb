import PolicyCheckSyntax
import Testing

/// `JSONReader.readStream`: top-level objects one after another are documents, as Kubernetes reads a JSON file;
/// everything else after a top-level value is still a syntax error at its byte.
@Suite struct JSONStreamTests {
    private func stream(_ text: String, limits: JSONReader.Limits = .init()) throws(SyntaxError) -> [SourceNode] {
        try JSONReader(limits: limits).readStream(Array(text.utf8))
    }

    private func streamError(_ text: String, limits: JSONReader.Limits = .init()) -> SyntaxError? {
        jsonError(Array(text.utf8), limits: limits, stream: true)
    }

    @Test(arguments: [
        (#"{"a":1}{"b":2}"#, [0, 7]),
        ("{\"a\":1}\n{\"b\":2}\n", [0, 8]),
        ("{\"a\":1}\r\n{\"b\":2}\r\n", [0, 9]),
        ("  {\"a\":1} \t {\"b\":2}  ", [2, 12]),
        ("{\n  \"a\": 1\n}\n\n{\n  \"b\": 2\n}\n", [0, 14]),
    ])
    func objectsSeparatedByWhitespaceOrNothingAreDocuments(_ text: String, offsets: [Int]) throws {
        let documents = try stream(text)
        #expect(documents.map(render) == [#"{"a":1}"#, #"{"b":2}"#])
        #expect(documents.map(\.offset) == offsets)
    }

    @Test func newlineDelimitedObjectsAreDocumentsWithTheirOwnKeysAndPlaces() throws {
        let lines = (0..<50).map { #"{"kind": "ConfigMap", "metadata": {"name": "m\#($0)"}, "data": {"k\#($0)": []}}"# }
        let text = lines.joined(separator: "\n") + "\n"
        let documents = try stream(text)
        #expect(documents.count == 50)
        for (index, document) in documents.enumerated() {
            #expect(document["metadata"]?["name"]?.string == "m\(index)")
            #expect(document.entries?.map(\.key) == ["kind", "metadata", "data"])
            #expect(document.entries?.first?.keyOffset == text.byteOffset(of: lines[index]) + 1)
            // A document's strings are its own, not the next one's.
            var names: [String] = []
            document.forEachString { text, _ in names.append(text) }
            #expect(names == ["ConfigMap", "m\(index)"])
        }
    }

    @Test(arguments: [#"{"a": [1, {"b": null}]}"#, "[1, 2]", "\"text\"", "42", "  {}  \n"])
    func oneValueIsOneDocumentAsReadReadsIt(_ text: String) throws {
        let documents = try stream(text)
        #expect(documents.count == 1)
        #expect(documents.map(render) == [render(try readJSON(text))])
        #expect(documents.first?.offset == (try readJSON(text)).offset)
    }

    @Test(arguments: [
        // After an object: whitespace and another object, or the end.
        InvalidCase(#"{"a":1} x"#, "expected end of input or another top-level object, found 'x'", at: 8),
        InvalidCase(#"{"a":1},{"b":2}"#, "expected end of input or another top-level object, found ',' "
                    + "(top-level objects are separated by whitespace, not commas)", at: 7),
        InvalidCase("{}\n,\n{}", "expected end of input or another top-level object, found ','", at: 3),
        InvalidCase("{}]", "expected end of input or another top-level object, found ']'", at: 2),
        InvalidCase("{}\n[1]", "expected end of input or another top-level object, found '['", at: 3),
        InvalidCase("{} 1", "expected end of input or another top-level object, found '1'", at: 3),
        InvalidCase(#"{} "a""#, "expected end of input or another top-level object, found '\"'", at: 3),
        InvalidCase("{} // next\n{}", "found '/' (comments are not allowed in JSON)", at: 3),
        InvalidCase("{}\n---\n{}", "expected end of input or another top-level object, found '---'", at: 3),
        // Only objects follow one another (see `readStream`).
        InvalidCase("[1][2]", "expected end of input after the top-level value, found '[' "
                    + "(only objects may follow one another at the top level)", at: 3),
        InvalidCase("[1]\n{}", "(only objects may follow one another at the top level)", at: 4),
        InvalidCase("1 2", "expected end of input after the top-level value, found '2'", at: 2),
        // A later document is read as strictly as the first.
        InvalidCase("{}\n{", "unexpected end of input, expected a member name in double quotes", at: 4),
        InvalidCase("{}\n{\"a\": 1,}", "found '}' (trailing commas are not allowed)", at: 11),
        InvalidCase("{}{\"a\" 1}", "expected ':' after member name, found '1'", at: 7),
        InvalidCase("", "empty document", at: 0),
        InvalidCase(" \n\t\r ", "empty document", at: 0),
    ])
    func whatFollowsADocumentIsCheckedAtItsByte(_ testCase: InvalidCase) throws {
        let text = String(decoding: testCase.input, as: UTF8.self)
        let error = try #require(streamError(text))
        #expect(error.message.contains(testCase.message), "message: \(error.message)")
        #expect(error.offset == testCase.offset, "message: \(error.message)")
        #expect(!error.message.contains("\n"))
    }

    @Test func errorsInALaterDocumentAreAtTheirLineAndColumn() throws {
        let text = "{\"a\": 1}\n{\"b\": 1}\n{\"c\": 1, \"d\": 2, \"c\": 3}\n"
        let error = try #require(streamError(text))
        #expect(error.message == #"duplicate key "c""#)
        let location = SourceFile(path: "stream.json", bytes: Array(text.utf8)).location(ofOffset: error.offset)
        #expect((location.line, location.column) == (3, 18))
    }

    @Test func keysRepeatedAcrossDocumentsAreNotDuplicates() throws {
        let documents = try stream(#"{"kind": "A", "kind2": 1} {"kind": "B"} {"kind": "C"}"#)
        #expect(documents.map { $0["kind"]?.string } == ["A", "B", "C"])
    }

    @Test func eachDocumentHasTheDepthLimitOfAWholeInput() throws {
        let limits = JSONReader.Limits(maxDepth: 2)
        #expect(try stream(#"{"a": {}} {"b": {"c": 1}}"#, limits: limits).count == 2)
        let text = #"{"a": {}} {"b": {"c": {}}}"#
        let error = try #require(streamError(text, limits: limits))
        #expect(error.message == "nesting deeper than 2 levels")
        #expect(error.offset == text.byteOffset(of: #"{}}}"#))
    }

    @Test func documentsBeyondTheLimitAreAnError() throws {
        let limits = JSONReader.Limits(maxDocuments: 3)
        #expect(try stream("{}{}{}", limits: limits).count == 3)
        let error = try #require(streamError("{} {} {} {}", limits: limits))
        #expect(error.message == "more than 3 JSON documents in one file")
        #expect(error.offset == 9)
        #expect(JSONReader.Limits().maxDocuments == YAMLReader.Limits().maxDocuments)
    }

    @Test func readStillTakesExactlyOneValue() throws {
        let error = try #require(jsonError(Array("{}\n{}".utf8)))
        #expect(error.message == "expected end of input after the top-level value, found '{'")
        #expect(error.offset == 3)
    }
}
