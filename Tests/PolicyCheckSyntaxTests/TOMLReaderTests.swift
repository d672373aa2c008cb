import PolicyCheckSyntax
import Testing

/// TOML (samconfig.toml) read into nodes at their offsets; what TOML forbids is an error at its place.
@Suite struct TOMLReaderTests {
    static func read(_ text: String) throws -> SourceNode { try TOMLReader().read(Array(text.utf8)) }

    @Test func tablesDottedKeysAndValuesNest() throws {
        let root = try Self.read("""
            version = 0.1 # a comment
            [default.deploy.parameters]
            stack_name = "db"
            parameter_overrides = ["A=1", 'B=two words']
            confirm_changeset = true
            tags = { team = "x", "cost centre" = 'y' }
            site."prod" = "\\u00e9\\t"

            [[products]]
            name = "a"
            [[products]]
            name = \"\"\"
            b\"\"\"
            """)
        #expect(root["version"]?.numberLiteral == "0.1")
        let parameters = try #require(root["default"]?["deploy"]?["parameters"])
        #expect(parameters["stack_name"]?.string == "db")
        #expect(parameters["parameter_overrides"]?.items?.compactMap(\.string) == ["A=1", "B=two words"])
        #expect(parameters["confirm_changeset"]?.bool == true)
        #expect(parameters["tags"]?["cost centre"]?.string == "y")
        #expect(parameters["site"]?["prod"]?.string == "é\t")
        #expect(root["products"]?.items?.compactMap { $0["name"]?.string } == ["a", "b"])
        // A line-ending backslash in a multi-line string trims the break and the whitespace after it.
        #expect(try Self.read("s = \"\"\"\nx \\\n    y\"\"\"\n")["s"]?.string == "x y")
        // Offsets: the value of stack_name is where its quote is.
        let text = Array("x = 1\n[t]\nk = \"v\"\n".utf8)
        let node = try TOMLReader().read(text)
        #expect(node["t"]?["k"]?.offset == 14)
    }

    @Test(arguments: [
        ("a = 1\na = 2\n", "the key 'a' is defined twice", 6),
        ("[t]\nx = 1\n[t]\ny = 2\n", "the table 't' is defined twice", 11),
        ("a.b.c = 1\n[a.b]\n", "the table 'a.b' is defined twice", 13),
        ("a.b = 1\n[a.b]\n", "the key 'b' already holds a value, so it cannot be a table", 11),
        ("a = \"open\n", "a basic string cannot span lines", 4),
        ("a = bare\n", "'bare' is not a TOML value (strings are quoted)", 4),
        ("a = 1 b = 2\n", "expected the end of the line after a value or table header, found 'b'", 6),
        ("a = [1, 2\n", "the array opened here is not closed", 4),
        ("a = \"\\q\"\n", "'\\q' is not an escape TOML knows", 6),
        ("a = \"x\\ y\"\n", "'\\' must be followed by an escape in a basic string", 7),
    ])
    func whatTOMLForbidsIsAnErrorAtItsPlace(text: String, message: String, offset: Int) {
        #expect(throws: SyntaxError(offset: offset, message: message)) { try Self.read(text) }
    }

    /// Nesting past 256 levels is an error, as in JSON, not a crash (10,000 levels crashed the reader; review, round 34).
    @Test func deepNestingIsAnErrorNotACrash() {
        let arrays = "x = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        #expect(throws: SyntaxError(offset: 260, message: "nesting deeper than 256 levels")) { try Self.read(arrays) }
        let tables = "x = " + String(repeating: "{a=", count: 20_000) + "1" + String(repeating: "}", count: 20_000) + "\n"
        #expect(throws: SyntaxError.self) { try Self.read(tables) }
        let dotted = String(repeating: "a.", count: 5_000) + "b = 1\n"
        #expect(throws: SyntaxError.self) { try Self.read(dotted) }
        let header = "[" + String(repeating: "a.", count: 5_000) + "b]\n"
        #expect(throws: SyntaxError.self) { try Self.read(header) }
    }
}
