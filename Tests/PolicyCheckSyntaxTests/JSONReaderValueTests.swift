import PolicyCheckSyntax
import Testing

struct ValidCase: Sendable, CustomTestStringConvertible {
    let input: String
    let rendered: String
    var testDescription: String { input.debugDescription }
    init(_ input: String, _ rendered: String) {
        self.input = input
        self.rendered = rendered
    }
}

@Test(arguments: [
    ValidCase("null", "null"),
    ValidCase(" \t\r\n true \n", "true"),
    ValidCase("false", "false"),
    ValidCase("0", "0"),
    ValidCase("-0", "-0"),
    ValidCase("-0.0e-0", "-0.0e-0"),
    ValidCase("1.5E+10", "1.5E+10"),
    ValidCase("-1.25e-3", "-1.25e-3"),
    ValidCase("123456789012345678901234567890", "123456789012345678901234567890"),
    ValidCase("0.1000000000000000055511151231257827", "0.1000000000000000055511151231257827"),
    ValidCase("1E400", "1E400"),
    ValidCase("\"\"", "\"\""),
    ValidCase("\"plain text, longer than eight bytes\"", "\"plain text, longer than eight bytes\""),
    ValidCase("[]", "[]"),
    ValidCase("[ ]", "[]"),
    ValidCase("{}", "{}"),
    ValidCase("{ \n }", "{}"),
    ValidCase("[1,[2,[3,[]]],{}]", "[1,[2,[3,[]]],{}]"),
    ValidCase("{\"a\":{\"b\":[true,false,null]},\"c\":-1}", "{\"a\":{\"b\":[true,false,null]},\"c\":-1}"),
    ValidCase("[\n  1 ,\n  \"x\"\r\n]", "[1,\"x\"]"),
    ValidCase("{\"z\":1,\"a\":2,\"m\":3}", "{\"z\":1,\"a\":2,\"m\":3}"),
])
func validDocumentsParse(_ testCase: ValidCase) throws {
    #expect(render(try readJSON(testCase.input)) == testCase.rendered)
}

@Test func simpleEscapesAreDecoded() throws {
    let node = try readJSON(#""q\"b\\s\/b\bf\fn\nr\rt\t""#)
    #expect(node.string == "q\"b\\s/b\u{8}f\u{C}n\nr\rt\t")
}

@Test(arguments: [
    (#""\u00e9""#, "é"),
    (#""\u00E9\u2603""#, "é☃"),
    (#""\ud834\udd1e""#, "𝄞"),
    (#""\uD834\uDD1E tail""#, "𝄞 tail"),
    (#""\u0041\u0000\u001f""#, "A\u{0}\u{1F}"),
    (#""\uFFFF""#, "\u{FFFF}"),
    (#""head é☃𝄞 \n mixed""#, "head é☃𝄞 \n mixed"),
    ("\"raw UTF-8: é☃𝄞\"", "raw UTF-8: é☃𝄞"),
])
func unicodeEscapesAndSurrogatePairsAreDecoded(input: String, expected: String) throws {
    #expect(try readJSON(input).string == expected)
}

@Test func numbersKeepTheirLiteralText() throws {
    let node = try readJSON("[18446744073709551616, 1.0, 1e2, -0, 3.141592653589793238462643383279]")
    #expect(node.items?.compactMap(\.numberLiteral)
        == ["18446744073709551616", "1.0", "1e2", "-0", "3.141592653589793238462643383279"])
}

@Test func stringsWithEscapesOnEitherSideOfWordBoundariesAreExact() throws {
    // Exercise the eight-byte scan: escapes and quotes at every position within a word.
    for prefix in 0..<17 {
        let pad = String(repeating: "x", count: prefix)
        #expect(try readJSON("\"\(pad)\"").string == pad)
        #expect(try readJSON("\"\(pad)\\n\(pad)\"").string == "\(pad)\n\(pad)")
        #expect(try readJSON("[\"\(pad)é\(pad)\",1]").items?.first?.string == "\(pad)é\(pad)")
    }
}

@Test func nodeAndKeyOffsetsAreByteOffsetsOfFirstBytes() throws {
    let text = #"{"a": [1, {"b": null}], "c": "x", "é": "ü", "k": -2.5}"#
    let root = try readJSON(text)
    #expect(root.offset == 0)
    let entries = try #require(root.entries)
    #expect(entries.map(\.key) == ["a", "c", "é", "k"])
    #expect(entries[0].keyOffset == 1)
    #expect(entries[0].value.offset == text.byteOffset(of: "[1,"))
    let items = try #require(entries[0].value.items)
    #expect(items[0].offset == text.byteOffset(of: "1,"))
    #expect(items[1].offset == text.byteOffset(of: #"{"b""#))
    let inner = try #require(items[1].entries?.first)
    #expect(inner.keyOffset == text.byteOffset(of: #""b""#))
    #expect(inner.value.offset == text.byteOffset(of: "null"))
    #expect(entries[1].keyOffset == text.byteOffset(of: #""c""#))
    #expect(entries[1].value.offset == text.byteOffset(of: #""x""#))
    // After multi-byte characters, offsets still count bytes.
    #expect(entries[2].keyOffset == text.byteOffset(of: #""é""#))
    #expect(entries[2].value.offset == text.byteOffset(of: #""ü""#))
    #expect(entries[3].keyOffset == text.byteOffset(of: #""k""#))
    #expect(entries[3].value.offset == text.byteOffset(of: "-2.5"))
    #expect(entries[3].value.offset == 51)
}

@Test func offsetsSkipLeadingWhitespace() throws {
    #expect(try readJSON("\n\n  42").offset == 4)
    #expect(try readJSON("  [ \"a\" ]").items?.first?.offset == 4)
}

@Test func jsonNodesHaveNoTag() throws {
    #expect(try readJSON("{\"a\": [1]}").tag == nil)
}

@Test func largeObjectsKeepMemberOrder() throws {
    let keys = (0..<200).map { "key_\($0)" }
    let text = "{" + keys.enumerated().map { "\"\($1)\": \($0)" }.joined(separator: ",") + "}"
    let root = try readJSON(text)
    #expect(root.entries?.map(\.key) == keys)
    #expect(root["key_150"]?.numberLiteral == "150")
}

@Test func sameKeyInDifferentObjectsIsAllowed() throws {
    let root = try readJSON(#"{"a": {"a": 1, "b": {"a": 2}}, "b": [{"a": 3}, {"a": 4}]}"#)
    #expect(root["b"]?.items?.count == 2)
}

@Test func staticParseUsesDefaultLimits() throws {
    #expect(render(try JSONReader.parse(Array("[1]".utf8))) == "[1]")
    #expect(JSONReader().limits.maxDepth == 256)
}
