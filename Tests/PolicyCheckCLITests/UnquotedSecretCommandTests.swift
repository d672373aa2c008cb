import Foundation
import Testing

/// End-to-end: a secret written without its quotes — a Terraform password or a sensitive variable's default, a PIN,
/// a card number or a token in a JSON Secret — makes the input unreadable, and the error that says so names its
/// place and what kind of thing was found, never the word itself, in any format (reviewer, round 29).
@Suite struct UnquotedSecretCommandTests {
    typealias CLI = PolicyCheckProcess

    static let inputs = ["error-sensitive-default-unquoted", "error-password-unquoted-with-space",
                         "error-password-after-template-directive", "error-pin-unquoted.json",
                         "error-card-number-unquoted.json", "error-token-after-literal-unquoted.json",
                         "fail-cannot-verify-value-unquoted-with-dot"]
    /// Every piece of the secrets the inputs hold.
    static let secrets = ["Hunter2", "SuperSecret", "0042", "7781", "9931", "4111", "1111", "true7"]

    static let unshown = "an unquoted word (not shown: it may be a secret)"

    private func check(_ format: String) throws -> CLI.Result {
        try CLI.run(["check"] + Self.inputs + ["--jobs", "1", "--format", format],
                    environment: ["SOURCE_DATE_EPOCH": "1700000000"],
                    in: URL(fileURLWithPath: CLI.fixture("unquoted-secrets-not-echoed")))
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "github", "markdown"])
    func noFormatEchoesAnUnquotedSecret(_ format: String) throws {
        let result = try check(format)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        for secret in Self.secrets {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(secret): \(result.stdout)\(result.stderr)")
        }
    }

    @Test func eachErrorNamesItsPlaceAndWhatKindOfThingWasFound() throws {
        let result = try check("text")
        let output = result.stdout + result.stderr
        for line in ["error-sensitive-default-unquoted/main.tf:4:15: error: found \(Self.unshown): not a variable of this "
                         + "expression (a string needs double quotes)",
                     "error-password-unquoted-with-space/main.tf:3:22: error: expected a newline after the value of "
                         + "'password', found \(Self.unshown)",
                     "error-password-after-template-directive/main.tf:3:17: error: expected 'if', 'for', 'else', "
                         + "'endif' or 'endfor' after '%{', found \(Self.unshown)",
                     "error-pin-unquoted.json:1:84: error: leading zeros are not allowed in numbers, found \(Self.unshown)",
                     "error-card-number-unquoted.json:1:88: error: expected ',' or '}' after object member, found \(Self.unshown)",
                     "error-token-after-literal-unquoted.json:1:83: error: expected a value, found \(Self.unshown)"] {
            #expect(output.contains(line), "\(output)")
        }
    }
}
