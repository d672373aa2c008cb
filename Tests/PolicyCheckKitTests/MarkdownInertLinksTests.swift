import PolicyCheckKit
import Testing

/// A file or resource name in the Markdown report (posted as a pull request comment or a job summary) can neither
/// mention a user or team nor become a link: a word joiner follows each `@` and breaks `://` and `www.` (before,
/// `metadata.name: db-@acme/security-team-https://evil.example/login` pinged the team and linked out; hostile tester,
/// round 35). SARIF's rule help, written from the pack, keeps its links.
@Suite struct MarkdownInertLinksTests {
    static let joiner = "\u{2060}"

    @Test(arguments: [
        ("notify @octocat", "notify @\u{2060}octocat"),
        ("db-@acme/security-team", "db-@\u{2060}acme/security-team"),
        ("https://evil.example/login", "https\u{2060}://evil.example/login"),
        ("see WWW.evil.example", "see WWW\u{2060}.evil.example"),
        ("mail a@b.example", "mail a@\u{2060}b.example"),
        ("ratio 1:2, ww.x, www", "ratio 1:2, ww.x, www"),
        // A control character, dropped, must not join the pieces back into a link (review, round 35).
        ("ww\u{1}w.evil.example https:/\u{1}/x", "www\u{2060}.evil.example https\u{2060}://x"),
    ])
    func mentionsAndAutolinksAreBroken(text: String, expected: String) {
        #expect(MarkdownText.escape(text) == expected)
        if !text.contains("\u{1}") { #expect(MarkdownText.escape(text, inertLinks: false) == text) }
    }

    @Test func theReportsNamesCannotPingOrLink() {
        var report = GoldenReport.report
        report.errors = [Diagnostic(file: "notify @octocat www.evil.example.yaml", location: nil,
                                    message: "cannot read db-@acme/security-team-https://evil.example/login")]
        let markdown = MarkdownReporter().render(report)
        #expect(!markdown.contains("@octocat") && !markdown.contains("@acme") && !markdown.contains("https://")
                && !markdown.contains("www.evil"), "\(markdown)")
        #expect(markdown.contains("@\(Self.joiner)acme/security-team"))
    }
}
