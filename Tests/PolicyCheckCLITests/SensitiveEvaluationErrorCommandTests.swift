import Foundation
import Testing

/// End-to-end: an error that stops a module's evaluation withholds the values the module marked sensitive, as
/// Terraform prints them — a sensitive variable used as a map key or given to `cidrsubnet` was quoted by the error
/// ("the map has no element 'Hunter2SuperSecret'"), and one where a bool is expected by the refusal Terraform's
/// plan gives, in every format; and a CloudFormation template's problem withholds what its `NoEcho` parameters spell
/// (a loop over a `NoEcho` list named its item in a duplicate logical id's message) (security row 136).
@Suite struct SensitiveEvaluationErrorCommandTests {
    typealias CLI = PolicyCheckProcess

    static let inputs = ["error-sensitive-map-key", "error-sensitive-cidr", "error-sensitive-bool",
                         "error-noecho-loop-duplicate.yaml"]

    private func check(_ format: String) throws -> CLI.Result {
        try CLI.run(["check"] + Self.inputs + ["--jobs", "1", "--format", format],
                    environment: ["SOURCE_DATE_EPOCH": "1700000000"],
                    in: URL(fileURLWithPath: CLI.fixture("sensitive-evaluation-errors")))
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func noFormatEchoesTheSensitiveValue(_ format: String) throws {
        let result = try check(format)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        for piece in ["Hunter2", "SuperSecret", "ListSecret"] {
            #expect(!result.stdout.contains(piece) && !result.stderr.contains(piece), "\(result.stdout)\(result.stderr)")
        }
    }

    @Test func theErrorsKeepTheirPlaceAndSayAValueWasWithheld() throws {
        let result = try check("text")
        let output = result.stdout + result.stderr
        for line in ["error-sensitive-map-key/main.tf:8:7: error: the map has no element '(sensitive value)'",
                     "error-sensitive-cidr/main.tf:12:20: error: cidrsubnet(): '(sensitive value)' is not a CIDR block",
                     "error-sensitive-bool/main.tf:3:15: error: \"(sensitive value)\" is not a bool",
                     "error-noecho-loop-duplicate.yaml:12:7: error: 'Db(sensitive value)' is written twice in one mapping"] {
            #expect(output.contains(line), "\(output)")
        }
    }
}
