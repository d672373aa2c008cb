import Foundation
@testable import PolicyCheckKit
@testable import PolicyCheckReport
@testable import PolicyCheckPolicy
import PolicyCheckSyntax
import Testing

/// The embedded pack is loaded from a JSON rendering of its YAML tree (start-up speed): the rendering must be that
/// tree exactly, loaded without a diagnostic into the pack the YAML gives. `POLICYCHECK_RECORD_GOLDEN=1` rewrites it
/// (`scripts/embed-policies.sh` does, after an edit of the pack).
@Suite struct EmbeddedPackJSONTests {
    static let generatedFile = PolicyPackTests.repositoryRoot
        .appendingPathComponent("Sources/PolicyCheckPolicy/Policy/Resources/mattermost-cloud.tree.json")
    static let yamlBytes = DefaultPolicyPack.yamlBytes

    @Test func renderingIsTheYAMLTreeAsJSON() throws {
        let yamlTree = try #require(try YAMLReader().read(Self.yamlBytes).first)
        let rendered = JSONRendering.render(yamlTree)
        if Golden.isRecording {
            try Self.generatedRendering(tree: yamlTree).write(to: Self.generatedFile, atomically: true, encoding: .utf8)
            Issue.record("recorded \(Self.generatedFile.lastPathComponent); build and run again without POLICYCHECK_RECORD_GOLDEN")
            return
        }
        #expect(String(decoding: DefaultPolicyPack.renderedTree, as: UTF8.self) == Self.generatedRendering(tree: yamlTree),
                "run scripts/embed-policies.sh")
        #expect(EmbeddedPackTree.isCurrent(Self.yamlBytes), "run scripts/embed-policies.sh")
        let jsonTree = try JSONReader().read(Array(rendered.utf8))
        #expect(JSONRendering.describe(jsonTree) == JSONRendering.describe(yamlTree))
    }

    @Test func embeddedPackLoadsFromTheRenderingWithoutDiagnostics() throws {
        #expect(EmbeddedPackTree.root(of: PolicyLoader.defaultSource) != nil)
        #expect(PolicyLoader().lint(source: PolicyLoader.defaultSource) == [])
        let fromJSON = try PolicyLoader().load(source: PolicyLoader.defaultSource)
        let fromYAML = try PolicyLoader().load(source: SourceFile(path: "copy/mattermost-cloud.yaml", bytes: Self.yamlBytes))
        #expect(EmbeddedPackTree.root(of: SourceFile(path: "copy/mattermost-cloud.yaml", bytes: Self.yamlBytes)) == nil)
        // The same rules, but for the origin (the copy's path).
        #expect(fromJSON.rules.map { "\($0.rule)" }
            == fromYAML.rules.map { "\($0.rule)".replacingOccurrences(of: "copy/mattermost-cloud.yaml", with: PolicyLoader.defaultPackPath) })
        #expect(fromJSON.rules.map { "\($0.check)" } == fromYAML.rules.map { "\($0.check)" })
        #expect(fromJSON.id == fromYAML.id && fromJSON.version == fromYAML.version && fromJSON.title == fromYAML.title)
        #expect(fromJSON.sha256 == fromYAML.sha256)
    }

    /// An edited pack is never read from a rendering of the pack it was.
    @Test func staleRenderingIsNotUsed() {
        var edited = Self.yamlBytes
        edited[edited.count - 2] = UInt8(ascii: "#")
        #expect(!EmbeddedPackTree.isCurrent(edited))
        #expect(EmbeddedPackTree.root(of: SourceFile(path: PolicyLoader.defaultPackPath, bytes: edited)) == nil)
    }

    /// The rendering file: the tree, and the size and checksum of the YAML it was rendered from.
    static func generatedRendering(tree: SourceNode) -> String {
        """
        {
          "renderedFrom": {
            "bytes": \(yamlBytes.count),
            "fnv1a64": "\(String(EmbeddedPackTree.checksum(yamlBytes), radix: 16, uppercase: true))"
          },
          "tree": \(JSONRendering.render(tree, indent: "  "))
        }

        """
    }
}

/// A tree written as JSON text, and a description that tells two trees apart.
enum JSONRendering {
    static func render(_ node: SourceNode, indent: String = "") -> String {
        let inner = indent + "  "
        switch node.value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let literal): return literal
        case .string(let text): return quote(text)
        case .sequence(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { inner + render($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .mapping(let entries):
            guard !entries.isEmpty else { return "{}" }
            return "{\n" + entries.map { inner + quote($0.key) + ": " + render($0.value, indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "}"
        }
    }

    /// A JSON string literal, escaped as policycheck's JSON reports escape it.
    static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        JSONWriter.appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Kinds, values, keys and order, and tags (which JSON cannot carry, so a tagged tree never matches).
    static func describe(_ node: SourceNode) -> String {
        let tag = node.tag.map { "!\($0) " } ?? ""
        switch node.value {
        case .null: return tag + "null"
        case .bool(let flag): return tag + "bool(\(flag))"
        case .number(let literal): return tag + "number(\(literal))"
        case .string(let text): return tag + "string(\(text.debugDescription))"
        case .sequence(let items): return tag + "[" + items.map(describe).joined(separator: ", ") + "]"
        case .mapping(let entries):
            return tag + "{" + entries.map { $0.key.debugDescription + ": " + describe($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
