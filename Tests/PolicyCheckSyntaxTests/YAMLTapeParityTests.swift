import Foundation
@testable import PolicyCheckSyntax
import Testing

/// YAML read into a tape gives what the tree gives: every value, offset, key offset and tag, and the same strings
/// and paths to them from `forEachString` (which scans the tape's runs, so a node left outside its place would show).
@Suite struct YAMLTapeParityTests {
    /// Every YAML file among the tests' fixtures, and the shared corpus's when it is there.
    static let files: [URL] = {
        var roots = [Corpus.packageRoot.appendingPathComponent("Tests")]
        if Corpus.isAvailable { roots.append(Corpus.root) }
        return roots.flatMap { root -> [URL] in
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            return (walker?.allObjects as? [URL] ?? []).filter { ["yaml", "yml"].contains($0.pathExtension) }
        }.sorted { $0.path < $1.path }
    }()

    @Test func everyFixtureReadsTheSameAsTapeAndAsTree() throws {
        #expect(Self.files.count > 200)
        var compared = 0
        for file in Self.files {
            let bytes = [UInt8](try Data(contentsOf: file))
            let tape = Result { () throws(SyntaxError) in try YAMLReader().read(bytes, preferringTape: true) }
            let tree = Result { () throws(SyntaxError) in try YAMLReader().read(bytes, preferringTape: false) }
            switch (tape, tree) {
            case (.success(let tape), .success(let tree)):
                try #require(tape.count == tree.count, "\(file.lastPathComponent)")
                for (left, right) in zip(tape, tree) { Self.expectSame(left, right, file.lastPathComponent) }
                compared += 1
            case (.failure(let left), .failure(let right)):
                #expect(left.offset == right.offset && left.message == right.message, "\(file.lastPathComponent)")
            default:
                Issue.record("\(file.lastPathComponent): one reading failed, the other did not")
            }
        }
        #expect(compared > 150)
    }

    @Test func aliasesAndTagsReadTheSameAsTapeAndAsTree() throws {
        let yaml = """
            base: &base {name: "n", ports: [80, 443], tag: !Ref Thing}
            copies: [*base, *base, {inner: *base}]
            &key anchoredKey: value
            keyAsValue: *key
            scalar: &s !Sub "${AWS::Region}"
            again: *s
            list: &l [a, [b, [c, {d: e}]]]
            tail: [*l, *l]
            --- second
            """
        let bytes = Array(yaml.utf8)
        let tape = try YAMLReader().read(bytes, preferringTape: true)
        let tree = try YAMLReader().read(bytes, preferringTape: false)
        #expect(tape.first?.keysAreUnique == true, "read into a tape")
        for (left, right) in zip(tape, tree) { Self.expectSame(left, right, "aliases") }
        #expect(tape.first?["copies"]?.items?[2]["inner"]?["tag"]?.tag == "!Ref")
        #expect(tape.first?["keyAsValue"]?.string == "anchoredKey")
        var strings: [String] = []
        tape.first?.forEachString { text, _ in strings.append(text) }
        #expect(strings.filter { $0 == "e" }.count == 3, "each copy of the list is its own run")
    }

    @Test func mergeKeysAreReadAsATree() throws {
        let nodes = try YAMLReader().read(Array("a: &a {x: 1}\nb: {<<: *a, y: 2}\n".utf8))
        #expect(nodes.first?.keysAreUnique == false)
        #expect(nodes.first?["b"]?.entries?.map(\.key) == ["y", "x"])
    }

    /// Removing a tape node's tag (as CloudFormation's short forms do for their argument) removes it.
    @Test func aTapeNodesTagCanBeRemoved() throws {
        var node = try #require(try YAMLReader().read(Array("a: !Ref b\n".utf8)).first?["a"])
        #expect(node.tag == "!Ref")
        node.tag = nil
        #expect(node.tag == nil && node.string == "b")
    }

    static func expectSame(_ left: SourceNode, _ right: SourceNode, _ name: String) {
        #expect(left.offset == right.offset && left.tag == right.tag && left.kindDescription == right.kindDescription,
                "\(name) at \(left.offset)")
        #expect(left.string == right.string && left.numberLiteral == right.numberLiteral && left.bool == right.bool,
                "\(name) at \(left.offset)")
        if let entries = left.entries {
            let others = right.entries ?? []
            #expect(entries.map(\.key) == others.map(\.key) && entries.map(\.keyOffset) == others.map(\.keyOffset),
                    "\(name) at \(left.offset)")
            for (entry, other) in zip(entries, others) { expectSame(entry.value, other.value, name) }
        }
        if let items = left.items {
            #expect(items.count == right.items?.count, "\(name) at \(left.offset)")
            for (item, other) in zip(items, right.items ?? []) { expectSame(item, other, name) }
        }
        var leftStrings: [String] = []
        var rightStrings: [String] = []
        left.forEachString { text, steps in leftStrings.append("\(text) @ \(steps())") }
        right.forEachString { text, steps in rightStrings.append("\(text) @ \(steps())") }
        #expect(leftStrings == rightStrings, "\(name) at \(left.offset)")
    }
}
