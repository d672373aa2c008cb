@testable import PolicyCheckEvidence
@testable import PolicyCheckKit
import Testing

/// A bidi override in a file or resource name (`svc‮tset-‬.yaml` reads `svc-test.yaml`) reached the Markdown
/// report, the evidence pages and JUnit raw (tester and reviewer, round 28), where the text and GitHub formats show it as `\u{202E}`:
/// every report now shows each bidi formatting character, and none stays in the output.
@Suite struct BidiInReportsTests {
    static let hostile = "svc\u{202E}tset-\u{202C}.yaml \u{2066}x\u{2069} \u{200F}\u{200E}\u{061C}"
    static let bidi: [UInt32] = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    static func holdsBidi(_ text: String) -> Bool {
        text.unicodeScalars.contains { bidi.contains($0.value) }
    }

    @Test func theMarkdownReportShowsEachBidiCharacter() {
        let escaped = MarkdownText.escape(Self.hostile)
        #expect(!Self.holdsBidi(escaped), "\(escaped.debugDescription)")
        #expect(escaped == #"svc\\u{202E}tset-\\u{202C}.yaml \\u{2066}x\\u{2069} \\u{200F}\\u{200E}\\u{61C}"#)
    }

    @Test func everyBidiCharacterIsShownInEveryEvidenceFormat() {
        for value in Self.bidi {
            let text = "a" + String(Unicode.Scalar(value)!) + "b"
            for escaped in [MarkdownText.escape(text), EvidenceMarkdown.escape(text), EvidenceMarkdown.code(text),
                            EvidenceHTML.escape(text), XMLText.escape(text), XMLText.escape(text, attribute: true)] {
                #expect(!Self.holdsBidi(escaped) && escaped.contains("u{\(String(value, radix: 16, uppercase: true))}"),
                        "\(escaped.debugDescription)")
            }
        }
    }

    @Test func otherTextIsUnchanged() {
        let text = "Zürich – 東京 ‑ ok"
        #expect(MarkdownText.escape(text) == text)
        #expect(EvidenceHTML.escape(text) == text)
        #expect(EvidenceMarkdown.escape(text) == text)
        #expect(XMLText.escape(text) == text)
    }
}
