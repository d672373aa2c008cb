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

    /// A long printable ASCII start is cut the same whatever follows the cut: controls, format characters or
    /// other scripts past the limit are never shown, and ones before it are.
    @Test func longTextIsCutTheSameWhateverFollowsTheLimit() {
        let arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        #expect(Excerpt.quote(arn) == String(arn.prefix(60)) + "…")
        #expect(Excerpt.quote("abcd\nef", limit: 4) == "abcd…")
        #expect(Excerpt.quote("abcd\u{200B}é\n", limit: 4) == "abcd…")
        #expect(Excerpt.quote("ab\u{200B}d", limit: 2) == "ab…")
        #expect(Excerpt.quote("a\u{200B}bcd", limit: 2) == "a\\u{200b}…")
        #expect(Excerpt.quote("abc", limit: 0) == "…")
    }

    @Test func controlCharactersAreShownAsEscapes() {
        #expect(Excerpt.quote("a\nb\tc\u{7F}d") == "a\\u{a}b\\u{9}c\\u{7f}d")
        #expect(Excerpt.quote("line\r\nbreak", limit: .max) == "line\\u{d}\\u{a}break")
        #expect(Excerpt.quote("x\u{0}y", limit: 2) == "x\\u{0}…")
    }

    /// Characters that show as nothing are shown: a rule id with a zero-width space read like the id it was not
    /// (tester round 31).
    @Test func invisibleFormatCharactersAndC1ControlsAreShownAsEscapes() {
        #expect(Excerpt.quote("MMC-NET-001\u{200B}") == "MMC-NET-001\\u{200b}")
        #expect(Excerpt.quote("al\u{2060}ice\u{AD}\u{FEFF}") == "al\\u{2060}ice\\u{ad}\\u{feff}")
        #expect(Excerpt.quote("a\u{202E}b\u{85}c\u{9B}") == "a\\u{202e}b\\u{85}c\\u{9b}")
    }

    @Test func nonASCIITextIsKeptWhole() {
        #expect(Excerpt.quote("café 🚀 ≥ 1") == "café 🚀 ≥ 1")
    }
}
