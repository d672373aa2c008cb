import PolicyCheckKit
import Testing

/// What each format must escape, and the severity mappings code-scanning services rank by.
@Suite struct ReporterEscapingTests {
    @Test func xmlRemovesForbiddenCharactersAndNeverLeavesCDATAEnd() {
        #expect(XMLText.escape("a]]>b") == "a]]&gt;b")
        #expect(XMLText.escape("bell\u{7} del\u{7F} c1\u{85} ok\tok\nok") == "bell del c1 ok\tok\nok")
        #expect(XMLText.escape("<\"q\" & 'a'>\n\t", attribute: true) == "&lt;&quot;q&quot; &amp; 'a'&gt;&#10;&#9;")
        #expect(XMLText.escape("\u{FFFE}é🚀") == "é🚀")
        #expect(XMLText.escape("a\rb") == "a&#13;b")
    }

    /// Text with nothing to escape (the usual rule id, resource or path) comes back as it was, in either context.
    @Test func xmlLeavesPlainTextAsItIs() {
        #expect(XMLText.escape("MMC-ENC-001 aws_s3_bucket.logs[\"a b\"]\n\t") == "MMC-ENC-001 aws_s3_bucket.logs[\"a b\"]\n\t")
        #expect(XMLText.escape("plans/prod-01.json ~ 'x'", attribute: true) == "plans/prod-01.json ~ 'x'")
        #expect(XMLText.escape("tab\tin attribute", attribute: true) == "tab&#9;in attribute")
    }

    @Test func githubEscapesDataAndPropertiesAsTheRunnerDoes() {
        let line = GitHubReporter().render(GoldenReport.report).split(separator: "\n").first { $0.contains("TEST-NET-001") }
        #expect(line?.hasPrefix("::error file=deploy/prod east/app manifest.yaml,line=12,col=9,title=TEST-NET-001::") == true)
        #expect(GitHubReporter.escapeData("100%\r\nnext") == "100%25%0D%0Anext")
        #expect(GitHubReporter.escapeProperty("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A")
        #expect(GitHubReporter.escapeData("esc\u{1B}[31mred") == "esc\\u{1B}[31mred")
    }

    /// A warning is not always something left unchecked (a stale inline ignore is one): the title and heading say
    /// "warning" and the message says what.
    @Test func aWarningIsNotCalledNotChecked() {
        var report = GoldenReport.report
        report.warnings = [Diagnostic(file: "svc.yaml", location: nil,
                                      message: "stale inline ignore (MMC-NET-011) matched no finding; remove it", severity: .warning)]
        let github = GitHubReporter().render(report)
        #expect(github.contains("::warning file=svc.yaml,title=policycheck%3A warning::stale inline ignore"), "\(github)")
        #expect(!github.contains("not checked::stale"))
        let markdown = MarkdownReporter().render(report)
        #expect(markdown.contains("### Warnings\n\n- "), "\(markdown)")
        #expect(!markdown.contains("Read but not checked"))
    }

    @Test func markdownKeepsATableCellOneCellAndInert() {
        #expect(MarkdownText.escape("a|b\nc\r\nd") == "a\\|b<br>c<br>d")
        #expect(MarkdownText.escape("<img src=x> *bold* _i_ [l](u) `c` &amp;") == "\\<img src=x\\> \\*bold\\* \\_i\\_ \\[l\\](u) \\`c\\` &amp;amp;")
    }

    @Test func pathsBecomeURIReferences() {
        #expect(URIReference.encode(path: "deploy/prod east/ünï.yaml") == "deploy/prod%20east/%C3%BCn%C3%AF.yaml")
        #expect(URIReference.encode(path: "c:odd#name?.yaml") == "c%3Aodd%23name%3F.yaml")
        #expect(URIReference.encode(path: "/abs/a b.yaml") == "file:///abs/a%20b.yaml")
        #expect(URIReference.isRelative("a/b") && !URIReference.isRelative("/a/b"))
    }

    /// Every byte value, alone and between unreserved characters: unreserved bytes and `/` kept, the rest `%XX` in
    /// uppercase hex (RFC 3986, 2.1 and 2.3).
    @Test func everyByteIsEncodedAsRFC3986Says() {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        for scalar in (0...0x7F).compactMap(Unicode.Scalar.init) + ["é", "\u{2028}", "😀"] {
            let text = String(scalar)
            let expected = text.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : "%" + ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
            #expect(URIReference.encode(path: "a" + text + "z") == "a" + expected + "z")
        }
    }

    @Test(arguments: [(Severity.critical, "error", "9.5", "error"), (.high, "error", "8.0", "error"),
                      (.medium, "warning", "5.5", "warning"), (.low, "note", "3.0", "warning"), (.info, "note", "0.0", "notice")])
    func severitiesMapToLevelsAndScores(severity: Severity, sarif: String, score: String, github: String) {
        #expect(SARIFReporter.level(severity) == sarif)
        #expect(SARIFReporter.securitySeverity(severity) == score)
        #expect(GitHubReporter.level(severity) == github)
    }

    @Test func fingerprintsIgnoreLinesColumnsAndMessagesButNotIdentity() {
        let finding = GoldenReport.report.findings[0]
        var moved = finding
        moved.line += 40
        moved.column = 1
        moved.utf16Column = 1
        moved.message = "reworded"
        #expect(SARIFReporter.fingerprint(moved) == SARIFReporter.fingerprint(finding))
        var other = finding
        other.resource += "-2"
        #expect(SARIFReporter.fingerprint(other) != SARIFReporter.fingerprint(finding))
        #expect(SARIFReporter.fingerprint(finding).count == 64)
    }

    @Test func theEvaluatorRecordsUTF16ColumnsBesideScalarColumns() throws {
        let result = try Fixture.check("native/network/world-open/fail-ipv4.yaml", replacing: [
            ("- cidr: 0.0.0.0/0\n          description: office", "- {description: \"🚀 office\", cidr: 0.0.0.0/0}"),
        ])
        let finding = try #require(result.findings("MMC-NET-001").first)
        #expect(finding.utf16Column == finding.column + 1, "\(result.summary)")
        let plain = try #require(Fixture.check("native/network/world-open/fail-ipv4.yaml").findings("MMC-NET-001").first)
        #expect(plain.utf16Column == plain.column)
    }
}
