import Foundation
import Testing
@testable import PolicyCheckKit

/// Checkov's CloudFormation fixtures (kept under `Fixtures/real-world/`): every file is recognised and checked, and every resource Checkov 3.3.30 fails
/// is flagged by a rule of the matching category on the same logical id.
@Suite struct CloudFormationCorpusTests {
    typealias T = CloudFormationTesting

    /// Every YAML and JSON file of the corpus, relative to its root.
    static let files: [String] = {
        guard let walker = FileManager.default.enumerator(atPath: T.corpus.path) else { return [] }
        return walker.compactMap { $0 as? String }
            .filter { path in [".yaml", ".yml", ".json"].contains { path.hasSuffix($0) } }
            .sorted()
    }()

    struct Expectation: Sendable, CustomTestStringConvertible {
        var file: String
        var resource: String
        var checkov: String
        var testDescription: String { "\(file) \(resource) \(checkov)" }
    }

    /// The committed fixture generated once with Checkov 3.3.30.
    static let expectations: [Expectation] = {
        let url = T.fixtures.appendingPathComponent("checkov-3.3.30-failed.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t").map(String.init)
            return Expectation(file: fields[0], resource: fields[1], checkov: fields[2])
        }
    }()

    /// What a Checkov failure must be matched by: a category, and for some checks particular rules.
    static func matches(_ checkov: String) -> (category: String, rules: Set<String>?) {
        switch checkov {
        case "CKV_AWS_7": return ("byok", ["MMC-KEY-005"])
        case "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277": return ("network", ["MMC-NET-001", "MMC-NET-011"])
        default: return ("encryption", nil)
        }
    }

    @Test func theCorpusAndItsExpectationsArePresent() throws {
        #expect(Self.files.count == 33)
        #expect(Self.expectations.count == 20)
        #expect(Set(Self.expectations.map(\.file)).isSubset(of: Set(Self.files)))
    }

    @Test(arguments: files)
    func everyCorpusFileIsRecognisedAndChecked(file: String) throws {
        let report = T.run([T.corpus.appendingPathComponent(file).path])
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.filesSkipped.isEmpty, "\(report.filesSkipped)")
        #expect(report.deploymentCount == 1)
        // Checked means every rule ran: outcomes exist for the file's resources.
        #expect(!report.outcomes.isEmpty)
    }

    @Test(arguments: expectations)
    func everyResourceCheckovFailsIsFlagged(expectation: Expectation) throws {
        let report = T.run([T.corpus.appendingPathComponent(expectation.file).path])
        let (category, rules) = Self.matches(expectation.checkov)
        let flagged = report.findings.filter { finding in
            finding.resource == expectation.resource && !finding.cannotVerify
                && finding.category.rawValue == category && (rules?.contains(finding.ruleId) ?? true)
        }
        #expect(!flagged.isEmpty, "\(expectation.resource) is not flagged in \(category); findings: \(report.findings.map(\.cfnSummary))")
    }

    @Test
    func checkovUnknownsAreCannotVerifyNotViolations() throws {
        let report = T.run([T.corpus.appendingPathComponent("SecurityGroupUnrestrictedIngress22/SecurityGroupUnrestrictedIngress22-UNKNOWN.yaml").path])
        #expect(report.errors.isEmpty)
        // The ingress (and so its ports) is unknown: only the administrative-port rule, which covers unknown ports, reports it.
        #expect(report.findings.map(\.ruleId).sorted() == ["MMC-NET-001"])
        #expect(report.findings.allSatisfy { $0.cannotVerify && $0.severity == .info })
    }

    @Test
    func passingSecurityGroupsAreNotWorldOpen() throws {
        for file in ["SecurityGroupUnrestrictedIngress22/SecurityGroupUnrestrictedIngress22-PASSED.yaml",
                     "SecurityGroupUnrestrictedIngress3389/SecurityGroupUnrestrictedIngress3389-PASSED.yaml",
                     "SecurityGroupUnrestrictedIngress80/SecurityGroupUnrestrictedIngress80-PASSED.yaml"] {
            let report = T.run([T.corpus.appendingPathComponent(file).path])
            #expect(report.findings.isEmpty, "\(file): \(report.findings.map(\.cfnSummary))")
        }
    }
}
