@testable import PolicyCheckReport
import PolicyCheckTestSupport
import Testing

/// `JSONWriter` escapes strings a byte run at a time. It must write exactly what escaping scalar by scalar wrote
/// (the code it replaced, kept here as the reference), since reports, baselines and evidence are compared by bytes.
@Suite struct JSONWriterEscapeTests {
    /// The scalar-by-scalar escaping the byte writer replaced.
    static func reference(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    static func written(_ value: String) -> String {
        var bytes: [UInt8] = []
        JSONWriter.appendString(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every ASCII character alone, at the start, middle and end of plain text, and the three-byte characters that
    /// share U+2028's lead byte (E2) — en dash, euro sign, U+2027, U+202A — next to the two that must be escaped.
    @Test func everyEdgeMatchesTheReference() {
        var samples: [String] = ["", "plain", "\u{2028}", "\u{2029}", "a\u{2028}b\u{2029}c", "\u{2027}\u{202A}",
                                 "en – dash", "€", "\u{2028}\u{2028}", "ends with E2 lead \u{2013}", "😀\u{2029}😀",
                                 "\u{7F}", "é\u{1F}é"]
        for value in 0..<0x80 {
            let character = String(UnicodeScalar(UInt8(value)))
            samples += [character, character + "tail", "head" + character, "head" + character + "tail"]
        }
        for sample in samples {
            #expect(Self.written(sample) == Self.reference(sample), "\(Array(sample.utf8))")
        }
    }

    /// 20,000 strings drawn from an alphabet heavy in characters that need escapes.
    @Test func generatedTextsMatchTheReference() {
        let alphabet: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}",
                                          "\u{80}", "é", "\u{2013}", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}",
                                          "\u{20AC}", "\u{FFFD}", "\u{1F600}", "/", "<"]
        var generator = SplitMix64(seed: 2028)
        for _ in 0..<20_000 {
            var value = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 24) {
                value.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            let text = String(value)
            #expect(Self.written(text) == Self.reference(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    /// Text cut from a longer string (its own storage once copied) escapes as the reference does.
    @Test func substringBackedTextMatchesTheReference() {
        let text = String("xx\u{2028}\"quoted\"\u{1}\u{2013}yy".dropFirst(2))
        #expect(Self.written(text) == Self.reference(text))
    }
}
