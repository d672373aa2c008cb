import Foundation
import Testing

/// End-to-end: an error that stops a module's evaluation withholds the values the module marked sensitive, as
/// Terraform prints them — a sensitive variable used as a map key or given to `cidrsubnet` was quoted by the error
/// ("the map has no element 'Hunter2SuperSecret'") in every format (security row 136).
@Suite struct SensitiveEvaluationErrorCommandTests {
    typealias CLI = PolicyCheckProcess

    static let inputs = ["error-sensitive-map-key", "error-sensitive-cidr"]

    private func check(_ format: String) throws -> CLI.Result {
        try CLI.run(["check"] + Self.inputs + ["--jobs", "1", "--format", format],
                    environment: ["SOURCE_DATE_EPOCH": "1700000000"],
                    in: URL(fileURLWithPath: CLI.fixture("sensitive-evaluation-errors")))
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func noFormatEchoesTheSensitiveValue(_ format: String) throws {
        let result = try check(format)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        for piece in ["Hunter2", "SuperSecret"] {
            #expect(!result.stdout.contains(piece) && !result.stderr.contains(piece), "\(result.stdout)\(result.stderr)")
        }
    }

    @Test func theErrorsKeepTheirPlaceAndSayAValueWasWithheld() throws {
        let result = try check("text")
        let output = result.stdout + result.stderr
        for line in ["error-sensitive-map-key/main.tf:8:7: error: the map has no element '(sensitive value)'",
                     "error-sensitive-cidr/main.tf:12:20: error: cidrsubnet(): '(sensitive value)' is not a CIDR block"] {
            #expect(output.contains(line), "\(output)")
        }
    }
}
