import Foundation
import Testing

/// The published JSON Schemas describe real output, and the reporters' golden files are valid SARIF, JUnit and
/// check-report JSON (so every document the golden tests produce is schema-checked).
@Suite(.enabled(if: SchemaValidator.hasJSONSchema, "needs python3 with jsonschema (.ci/run installs it)"))
struct SchemaConformanceTests {
    typealias CLI = PolicyCheckProcess
    typealias Schemas = SchemaValidator

    static let goldens = CLI.packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures/golden")

    /// A golden file with its placeholders filled in, as the reporter wrote it.
    static func golden(_ name: String, date: String = "2026-11-29T12:34:56Z") throws -> String {
        try String(contentsOf: goldens.appendingPathComponent(name), encoding: .utf8)
            .replacingOccurrences(of: "{{VERSION}}", with: "0.1.0")
            .replacingOccurrences(of: "{{DATE}}", with: date)
    }

    @Test(.enabled(if: Schemas.hasSharedSchemas, "../shared/schemas is absent"))
    func goldenSARIFIsValidSARIF() throws {
        #expect(try Schemas.jsonErrors(Self.golden("report.sarif"), schema: Schemas.sarifSchema) == [])
    }

    @Test(.enabled(if: Schemas.hasSharedSchemas && Schemas.hasXMLLint, "needs ../shared/schemas and xmllint"))
    func goldenJUnitIsValidJUnit() throws {
        #expect(try Schemas.junitErrors(Self.golden("report.junit.xml", date: "2026-11-29T12:34:56")) == [])
    }

    @Test func goldenJSONMatchesTheCheckReportSchema() throws {
        #expect(try Schemas.jsonErrors(Self.golden("report.json"), schema: Schemas.checkReportSchema) == [])
    }

    @Test func theSchemasRejectWhatTheyShould() throws {
        let report = try Self.golden("report.json")
        let wrongSeverity = report.replacingOccurrences(of: "\"severity\": \"critical\"", with: "\"severity\": \"urgent\"")
        #expect(try !Schemas.jsonErrors(wrongSeverity, schema: Schemas.checkReportSchema).isEmpty)
        let noFindings = report.replacingOccurrences(of: "\"findings\": [", with: "\"findingz\": [")
        #expect(try !Schemas.jsonErrors(noFindings, schema: Schemas.checkReportSchema).isEmpty)
        if Schemas.hasSharedSchemas {
            let sarif = try Self.golden("report.sarif").replacingOccurrences(of: "\"level\": \"warning\"", with: "\"level\": \"serious\"")
            #expect(try !Schemas.jsonErrors(sarif, schema: Schemas.sarifSchema).isEmpty)
        }
    }

    @Test func checkJSONOutputMatchesTheSchema() throws {
        let result = try CLI.run(["check", "samples/", CLI.fixture("unknown-field.yaml"), "--format", "json", "--now", "2026-11-29"])
        #expect(result.status == 2)
        #expect(try Schemas.jsonErrors(result.stdout, schema: Schemas.checkReportSchema) == [])
    }

    @Test func keysInspectJSONMatchesTheSchema() throws {
        let keys = CLI.packageRoot.appendingPathComponent("Tests/KeyMaterialTests/Fixtures")
        let names = ["rsa2048-pkcs8.pem", "ec-p256-spki.der", "cert-ec-p256-ca.pem", "aes256.hex", "encrypted-pkcs8.pem",
                     "ed25519-spki.pem", "multi-block.pem", "not-a-key.txt"]
        let result = try CLI.run(["keys", "inspect", "--format", "json"] + names.map { keys.appendingPathComponent($0).path })
        #expect(result.status == 2)
        #expect(try Schemas.jsonErrors(result.stdout, schema: Schemas.keysInspectSchema) == [])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["keys"] as? [Any])?.count ?? 0 >= 7)
        #expect((json["errors"] as? [Any])?.count == 1)
    }
}
