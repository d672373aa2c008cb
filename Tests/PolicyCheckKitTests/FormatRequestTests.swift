import PolicyCheckKit
import Testing

/// `--format NAME[=FILE]` parsing and the rules for combining formats with `--output`.
@Suite struct FormatRequestTests {
    @Test func namesAloneGoToStandardOutputAndNameEqualsFileToTheFile() throws {
        #expect(try FormatRequest(parsing: "sarif") == FormatRequest(format: .sarif))
        #expect(try FormatRequest(parsing: "JUnit=reports/out dir/junit.xml") == FormatRequest(format: .junit, file: "reports/out dir/junit.xml"))
        #expect(try FormatRequest(parsing: "json=a=b.json").file == "a=b.json")
        #expect(try FormatRequest(parsing: "markdown=-").isStandardOutput)
    }

    @Test(arguments: [("sarfi", "sarif"), ("jsn", "json"), ("junti", "junit"), ("githb", "github"), ("markdwn", "markdown")])
    func unknownNamesSuggestTheClosestFormat(typo: String, suggestion: String) {
        #expect(throws: FormatRequestError.unknownFormat(typo, suggestion: suggestion)) { try FormatRequest(parsing: typo + "=x") }
    }

    @Test func unrelatedNamesAndEmptyFilesAreRejected() {
        #expect(throws: FormatRequestError.unknownFormat("html", suggestion: nil)) { try FormatRequest(parsing: "html") }
        #expect(throws: FormatRequestError.unknownFormat("", suggestion: nil)) { try FormatRequest(parsing: "=out.txt") }
        #expect(throws: FormatRequestError.emptyFile(format: "sarif")) { try FormatRequest(parsing: "sarif=") }
        #expect(FormatRequestError.unknownFormat("sarfi", suggestion: "sarif").description
                == "unknown format 'sarfi' (did you mean 'sarif'?); formats: text, json, sarif, junit, github, markdown")
    }

    @Test func noFormatMeansTextOnStandardOutputAndOutputTakesIt() throws {
        #expect(try FormatRequest.resolve([], output: nil) == [FormatRequest(format: .text)])
        #expect(try FormatRequest.resolve([], output: "r.txt") == [FormatRequest(format: .text, file: "r.txt")])
        let mixed = [FormatRequest(format: .json), FormatRequest(format: .sarif, file: "r.sarif")]
        #expect(try FormatRequest.resolve(mixed, output: "r.json")
                == [FormatRequest(format: .json, file: "r.json"), FormatRequest(format: .sarif, file: "r.sarif")])
    }

    @Test func ambiguousCombinationsAreRejected() {
        let two = [FormatRequest(format: .text), FormatRequest(format: .json)]
        #expect(throws: FormatRequestError.severalToStandardOutput(["text", "json"])) { try FormatRequest.resolve(two, output: nil) }
        #expect(throws: FormatRequestError.outputWithSeveralFormats(["text", "json"])) { try FormatRequest.resolve(two, output: "o") }
        let filed = [FormatRequest(format: .sarif, file: "r.sarif")]
        #expect(throws: FormatRequestError.outputWithoutFormat) { try FormatRequest.resolve(filed, output: "o") }
        #expect(throws: FormatRequestError.emptyOutput) { try FormatRequest.resolve([], output: "") }
        let clash = [FormatRequest(format: .sarif, file: "out/r"), FormatRequest(format: .junit, file: "out/./r")]
        #expect(throws: FormatRequestError.fileTwice("out/./r")) { try FormatRequest.resolve(clash, output: nil) }
    }

    @Test func everyFileAndStandardOutputMayEachTakeOneFormat() throws {
        let requests = try ReportFormat.allCases.dropFirst().map { try FormatRequest(parsing: "\($0.rawValue)=out.\($0.rawValue)") }
        let resolved = try FormatRequest.resolve([FormatRequest(format: .text)] + requests, output: nil)
        #expect(resolved.filter(\.isStandardOutput).map(\.format) == [.text])
        #expect(resolved.count == ReportFormat.allCases.count)
    }
}
