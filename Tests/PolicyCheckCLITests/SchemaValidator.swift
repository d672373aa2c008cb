import Foundation
import PolicyCheckTestSupport

/// Validates outputs against their schemas with the tools CI installs (`.ci/run`): Python's `jsonschema` for JSON
/// Schemas (SARIF's draft-07 and our draft 2020-12 ones) and `xmllint` (libxml2-utils) for the JUnit XSD.
enum SchemaValidator {
    /// `../shared/schemas` beside the package (read-only; the SARIF schema and the JUnit XSD).
    static let sharedSchemas = PolicyCheckProcess.packageRoot.appendingPathComponent("../shared/schemas").standardizedFileURL
    static let sarifSchema = sharedSchemas.appendingPathComponent("sarif-schema-2.1.0.json")
    static let junitSchema = sharedSchemas.appendingPathComponent("junit.xsd")
    /// The schemas this project publishes.
    static let docsSchemas = PolicyCheckProcess.packageRoot.appendingPathComponent("docs/schemas")
    static let checkReportSchema = docsSchemas.appendingPathComponent("check-report.schema.json")
    static let keysInspectSchema = docsSchemas.appendingPathComponent("keys-inspect.schema.json")

    static var hasSharedSchemas: Bool { FileManager.default.fileExists(atPath: sarifSchema.path) }
    static let hasJSONSchema: Bool = (try? run(["python3", "-c", "import jsonschema"]).status) == 0
    static let hasXMLLint: Bool = (try? run(["xmllint", "--version"]).status) == 0

    /// Picks the validator the schema's `$schema` names and checks formats too; prints one error per line.
    private static let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        instance = json.load(open(sys.argv[2], encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(instance), key=lambda e: list(e.path))
        for error in errors:
            print("/".join(str(p) for p in error.path) + ": " + error.message[:300])
        sys.exit(1 if errors else 0)
        """

    /// The schema violations of `text` (empty when valid).
    static func jsonErrors(_ text: String, schema: URL) throws -> [String] {
        let file = try temporary(text, suffix: ".json")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(["python3", "-c", script, schema.path, file.path])
        guard result.status <= 1 else { return ["validator failed: \(result.output)"] }
        return result.status == 0 ? [] : result.output.split(separator: "\n").map(String.init)
    }

    /// The XSD violations of a JUnit document (empty when valid).
    static func junitErrors(_ text: String) throws -> [String] {
        let file = try temporary(text, suffix: ".xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(["xmllint", "--noout", "--schema", junitSchema.path, file.path])
        return result.status == 0 ? [] : result.output.split(separator: "\n").map(String.init)
    }

    private static func temporary(_ text: String, suffix: String) throws -> URL {
        let url = ScratchFolder.path("policycheck-schema", suffix: suffix)
        try Data(text.utf8).write(to: url)
        return url
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
