@testable import PolicyCheckEvidence
@testable import PolicyCheckKit
import Testing

/// Markdown escaping works per Unicode scalar: a Prepend character (U+0600) fuses with the next `<`, `[`, `|` or
/// backtick into one `Character`, which compared as a character is none of them (issue 14, item 8).
@Suite struct MarkdownScalarEscapingTests {
    static let prepend = "\u{600}"

    /// Every markup scalar in the escaped text is preceded by a backslash or written as an entity.
    static func isInert(_ escaped: String) -> Bool {
        var previous: Unicode.Scalar?
        for scalar in escaped.unicodeScalars {
            if "<>".unicodeScalars.contains(scalar) { return false }
            if "[]|`*_".unicodeScalars.contains(scalar), previous != "\\" { return false }
            previous = scalar
        }
        return true
    }

    @Test(arguments: ["<script>alert(1)</script>", "[live](https://evil.example)", "a|b", "`code`", "*b* _i_"])
    func evidenceMarkdownEscapesAfterAPrependCharacter(markup: String) {
        let text = markup.unicodeScalars.map { Self.prepend + String($0) }.joined()
        let escaped = EvidenceMarkdown.escape(text)
        #expect(Self.isInert(escaped), "\(escaped.debugDescription)")
    }

    @Test(arguments: ["<img src=x>", "[l](u)", "a|b", "`c`"])
    func reporterMarkdownEscapesAfterAPrependCharacter(markup: String) {
        let text = markup.unicodeScalars.map { Self.prepend + String($0) }.joined()
        let escaped = MarkdownText.escape(text)
        var previous: Unicode.Scalar?
        for scalar in escaped.unicodeScalars {
            if "[]|`<>".unicodeScalars.contains(scalar) { #expect(previous == "\\", "\(escaped.debugDescription)") }
            previous = scalar
        }
    }

    /// Inline code picks a fence longer than any backtick run and escapes pipes, whatever precedes them.
    @Test func inlineCodeSeesBackticksAndPipesBehindAPrependCharacter() {
        let code = EvidenceMarkdown.code("x\u{600}``|y")
        #expect(code.hasPrefix("```x"))
        #expect(code.unicodeScalars.filter { $0 == "`" }.count == 2 + 6)
        #expect(code.contains("\\|"))
        #expect(EvidenceMarkdown.code("plain") == "`plain`")
        #expect(EvidenceMarkdown.code("a`b") == "``a`b``")
        #expect(EvidenceMarkdown.code("`a") == "`` `a ``")
    }
}
