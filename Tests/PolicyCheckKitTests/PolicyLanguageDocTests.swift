import Foundation
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Every example in docs/policy-language.md is executed: packs against their fixtures, the test-file example as a
/// policy test, the lint example against its printed output, the configuration example as a configuration.
@Suite struct PolicyLanguageDocTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var marker: String
        var name: String
        var yaml: String
        /// The ```text block that follows, if any.
        var output: String?
        var testDescription: String { "\(marker): \(name)" }
    }

    static let document: String = (try? String(contentsOfFile: PackText.root("docs/policy-language.md"), encoding: .utf8)) ?? ""

    /// `<!-- marker: name -->` followed by a ```yaml block (and optionally a ```text block).
    static let examples: [Example] = {
        var result: [Example] = []
        let lines = document.components(separatedBy: "\n")
        var index = 0
        func block(at start: Int, fence: String) -> (String, Int)? {
            guard start < lines.count, lines[start] == fence else { return nil }
            var end = start + 1
            while end < lines.count, lines[end] != "```" { end += 1 }
            return (lines[(start + 1)..<end].joined(separator: "\n") + "\n", end + 1)
        }
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.hasPrefix("<!-- "), line.hasSuffix(" -->") else { continue }
            let inner = line.dropFirst(5).dropLast(4)
            let parts = inner.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let (yaml, next) = block(at: index, fence: "```yaml") else { continue }
            var example = Example(marker: parts[0], name: parts.count > 1 ? parts[1] : parts[0], yaml: yaml)
            var after = next
            while after < lines.count, lines[after].isEmpty { after += 1 }
            if let (text, _) = block(at: after, fence: "```text") { example.output = text }
            result.append(example)
            index = next
        }
        return result
    }()

    static let packExamples = examples.filter { $0.marker == "policy-example" }

    @Test func theDocumentHasExamplesOfEveryKind() {
        let markers = Set(Self.examples.map(\.marker))
        #expect(markers == ["policy-example", "policy-test-example", "policy-lint-example", "config-example"])
        #expect(Self.packExamples.count >= 5)
    }

    @Test func everyPackExampleHasFixturesAndEveryFixtureAnExample() throws {
        let root = Fixture.directory.appendingPathComponent("policy-language").path
        let directories = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        #expect(directories == Self.packExamples.map(\.name).sorted())
    }

    /// The example lints clean; `fail.yaml` triggers a rule the example adds or overrides, at the severity the
    /// example gives it; `pass.yaml` triggers none of them.
    @Test(arguments: packExamples)
    func packExampleRunsAgainstItsFixtures(_ example: Example) throws {
        #expect(PackText.lint(example.yaml, path: "docs/policy-language.md").isEmpty)
        let policy = try PackText.load(example.yaml, path: "docs/policy-language.md")
        let pack = try #require(policy.packs.first)
        let changed = Dictionary(uniqueKeysWithValues: pack.rules
            .filter { $0.rule.packID == pack.id || !$0.rule.overriddenBy.isEmpty }
            .map { ($0.rule.id, $0.rule.severity) })
        #expect(!changed.isEmpty)
        let fail = Fixture.check("policy-language/\(example.name)/fail.yaml", policy: policy)
        #expect(fail.errors.isEmpty, "\(fail.summary)")
        let fired = fail.findings.filter { changed[$0.ruleId] != nil }
        #expect(!fired.isEmpty, "\(fail.summary)")
        for finding in fired { #expect(finding.severity == changed[finding.ruleId], "\(finding.ruleId)") }
        let pass = Fixture.check("policy-language/\(example.name)/pass.yaml", policy: policy)
        #expect(pass.errors.isEmpty, "\(pass.summary)")
        #expect(pass.findings.filter { changed[$0.ruleId] != nil }.isEmpty, "\(pass.summary)")
    }

    @Test func testFileExamplePasses() throws {
        for example in Self.examples where example.marker == "policy-test-example" {
            let file = try PolicyTestFile.read(SourceFile(path: "docs/policy-language.md", bytes: Array(example.yaml.utf8)))
            let suite = try PolicyTestRunner(now: Fixture.now).run(file)
            #expect(!suite.cases.isEmpty)
            for result in suite.cases {
                #expect(result.passed, "\(result.name): \(result.mismatches) \(result.errors)")
            }
        }
    }

    @Test func lintExamplePrintsWhatTheDocumentSays() throws {
        let example = try #require(Self.examples.first { $0.marker == "policy-lint-example" })
        let expected = try #require(example.output)
        let actual = PackText.lint(example.yaml, path: "\(example.name).yaml").map(\.description).joined(separator: "\n") + "\n"
        #expect(actual == expected)
    }

    @Test func configurationExampleLoadsAndNamesRulesInForce() throws {
        let example = try #require(Self.examples.first { $0.marker == "config-example" })
        let directory = try PackText.directory([".policycheck.yaml": example.yaml])
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try ProjectConfig.load(directory.appendingPathComponent(".policycheck.yaml").path)
        #expect(config.failOn?.value == .high)
        #expect(config.jobs?.value == 4)
        #expect(config.outputs?.value.count == 2)
        _ = try Fixture.defaultPolicy.applying(config.rules)
    }

    /// Every kind and attribute of the normalised model is documented in its kind's table.
    @Test(arguments: ResourceKind.allCases)
    func everyAttributeIsDocumented(_ kind: ResourceKind) throws {
        let heading = "### `\(kind.rawValue)`\n"
        let start = try #require(Self.document.range(of: heading))
        let rest = Self.document[start.upperBound...]
        let section = rest.range(of: "\n### ").map { rest[..<$0.lowerBound] } ?? rest
        for attribute in kind.attributes {
            #expect(section.contains("| `\(attribute.path)` | \(attribute.type.rawValue) |"), "\(kind.rawValue).\(attribute.path)")
        }
        let documented = section.components(separatedBy: "\n").filter { $0.hasPrefix("| `") }.count
        #expect(documented == kind.attributes.count)
    }
}
