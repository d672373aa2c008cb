import Foundation
import PolicyCheckKit
import Testing

/// Problems with the input itself: reported as located errors (exit code 2), never as findings.
@Suite struct ManifestErrorTests {
    struct InputError: Sendable, CustomTestStringConvertible {
        var fixture: String
        var line: Int
        var column: Int
        var message: String

        init(_ fixture: String, at line: Int, _ column: Int, _ message: String) {
            self.fixture = "manifest-errors/" + fixture
            self.line = line
            self.column = column
            self.message = message
        }

        var testDescription: String { fixture }
    }

    static let errors: [InputError] = [
        InputError("unknown-field.yaml", at: 10, 5, "unknown field 'regoin' in 'spec.database' (did you mean 'region'?)"),
        InputError("wrong-type.yaml", at: 9, 20, "'spec.backups.retentionDays' must be a whole number, found a string"),
        InputError("missing-name.yaml", at: 4, 3, "missing required field 'name' in 'metadata'"),
        InputError("missing-offering.yaml", at: 6, 3, "missing required field 'offering' in 'spec'"),
        InputError("bad-enum.yaml", at: 6, 13,
                   "'spec.offering' must be one of dedicated, shared, found 'dedicatd' (did you mean 'dedicated'?)"),
        InputError("invalid-date.yaml", at: 16, 23,
                   "'spec.keys[0].materials[0].importedAt' must be a date (YYYY-MM-DD) or an RFC 3339 date-time, found '2026-02-30'"),
        InputError("unsupported-api-version.yaml", at: 1, 13,
                   "unsupported apiVersion 'policycheck/v2'; this policycheck reads 'policycheck/v1'"),
        InputError("python-tag.yaml", at: 8, 17,
                   "YAML tag '!!python/object/apply:os.system' is not allowed (it asks to construct an object)"),
        // Issue 15: the logging section is validated like the rest of the manifest.
        InputError("bad-log-export.yaml", at: 11, 26,
                   "'spec.logging.databaseLogExports[0]' must be one of postgresql, upgrade, iam-db-auth-error, audit, error, general, slowquery, found 'postgres' (did you mean 'postgresql'?)"),
        // An unknown key spec made a key neither symmetric nor asymmetric to the rules (tester round 32).
        InputError("bad-key-spec.yaml", at: 12, 16,
                   "'spec.keys[0].keySpec' must be one of SYMMETRIC_DEFAULT, RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_NIST_EDWARDS25519, ECC_SECG_P256K1, SM2, HMAC_224, HMAC_256, HMAC_384, HMAC_512, ML_DSA_44, ML_DSA_65, ML_DSA_87, found 'symmetric_default' (did you mean 'SYMMETRIC_DEFAULT'?)"),
        InputError("unknown-logging-field.yaml", at: 9, 33,
                   "unknown field 'multiRegoin' in 'spec.logging.auditTrail' (did you mean 'multiRegion'?)"),
    ]

    @Test(arguments: errors)
    func inputErrorIsLocatedAndNotAFinding(_ expected: InputError) throws {
        let result = Fixture.check(expected.fixture)
        #expect(result.findings.isEmpty)
        #expect(result.deployments.isEmpty)
        #expect(result.errors.count == 1, "\(result.summary)")
        let error = try #require(result.errors.first)
        #expect(error.file == expected.fixture)
        #expect(error.location?.line == expected.line)
        #expect(error.location?.column == expected.column)
        #expect(error.message == expected.message)
        #expect(error.description == "\(expected.fixture):\(expected.line):\(expected.column): error: \(expected.message)")
    }

    @Test func malformedYAMLNamesLineAndColumnInOneShortLine() throws {
        let result = Fixture.check("manifest-errors/malformed.yaml")
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        // The flow mapping opened on line 10 is never closed; the parser notices on line 11.
        #expect(error.location?.line == 11)
        #expect(error.location?.column == 10)
        #expect(error.message.contains("did not find expected ',' or '}'"))
        #expect(error.message.contains("10:17"))
        #expect(!error.message.contains("\n"))
        #expect(!error.message.contains("kmsKey: data-key"), "the message must not echo the input line")
    }

    @Test func duplicateKeysAreAnError() throws {
        let result = Fixture.check("manifest-errors/duplicate-keys.yaml")
        #expect(result.deployments.isEmpty)
        let error = try #require(result.errors.first)
        #expect(error.message == "duplicate key 'region' in a mapping")
        // Lines 7 and 8 both say `region:`; the reader (Yams) points at the first of them.
        #expect([7, 8].contains(error.location?.line ?? 0))
        #expect(error.location?.column == 3)
    }

    @Test func unknownFieldsAreAllReportedNotJustTheFirst() {
        let result = Fixture.check(yaml: """
            apiVersion: policycheck/v1
            kind: Deployment
            metadata: {name: acme-prod}
            spec:
              offering: dedicated
              region: us-east-1
              databse: {engine: postgres}
              backups: {retentionDays: 30, retentionDys: 30}
            """)
        #expect(result.errors.map(\.description) == [
            "inline.yaml:7:3: error: unknown field 'databse' in 'spec' (did you mean 'database'?)",
            "inline.yaml:8:32: error: unknown field 'retentionDys' in 'spec.backups' (did you mean 'retentionDays'?)",
        ])
    }

    @Test func multiDocumentFileIsCheckedAsTwoDeployments() {
        let result = Fixture.check("manifest-errors/multi-document.yaml")
        #expect(result.errors.isEmpty)
        #expect(result.deployments.map(\.name) == ["acme-one", "acme-two"])
        let findings = result.findings.map { "\($0.ruleId) \($0.resource) \($0.line):\($0.column)" }
        #expect(findings == ["MMC-CHG-002 acme-one/maintenance 10:16", "MMC-RES-001 acme-two 18:11"])
    }

    @Test func inputErrorsMakeTheRunExitWithTwo() {
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        run.jobs = 1
        let report = run.run(paths: [Fixture.path("manifest-errors/wrong-type.yaml")])
        #expect(report.exitCode == 2)
        #expect(report.findings.isEmpty)
        #expect(report.errors.count == 1)
        #expect(report.errors.first?.location?.line == 9)
    }

    @Test func findingsWithoutErrorsExitWithOne() {
        let run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        let report = run.run(paths: [Fixture.path("native/availability/backup-retention/fail.yaml")])
        #expect(report.errors.isEmpty)
        #expect(report.exitCode == 1)
        let quiet = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .high, toolVersion: "test")
        #expect(quiet.run(paths: [Fixture.path("native/availability/backup-retention/fail.yaml")]).exitCode == 0)
    }
}
