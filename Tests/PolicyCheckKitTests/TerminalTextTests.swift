import PolicyCheckKit
import Testing

/// Text from inputs that reaches a terminal or a CI log cannot drive the terminal, reorder what is read, or run a
/// GitHub workflow command (issue 14, item 7).
@Suite struct TerminalTextTests {
    /// No C0/C1 control, bidi override or isolate is left; no line of `text` starts (after blanks) a workflow
    /// command, and none holds the older `##[` command.
    static func isInert(_ text: String) -> Bool {
        let scalarsInert = text.unicodeScalars.allSatisfy { scalar in
            scalar == "\n" || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || [0x061C, 0x200E, 0x200F].contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value))
        }
        let linesInert = text.split(separator: "\n").allSatisfy { line in
            !line.drop { $0 == " " }.hasPrefix(":") && !line.contains("##[")
        }
        return scalarsInert && linesInert
    }

    @Test(arguments: [
        "evil\r\u{1B}[2KINTACT.yaml",
        "::add-mask::token",
        "  ::error file=a::forged",
        ":",
        "note ##[warning]forged",
        "\u{202E}lmay.txe",
        "a\u{2066}b\u{2069}\u{200F}",
        "c1\u{85}\u{9B}31m",
        "\u{600}\u{1B}]8;;http://x\u{7}",
        "#\u{600}#[x",
    ])
    func cleanNeutralisesEachAttack(text: String) {
        let cleaned = TerminalText.clean(text)
        #expect(Self.isInert(cleaned), "\(cleaned.debugDescription)")
        #expect(!cleaned.contains("\n"))
    }

    @Test func controlsAndOverridesStayVisible() {
        #expect(TerminalText.clean("a\u{1B}[31mb") == "a\\u{1B}[31mb")
        #expect(TerminalText.clean("x\u{202E}y") == "x\\u{202E}y")
        #expect(TerminalText.clean("::add-mask::x") == "\\::add-mask::x")
        #expect(TerminalText.clean("a ##[group]b") == "a ##\\[group]b")
        #expect(TerminalText.clean("line\nbreak\ttab") == "line break tab")
        // Characters .NET's culture-aware matching skips hide nothing.
        #expect(TerminalText.clean("\u{AD}::add-mask::x") == "\u{AD}\\::add-mask::x")
        #expect(TerminalText.clean("#\u{600}#[x") == "#\u{600}#\\[x")
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["deploy/prod east/app.yaml:3:7: error: unknown field 'regoin'", "'::/0' admits every IPv6 address",
                     "« données 🚀 » # note", "aws_s3_bucket.logs[\"a b\"]"] {
            #expect(TerminalText.clean(text) == text)
        }
    }

    /// A crafted file and resource name in the text report: nothing reaches the terminal raw.
    @Test func textReporterPrintsCraftedNamesInertly() {
        var report = GoldenReport.report
        report.findings[0].file = "::error::forged\r\u{1B}[1A.yaml"
        report.findings[0].resource = "r\u{202E}evil\u{1B}[2K"
        report.errors[0].file = "##[warning]x.yaml"
        let text = TextReporter().render(report)
        #expect(Self.isInert(text), "\(text.debugDescription)")
        #expect(text.contains("\\::error::forged \\u{1B}[1A.yaml"))
    }

    @Test func githubReporterShowsOverridesAndControls() {
        var report = GoldenReport.report
        report.findings[0].message = "ok\u{202E}kO ##[add-mask]x \u{9B}"
        let text = GitHubReporter().render(report)
        let line = text.split(separator: "\n").first { $0.contains("TEST-NET-001") } ?? ""
        #expect(line.hasSuffix("::ok\\u{202E}kO ##\\[add-mask]x \\u{9B} [acme-prod/network/ipFiltering]%0ARemediation: "
                               + "Replace `0.0.0.0/0` with the customer's ranges | one per entry."))
        // Every line is an annotation or the summary: the message started no line of its own.
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("::") || $0.hasPrefix("ERROR:") })
    }
}
