import Foundation
import PolicyCheckSyntax
import Testing

@Suite(.enabled(if: Corpus.isAvailable, Corpus.missingComment))
struct JSONReaderCorpusTests {
    /// The only corpus file that is not syntactically valid JSON (the checkov "corrupted" plan is valid JSON).
    static let expectedFailures: Set<String> = ["terraform-json/invalid__plan.json"]

    static func read(_ path: String) throws -> SourceNode {
        try JSONReader().read(try TextDecoding.utf8Text(from: Corpus.bytes(path)))
    }

    @Test func exactlyTheExpectedFilesFailToParse() throws {
        let files = Corpus.allJSONFiles
        #expect(files.count == 76)
        var failures: Set<String> = []
        for path in files {
            do { _ = try Self.read(path) } catch is SyntaxError { failures.insert(path) }
        }
        #expect(failures == Self.expectedFailures)
    }

    @Test func invalidPlanFailsAtItsExtraClosingBrace() throws {
        let text = try TextDecoding.utf8Text(from: Corpus.bytes("terraform-json/invalid__plan.json"))
        let error = try #require(jsonError(text))
        // Python's json module reports the same place: "Extra data: line 676 column 29 (char 15543)".
        #expect(error.offset == 15543)
        #expect(error.message == "expected end of input after the top-level value, found '}'")
        #expect(SourceFile(path: "invalid__plan.json", bytes: text).location(ofOffset: error.offset)
            == SourceLocation(line: 676, column: 29))
    }

    @Test func corruptedCheckovPlanIsSyntacticallyValid() throws {
        let root = try Self.read("checkov/terraform-plans/terraform__runner__plan__corrupted-tfplan.json")
        #expect(root["format_version"]?.string == "1.0")
    }

    @Test(arguments: Corpus.allJSONFiles.filter { !expectedFailures.contains($0) })
    func corpusPlanMatchesFoundationsReading(path: String) throws {
        let text = try TextDecoding.utf8Text(from: Corpus.bytes(path))
        let root = try JSONReader().read(text)
        #expect(root.entries != nil)
        // Independent oracle (test-only): Foundation's parser must see the same values.
        let oracle = try JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])
        #expect(matches(root, oracle), "tree differs from JSONSerialization for \(path)")
        checkOffsets(root, in: text)
        // One value is one document of a stream, at the same place.
        let documents = try JSONReader().readStream(text)
        #expect(documents.map(\.offset) == [root.offset])
        #expect(documents.first?.entries?.map(\.key) == root.entries?.map(\.key))
    }

    /// Every node's offset is where its text starts.
    private func checkOffsets(_ node: SourceNode, in text: [UInt8]) {
        let first = text[node.offset]
        switch node.value {
        case .null: #expect(first == UInt8(ascii: "n"))
        case .bool(let flag): #expect(first == UInt8(ascii: flag ? "t" : "f"))
        case .number(let literal): #expect(Array(text[node.offset..<node.offset + literal.utf8.count]) == Array(literal.utf8))
        case .string: #expect(first == UInt8(ascii: "\""))
        case .sequence(let items):
            #expect(first == UInt8(ascii: "["))
            for item in items { checkOffsets(item, in: text) }
        case .mapping(let entries):
            #expect(first == UInt8(ascii: "{"))
            for entry in entries {
                #expect(text[entry.keyOffset] == UInt8(ascii: "\""))
                checkOffsets(entry.value, in: text)
            }
        }
    }

    private func matches(_ node: SourceNode, _ object: Any) -> Bool {
        switch node.value {
        case .null:
            return object is NSNull
        case .bool(let flag):
            return (object as? NSNumber)?.boolValue == flag
        case .number(let literal):
            guard let number = object as? NSNumber, let value = Double(literal) else { return false }
            return number.doubleValue == value || abs(number.doubleValue - value) <= abs(value) * 1e-15
        case .string(let text):
            return (object as? String) == text
        case .sequence(let items):
            guard let array = object as? [Any], array.count == items.count else { return false }
            return zip(items, array).allSatisfy { matches($0, $1) }
        case .mapping(let entries):
            guard let dictionary = object as? [String: Any], dictionary.count == entries.count else { return false }
            return entries.allSatisfy { entry in dictionary[entry.key].map { matches(entry.value, $0) } ?? false }
        }
    }
}
