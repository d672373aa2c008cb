import PolicyCheckSyntax
import Testing

/// Excerpts of input in messages: cut to a length, never a control character, plain text left as it is.
@Suite struct ExcerptTests {
    @Test func plainTextWithinTheLimitIsItsOwnExcerpt() {
        #expect(Excerpt.quote("aws_s3_bucket.logs") == "aws_s3_bucket.logs")
        #expect(Excerpt.quote(String(repeating: "a", count: 60)) == String(repeating: "a", count: 60))
        #expect(Excerpt.quote("") == "")
    }

    @Test func longTextIsCutAtTheLimitInCharacters() {
        #expect(Excerpt.quote(String(repeating: "a", count: 61)) == String(repeating: "a", count: 60) + "…")
        #expect(Excerpt.quote("ééééé", limit: 3) == "ééé…")
        #expect(Excerpt.quote("日本語テキスト", limit: 4) == "日本語テ…")
    }

    @Test func controlCharactersAreShownAsEscapes() {
        #expect(Excerpt.quote("a\nb\tc\u{7F}d") == "a\\u{a}b\\u{9}c\\u{7f}d")
        #expect(Excerpt.quote("line\r\nbreak", limit: .max) == "line\\u{d}\\u{a}break")
        #expect(Excerpt.quote("x\u{0}y", limit: 2) == "x\\u{0}…")
    }

    @Test func nonASCIITextIsKeptWhole() {
        #expect(Excerpt.quote("café 🚀 ≥ 1") == "café 🚀 ≥ 1")
    }
}
