import Foundation
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// `policy test`: the default pack's and the Acme sample's unit tests pass; mismatches are diffed; unreadable tests
/// are errors.
@Suite struct PolicyTestTests {
    /// Runs with the working directory at the package root, as `policycheck policy test` from a checkout would.
    static func run(_ paths: [String]) -> PolicyTestReport {
        PolicyTestRunner(now: Fixture.now).run(paths.map(PackText.root))
    }

    @Test func defaultPackTestsPass() {
        let report = Self.run(["policies/tests"])
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.cases.count >= 6)
        #expect(report.exitCode == 0, "\(report.text)")
    }

    @Test func acmeSampleTestsPass() {
        let report = Self.run(["samples/policies/tests"])
        #expect(report.cases.count >= 3)
        #expect(report.exitCode == 0, "\(report.text)")
    }

    static let testFile = """
        apiVersion: policycheck/v1
        kind: PolicyTest
        tests:
          - name: wrong expectations
            manifest:
              apiVersion: policycheck/v1
              kind: Deployment
              metadata: {name: plain}
              spec:
                offering: dedicated
                region: us-east-1
                database: {engine: postgres, encryption: {atRest: false}}
            expect:
              MMC-ENC-001: {outcome: pass, findings: 0}
              MMC-RES-001: pass
              MMC-OFF-001: {outcome: skip, lines: [3]}

        """

    @Test func mismatchesAreReportedAsExpectedAgainstActual() throws {
        let directory = try PackText.directory(["wrong.test.yaml": Self.testFile])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = PolicyTestRunner(now: Fixture.now).run([directory.path])
        #expect(report.exitCode == 1)
        let result = try #require(report.cases.first)
        #expect(result.mismatches == [
            PolicyTestReport.Mismatch(ruleId: "MMC-ENC-001", expected: "pass, 0 findings", actual: "fail, 1 finding"),
            PolicyTestReport.Mismatch(ruleId: "MMC-OFF-001", expected: "skip, lines 3", actual: "skip, no finding lines"),
        ])
        #expect(report.text.contains("  FAIL  wrong expectations (line 4)\n        MMC-ENC-001\n"))
        #expect(report.text.contains("          - expected: pass, 0 findings\n          + actual:   fail, 1 finding\n"))
        #expect(report.text.hasSuffix("1 test: 0 passed, 1 failed\n"))
    }

    @Test func unknownRuleIdsAndUnreadableInputsAreErrors() throws {
        let directory = try PackText.directory([
            "unknown.test.yaml": Self.testFile.replacingOccurrences(of: "MMC-RES-001: pass", with: "MMC-RES-01: pass"),
            "missing.test.yaml": """
                apiVersion: policycheck/v1
                kind: PolicyTest
                tests:
                  - {name: no such input, input: nowhere.yaml, expect: {MMC-ENC-001: pass}}
                """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = PolicyTestRunner(now: Fixture.now).run([directory.path])
        #expect(report.exitCode == 2)
        let unknown = try #require(report.errors.first)
        #expect(unknown.message == "no rule 'MMC-RES-01' in the default pack (mattermost-cloud) (did you mean 'MMC-RES-001'?)")
        #expect(unknown.location == SourceLocation(line: 15, column: 7))
        #expect(report.cases.first?.errors.isEmpty == false)
    }

    @Test func anEmptyDirectoryIsAnError() throws {
        let directory = try PackText.directory(["not-a-test.yaml": "a: 1\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = PolicyTestRunner(now: Fixture.now).run([directory.path])
        #expect(report.exitCode == 2)
        #expect(report.errors.first?.message == "no policy test files (*.test.yaml) found")
    }

    static let junitSchema = PackText.root("../shared/schemas/junit.xsd")
    static let xmllint = ["/usr/bin/xmllint", "/bin/xmllint"].first(where: FileManager.default.isExecutableFile(atPath:))

    @Test(.enabled(if: FileManager.default.fileExists(atPath: junitSchema), "../shared/schemas/junit.xsd is absent"),
          .enabled(if: xmllint != nil, "xmllint is not installed (apt-get install libxml2-utils)"))
    func junitIsValidAgainstTheSchema() throws {
        let schema = Self.junitSchema
        let xmllint = try #require(Self.xmllint)
        let directory = try PackText.directory(["wrong.test.yaml": Self.testFile])
        defer { try? FileManager.default.removeItem(at: directory) }
        var report = PolicyTestRunner(now: Fixture.now).run([directory.path, PackText.root("samples/policies/tests")])
        report.errors.append(Diagnostic(file: "broken & <odd>.test.yaml", location: nil, message: "cannot read \"it\""))
        let xml = PolicyTestJUnit.render(report, timestamp: Fixture.now)
        #expect(xml.contains("failures=\"1\""))
        let file = directory.appendingPathComponent("junit.xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--schema", schema, file.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(PolicyTestJUnit.render(report, timestamp: Fixture.now) == xml, "deterministic")
    }
}
