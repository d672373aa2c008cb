import PolicyCheckSyntax
import Testing

/// The parser guesses each member name from the names before it (the order of the previous object under the same
/// name) and confirms the guess by the bytes: every name must read as written however the guess differs — a
/// longer or shorter name sharing its start, an escaped spelling, the same name twice.
struct JSONGuessedNameTests {
    @Test func namesThatDifferFromTheGuessReadAsWritten() throws {
        let objects = [
            #"{"name": 1, "type": 2, "tags": 3}"#,
            #"{"name": 1, "type": 2, "tags": 3}"#,  // the guess holds
            #"{"names": 1, "typ": 2, "tagsx": 3}"#,  // longer and shorter than the guesses
            #"{"na\u006de": 1, "t\u0079pe": 2}"#,  // escaped spellings of guessed names
            #"{"type": 1, "name": 2}"#,  // another order
            #"{"name": 1, "type": 2, "tags": 3}"#,
        ]
        let node = try readJSON(#"{"resources": ["# + objects.joined(separator: ",") + "]}")
        let items = try #require(node["resources"]?.items)
        #expect(items.map(render) == [
            #"{"name":1,"type":2,"tags":3}"#, #"{"name":1,"type":2,"tags":3}"#,
            #"{"names":1,"typ":2,"tagsx":3}"#, #"{"name":1,"type":2}"#, #"{"type":1,"name":2}"#,
            #"{"name":1,"type":2,"tags":3}"#,
        ])
        #expect(items[2]["names"]?.numberLiteral == "1" && items[2]["name"] == nil)
        #expect(items[3]["name"]?.numberLiteral == "1" && items[3]["type"]?.numberLiteral == "2")
    }

    /// A guessed name is still checked against the object's other names: a repeat is an error, guessed or not.
    @Test func aGuessedRepeatIsStillADuplicate() {
        let text = #"[{"a": 1, "b": 2}, {"a": 1, "b": 2, "a": 3}, {"b": 1, "b": 2}]"#
        let error = jsonError(Array(text.utf8))
        #expect(error?.message == #"duplicate key "a""#)
        #expect(error?.offset == text.byteOffset(of: #""a": 3"#))
    }

    /// A name cut off at the end of the input, where the guess would run past it, is an error at the input's end.
    @Test func aNameCutOffAfterAGuessIsAnError() {
        #expect(jsonError(Array(#"[{"name": 1}, {"nam"#.utf8))?.message.contains("end of input") == true)
        #expect(jsonError(Array(#"[{"name": 1}, {"name"#.utf8)) != nil)
    }

    /// Objects under different names are guessed apart, and documents of a stream share the guesses safely.
    @Test func guessesFollowTheEnclosingName() throws {
        let documents = try JSONReader().readStream(Array(#"{"a": {"x": 1}, "b": {"y": 2}} {"a": {"y": 3}, "b": {"x": 4}}"#.utf8))
        #expect(documents.map(render) == [#"{"a":{"x":1},"b":{"y":2}}"#, #"{"a":{"y":3},"b":{"x":4}}"#])
    }
}
