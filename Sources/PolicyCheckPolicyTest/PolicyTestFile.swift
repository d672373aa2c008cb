import Foundation
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckSyntax

/// A policy unit-test file (`kind: PolicyTest`): the pack under test and cases pairing an input with the outcome
/// expected of each rule.
public struct PolicyTestFile: Sendable {
    public static let fields = ["apiVersion", "kind", "policy", "now", "tests"]

    /// One case: an input and what each named rule must do with it.
    public struct Case: Sendable {
        public var name: String
        public var line: Int
        public var input: Input
        public var offering: Offering?
        public var expectations: [Expectation]
    }

    /// A manifest inline in the test file (findings point into the test file), or a file relative to it.
    public enum Input: Sendable {
        case inline(SourceNode)
        case file(path: String, display: String, offset: Int)
    }

    /// What one rule must do with the input.
    public struct Expectation: Sendable {
        public var ruleId: String
        /// Where the expectation is written (for unknown rule ids).
        public var offset: Int
        public var outcome: PolicyTestOutcome
        public var findings: Int?
        public var lines: [Int]?
    }

    public var source: SourceFile
    /// The pack under test: a file (relative to the test file) or the default pack's id.
    public var policy: Located<String>?
    public var now: Timestamp?
    public var cases: [Case] = []

    /// Parses a test file; every problem is thrown with its place.
    public static func read(_ file: SourceFile) throws(Diagnostics) -> PolicyTestFile {
        let parsed = try SettingsDocument.parse(file.bytes, path: file.path)
        let root = try parsed.requireRoot("the test file is empty")
        let source = parsed.source
        let reader = NodeReader(source: source)
        var file = PolicyTestFile(source: source)
        file.read(root, reader: reader)
        guard reader.errorCount == 0 else { throw Diagnostics(reader.errors) }
        return file
    }

    private mutating func read(_ root: SourceNode, reader: NodeReader) {
        guard let document = reader.object(root, path: "") else { return }
        document.allowOnly(Self.fields)
        if let version = document.string("apiVersion", required: true), version.value != PolicyLoader.apiVersion {
            reader.error(at: version.origin.offset, "unsupported apiVersion '\(Excerpt.quote(version.value))'; expected '\(PolicyLoader.apiVersion)'")
        }
        _ = document.choice("kind", ["PolicyTest"], required: true)
        policy = document.string("policy")
        now = document.timestamp("now")?.value
        guard let items = document.list("tests", required: true) else { return }
        if items.isEmpty { reader.error(at: document.origin(of: "tests").offset, "the test file has no tests") }
        for (node, path) in items {
            guard let view = reader.object(node, path: path) else { continue }
            if let testCase = readCase(view) { cases.append(testCase) }
        }
    }

    private func readCase(_ view: ObjectView) -> Case? {
        view.allowOnly(["name", "input", "manifest", "offering", "expect"])
        let name = view.string("name", required: true)?.value ?? view.path
        let line = source.location(ofOffset: view.node.offset).line
        let offering = view.choice("offering", Offering.allCases.map(\.rawValue)).flatMap { Offering(rawValue: $0.value) }
        let input: Input?
        switch (view.string("input"), view.value("manifest")) {
        case (let path?, nil):
            let base = InputPath.parent(of: source.path)
            let joined = path.value.hasPrefix("/") || base.isEmpty ? path.value : base + "/" + path.value
            let display = InputPath.display(URL(fileURLWithPath: joined).standardizedFileURL.path)
            input = .file(path: display, display: display, offset: path.origin.offset)
        case (nil, let manifest?):
            input = .inline(manifest)
        case (.some, .some):
            view.reader.error(at: view.origin(of: "manifest").offset, "a test has either 'input' (a file) or 'manifest' (inline), not both")
            input = nil
        case (nil, nil):
            view.reader.error(at: view.node.offset, "missing 'input' (a manifest file) or 'manifest' (inline) in '\(view.path)'")
            input = nil
        }
        let expectations = readExpectations(view)
        guard let input else { return nil }
        return Case(name: name, line: line, input: input, offering: offering, expectations: expectations)
    }

    private func readExpectations(_ view: ObjectView) -> [Expectation] {
        guard let expect = view.object("expect", required: true) else { return [] }
        if expect.node.entries?.isEmpty ?? true { view.reader.error(at: expect.node.offset, "'\(expect.path)' expects nothing") }
        let outcomes = PolicyTestOutcome.allCases.map(\.rawValue)
        var result: [Expectation] = []
        for entry in expect.node.entries ?? [] {
            if entry.value.string != nil {
                guard let outcome = expect.choice(entry.key, outcomes) else { continue }
                result.append(Expectation(ruleId: entry.key, offset: entry.keyOffset,
                                          outcome: PolicyTestOutcome(rawValue: outcome.value)!))
                continue
            }
            guard let detail = expect.object(entry.key) else { continue }
            detail.allowOnly(["outcome", "findings", "lines"])
            guard let outcome = detail.choice("outcome", outcomes, required: true) else { continue }
            let lines = detail.value("lines") == nil ? nil : detail.strings("lines").compactMap { Int($0.value) }
            result.append(Expectation(ruleId: entry.key, offset: entry.keyOffset, outcome: PolicyTestOutcome(rawValue: outcome.value)!,
                                      findings: detail.int("findings", range: 0...100_000)?.value, lines: lines))
        }
        return result
    }
}

/// What a rule did with a test's input, over every resource it judged.
public enum PolicyTestOutcome: String, Sendable, CaseIterable {
    case pass, fail
    /// Not applicable to anything in the input.
    case skip
    case cannotVerify = "cannot-verify"

    /// A rule fails if it fails anywhere; else cannot-verify if undecided anywhere; else passes if it passed
    /// anywhere; else it did not apply.
    static func aggregate(_ statuses: [RuleOutcome.Status]) -> PolicyTestOutcome {
        if statuses.contains(.fail) { return .fail }
        if statuses.contains(.cannotVerify) { return .cannotVerify }
        if statuses.contains(.pass) { return .pass }
        return .skip
    }
}
