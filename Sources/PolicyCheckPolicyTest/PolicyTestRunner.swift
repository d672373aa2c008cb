import Foundation
import PolicyCheckAdapters
import PolicyCheckInput
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckSyntax

/// Runs policy unit tests: every `*.test.yaml` under the given directories (or the files named), each case's input
/// evaluated with the pack under test, outcomes compared with the expectations.
public struct PolicyTestRunner: Sendable {
    /// The evaluation time when a test file does not fix one.
    public var now: Timestamp
    /// Read a pack under test or an input outside the test file's tree (`--allow-outside-tree`). A test file is
    /// pull-request content as a `.policycheck.yaml` is: `policy: ../outside.yaml` read a file above the checkout
    /// and quoted its first value in the error (tester round 31).
    public var allowOutsideTree = false

    public init(now: Timestamp, allowOutsideTree: Bool = false) {
        self.now = now
        self.allowOutsideTree = allowOutsideTree
    }

    /// Whether a file name marks a policy test file.
    public static func isTestFile(_ name: String) -> Bool {
        name.hasSuffix(".test.yaml") || name.hasSuffix(".test.yml")
    }

    public func run(_ paths: [String]) -> PolicyTestReport {
        var report = PolicyTestReport()
        let (files, problems) = Self.discover(paths, allowOutsideTree: allowOutsideTree)
        report.errors += problems
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                report.errors.append(.cannotRead(file, .testFile))
                continue
            }
            let source = SourceFile(path: file, bytes: [UInt8](data))
            do {
                report.suites.append(try run(PolicyTestFile.read(source)))
            } catch {
                report.errors += error.items
            }
        }
        if files.isEmpty && problems.isEmpty {
            report.errors.append(Diagnostic(file: paths.joined(separator: " "), location: nil,
                                            message: "no policy test files (*.test.yaml) found"))
        }
        return report
    }

    /// Runs one test file.
    public func run(_ file: PolicyTestFile) throws(Diagnostics) -> PolicyTestReport.Suite {
        let (policy, policyName) = try loadPolicy(file)
        let known = Set(policy.rules.map(\.rule.id))
        let unknown = file.cases.flatMap(\.expectations).filter { !known.contains($0.ruleId) }
        guard unknown.isEmpty else {
            let candidates = Suggestion.Candidates(known.sorted())
            throw Diagnostics(unknown.map { expectation in
                Diagnostic(file.source, offset: expectation.offset, "no rule '\(Excerpt.quote(expectation.ruleId))' in \(policyName)"
                           + candidates.clause(for: expectation.ruleId))
            })
        }
        let evaluator = Evaluator(policy: policy)
        let context = CheckContext(now: file.now ?? now)
        var suite = PolicyTestReport.Suite(file: file.source.path, policy: policyName)
        for testCase in file.cases {
            var result = PolicyTestReport.CaseResult(name: testCase.name, file: file.source.path, line: testCase.line)
            let (deployments, problems) = read(testCase, in: file)
            result.errors = problems
            if problems.isEmpty && deployments.isEmpty {
                result.errors.append(Diagnostic(file.source, offset: 0, "the input of '\(testCase.name)' holds no manifest policycheck reads"))
            }
            let evaluations = deployments.map { evaluator.evaluate($0, context: context) }
            if result.errors.isEmpty {
                // Grouped by rule once: filtering every outcome and finding for each expectation made a test of
                // 10,000 rules quadratic. Each group keeps the order the evaluation gave.
                let statuses = Dictionary(grouping: evaluations.flatMap(\.outcomes), by: \.ruleId).mapValues { $0.map(\.status) }
                let findings = Dictionary(grouping: evaluations.flatMap(\.findings), by: \.ruleId)
                for expectation in testCase.expectations {
                    let actual = PolicyTestOutcome.aggregate(statuses[expectation.ruleId] ?? [])
                    let lines = (findings[expectation.ruleId] ?? []).map(\.line).sorted()
                    if let mismatch = Self.compare(expectation, actual: actual, lines: lines) { result.mismatches.append(mismatch) }
                }
            }
            suite.cases.append(result)
        }
        return suite
    }

    // MARK: - Steps

    private func loadPolicy(_ file: PolicyTestFile) throws(Diagnostics) -> (CompiledPolicy, String) {
        guard let policy = file.policy, policy.value != PolicyLoader.defaultPackID else {
            return (CompiledPolicy(packs: [try PolicyLoader().loadDefault()]), "the default pack (\(PolicyLoader.defaultPackID))")
        }
        let base = InputPath.parent(of: file.source.path)
        let joined = policy.value.hasPrefix("/") || base.isEmpty ? policy.value : base + "/" + policy.value
        let path = InputPath.display(URL(fileURLWithPath: joined).standardizedFileURL.path)
        guard allowOutsideTree || CheckedTree.of(argument: file.source.path, isDirectory: false).contains(path) else {
            throw Diagnostics([Diagnostic(file.source, offset: policy.origin.offset,
                                          "the pack under test \(CheckedTree.refusal)")])
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw Diagnostics([Diagnostic(file.source, offset: policy.origin.offset,
                                          "cannot find the pack under test '\(Excerpt.quote(policy.value))' (looked for \(path))")])
        }
        return (try PolicySources.load([path]), path)
    }

    private func read(_ testCase: PolicyTestFile.Case, in file: PolicyTestFile) -> ([Deployment], [Diagnostic]) {
        var reader = InputReader()
        reader.options.offering = testCase.offering
        // References stay in the test file's tree (the working directory's, or the test file's folder outside it).
        let tree = CheckedTree.of(argument: file.source.path, isDirectory: false)
        switch testCase.input {
        case .file(let path, let display, let offset):
            guard allowOutsideTree || tree.contains(path) else {
                return ([], [Diagnostic(file.source, offset: offset, "the input of '\(testCase.name)' \(CheckedTree.refusal)")])
            }
            var input = InputDiscovery.Input(path: path, displayPath: display, isExplicit: true)
            input.tree = tree
            let result = reader.read(input)
            return (result.deployments, result.errors)
        case .inline(let node):
            guard let adapter = AdapterRegistry.detect([node]) else {
                return ([], [Diagnostic(file.source, offset: node.offset, "the inline manifest is in no format policycheck reads")])
            }
            switch adapter.read([node], file.source, reader.options) {
            case .success(var deployments):
                let base = InputPath.parent(of: file.source.path)
                let resolver = ByokMaterialResolver(baseDirectory: base.isEmpty ? "." : base, reader: reader.keyFiles, tree: tree)
                let problems = deployments.indices.flatMap { resolver.resolve(&deployments[$0]) }
                return (deployments, problems)
            case .failure(let problems):
                return ([], problems.items)
            }
        }
    }

    static func compare(_ expectation: PolicyTestFile.Expectation, actual: PolicyTestOutcome,
                        lines: [Int]) -> PolicyTestReport.Mismatch? {
        var expected: [String] = [expectation.outcome.rawValue]
        var got: [String] = [actual.rawValue]
        var differs = actual != expectation.outcome
        if let count = expectation.findings {
            expected.append(Self.count(count))
            got.append(Self.count(lines.count))
            differs = differs || count != lines.count
        }
        if let wanted = expectation.lines {
            expected.append(Self.lines(wanted.sorted()))
            got.append(Self.lines(Array(Set(lines)).sorted()))
            differs = differs || Set(wanted) != Set(lines)
        }
        if !differs { return nil }
        if expectation.findings == nil && expectation.lines == nil && !lines.isEmpty {
            got.append(Self.lines(Array(Set(lines)).sorted()))
        }
        return PolicyTestReport.Mismatch(ruleId: expectation.ruleId, expected: expected.joined(separator: ", "),
                                         actual: got.joined(separator: ", "))
    }

    private static func count(_ count: Int) -> String { count == 1 ? "1 finding" : "\(count) findings" }

    private static func lines(_ lines: [Int]) -> String {
        lines.isEmpty ? "no finding lines" : "lines " + lines.map(String.init).joined(separator: ", ")
    }

    /// Test files under the paths: directories searched recursively for `*.test.yaml`; files named are tests. A
    /// test file met in a directory that is a link out of it is refused, not read (its keys were echoed in errors;
    /// hostile tester, round 35), unless `allowOutsideTree`.
    static func discover(_ paths: [String], allowOutsideTree: Bool = false) -> ([String], [Diagnostic]) {
        var files: [String] = []
        var problems: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(file: path, location: nil, message: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(InputPath.display(path))
                continue
            }
            let found = (manager.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { isTestFile(($0 as NSString).lastPathComponent) }
                .sorted()
            // Judged on real paths: a folder reached through a link (a linked workspace, macOS's /tmp) holds its files.
            let tree = CheckedTree(root: path)
            for name in found {
                let file = InputPath.display(path.hasSuffix("/") ? path + name : path + "/" + name)
                if !allowOutsideTree, !tree.containsReal(file) {
                    problems.append(Diagnostic(file: file, location: nil,
                                               message: "a symbolic link to a file that \(CheckedTree.refusal)"))
                    continue
                }
                files.append(file)
            }
        }
        return (files, problems)
    }
}
