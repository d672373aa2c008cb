import Foundation
import Testing

/// End-to-end: repeatable `--format NAME[=FILE]`, the CI formats, and every SARIF, JUnit and JSON document the tool
/// writes validated against its schema.
@Suite(.enabled(if: SchemaValidator.hasSharedSchemas, "../shared/schemas is absent: cannot validate SARIF and JUnit"))
struct FormatOutputTests {
    typealias CLI = PolicyCheckProcess
    typealias Schemas = SchemaValidator

    @Test(.enabled(if: Schemas.hasJSONSchema && Schemas.hasXMLLint, "needs python3 jsonschema and xmllint (.ci/run installs them)"))
    func oneRunFeedsTheConsoleAndEveryCIFormat() throws {
        let directory = try CLI.temporaryDirectory().appendingPathComponent("ci out")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sarif = directory.appendingPathComponent("results.sarif").path
        let junit = directory.appendingPathComponent("junit.xml").path
        let json = directory.appendingPathComponent("report.json").path
        let markdown = directory.appendingPathComponent("summary.md").path
        let result = try CLI.run(["check", "samples/", CLI.fixture("malformed.yaml"), "--now", "2026-11-29",
                                  "--format", "text", "--format", "sarif=\(sarif)", "--format", "junit=\(junit)",
                                  "--format", "json=\(json)", "--format", "markdown=\(markdown)"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.contains("ERROR: some inputs could not be checked"))
        #expect(result.stdout.contains("malformed.yaml:"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["junit.xml", "report.json", "results.sarif", "summary.md"], "temporary files left behind?")

        let sarifText = try String(contentsOfFile: sarif, encoding: .utf8)
        #expect(try Schemas.jsonErrors(sarifText, schema: Schemas.sarifSchema) == [])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarifText.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notification = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect(((notification["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count >= 30, "every rule in force is listed")
        let results = try #require(run["results"] as? [[String: Any]])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }

        #expect(try Schemas.junitErrors(String(contentsOfFile: junit, encoding: .utf8)) == [])
        #expect(try Schemas.jsonErrors(String(contentsOfFile: json, encoding: .utf8), schema: Schemas.checkReportSchema) == [])
        #expect(try String(contentsOfFile: markdown, encoding: .utf8).hasPrefix("## policycheck: ERROR"))
    }

    @Test func everyFormatWrittenToFilesLeavesTheSummaryOnStandardError() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["check", CLI.fixture("high-only.yaml"), "--now", "2026-11-29",
                                  "--format", "github=\(directory.path)/annotations.txt", "--format", "junit=\(directory.path)/j.xml"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("FAIL: 1 at or above low"))
        let annotations = try String(contentsOfFile: directory.path + "/annotations.txt", encoding: .utf8)
        #expect(annotations.contains("::error file="))
        #expect(annotations.contains("high-only.yaml,line=6,col=11,title=MMC-RES-001::"))
    }

    @Test func sarifIsByteForByteDeterministic() throws {
        let arguments = ["check", "samples/", "--now", "2026-11-29", "--format", "sarif"]
        let first = try CLI.run(arguments + ["--jobs", "1"])
        let second = try CLI.run(arguments + ["--jobs", "2"])
        #expect(first.status == 1)
        #expect(first.stdout == second.stdout)
    }

    @Test func sarifColumnsCountUTF16CodeUnitsWhereTextCountsScalars() throws {
        let path = CLI.fixture("world-open-after-emoji.yaml")
        let text = try CLI.run(["check", path, "--now", "2026-11-29"])
        #expect(text.stdout.contains("world-open-after-emoji.yaml:12:50 critical MMC-NET-001"))
        let sarif = try CLI.run(["check", path, "--now", "2026-11-29", "--format", "sarif"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let result = try #require(((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 12)
        #expect(region["startColumn"] as? Int == 51, "🚀 is one scalar but two UTF-16 code units")
    }

    @Test(.enabled(if: Schemas.hasJSONSchema, "needs python3 jsonschema (.ci/run installs it)"))
    func standardInputHasNoFileToLocateButStaysValid() throws {
        let manifest = try String(contentsOfFile: CLI.fixture("high-only.yaml"), encoding: .utf8)
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["check", "-", "--now", "2026-11-29", "--format", "github",
                                  "--format", "sarif=\(directory.path)/stdin.sarif"], stdin: manifest)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("::error title=MMC-RES-001::"), "\(result.stdout)")
        let sarif = try String(contentsOfFile: directory.path + "/stdin.sarif", encoding: .utf8)
        #expect(try Schemas.jsonErrors(sarif, schema: Schemas.sarifSchema) == [])
        #expect(!sarif.contains("physicalLocation") && sarif.contains("\"fullyQualifiedName\": \"fixture-high\""))
    }

    @Test(.enabled(if: Schemas.hasJSONSchema && Schemas.hasXMLLint, "needs python3 jsonschema and xmllint (.ci/run installs them)"))
    func keysVerifyWritesValidSARIFAndJUnit() throws {
        let directory = try CLI.temporaryDirectory()
        let keys = CLI.packageRoot.appendingPathComponent("Tests/KeyMaterialTests/Fixtures")
        let result = try CLI.run(["keys", "verify", keys.appendingPathComponent("rsa2048-pkcs8.pem").path,
                                  keys.appendingPathComponent("not-a-key.txt").path, "--now", "2026-11-29",
                                  "--format", "sarif=\(directory.path)/keys.sarif", "--format", "junit=\(directory.path)/keys.xml"])
        #expect(result.status == 2, "\(result.stderr)")
        let sarif = try String(contentsOfFile: directory.path + "/keys.sarif", encoding: .utf8)
        #expect(try Schemas.jsonErrors(sarif, schema: Schemas.sarifSchema) == [])
        #expect(sarif.contains("not-a-key.txt"))
        let junit = try String(contentsOfFile: directory.path + "/keys.xml", encoding: .utf8)
        #expect(try Schemas.junitErrors(junit) == [])
        #expect(junit.contains("<error message="))
        #expect(!sarif.contains("PRIVATE KEY") && !junit.contains("PRIVATE KEY"))
    }

    @Test(arguments: [
        (["--format", "sarfi"], "unknown format 'sarfi' (did you mean 'sarif'?)"),
        (["--format", "jsn=out.json"], "unknown format 'jsn' (did you mean 'json'?)"),
        (["--format", "json", "--format", "sarif"], "only one format can go to standard output"),
        (["--format", "sarif="], "names no file"),
        (["--format", "sarif=r.sarif", "--output", "o.txt"], "--output has no format to write"),
        (["--format", "json", "--format", "text", "--output", "o.txt"], "--output takes one format"),
        (["--format", "json=same.out", "--format", "junit=./same.out"], "is named by two formats"),
    ])
    func invalidFormatValuesAreUsageErrors(arguments: [String], message: String) throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["check", CLI.fixture("high-only.yaml")] + arguments, in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "no output file on a usage error")
    }

    @Test func outputStillTakesTheSingleFormatWithoutAFile() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["check", CLI.fixture("high-only.yaml"), "--now", "2026-11-29", "--format", "text",
                                  "--format", "sarif=\(directory.path)/r.sarif", "--output", "\(directory.path)/r.txt"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOfFile: directory.path + "/r.txt", encoding: .utf8).contains("MMC-RES-001"))
        #expect(FileManager.default.fileExists(atPath: directory.path + "/r.sarif"))
    }
}
