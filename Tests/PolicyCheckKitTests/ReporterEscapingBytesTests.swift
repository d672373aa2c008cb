import PolicyCheckKit
import PolicyCheckTestSupport
import Testing

/// The XML, Markdown and GitHub escapes work on UTF-8 bytes. Each must give what the scalar-by-scalar code it
/// replaced gave (kept here as references), on every edge and on generated text heavy in what they escape — except
/// where that code was wrong: GitHub property values now encode every `:` and `,` (see the last test).
@Suite struct ReporterEscapingBytesTests {
    static func xmlReference(_ text: String, attribute: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += attribute ? "&quot;" : "\""
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\r": out += "&#13;"
            case "\t": out += attribute ? "&#9;" : "\t"
            default:
                switch scalar.value {
                case 0x7F...0x9F: continue
                case 0x61C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: out.unicodeScalars.append(scalar)
                default: continue
                }
            }
        }
        return out
    }

    static func markdownReference(_ text: String) -> String {
        var out = ""
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n": if !previousWasCarriageReturn { out += "<br>" }
            case "\r": out += "<br>"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "!":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\u{61C}", "\u{200E}", "\u{200F}", "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}":
                out += "\\\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                if scalar.properties.generalCategory == .control && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar == "\t" ? " " : scalar)
            }
        }
        return out
    }

    /// GitHub's `escapeData` and `escapeProperty` (actions/toolkit `command.ts`): literal replacements, then the
    /// terminal cleaning policycheck applies to data.
    static func gitHubReference(_ text: String, property: Bool) -> String {
        var data = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": data += "%25"
            case "\r": data += "%0D"
            case "\n": data += "%0A"
            default: data.unicodeScalars.append(scalar)
            }
        }
        let cleaned = TerminalText.clean(data)
        guard property else { return cleaned }
        var out = ""
        for scalar in cleaned.unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let alphabet: [Unicode.Scalar] = [
        "a", "Z", " ", "&", "<", ">", "\"", "'", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}",
        "\u{9F}", "\u{A0}", "é", "\u{301}", "\u{2013}", "\u{202E}", "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{FFFE}",
        "\u{FFFF}", "\u{1F680}", "\u{10FFFF}", "%", ":", ",", "#", "[", "\\", "`", "*", "_", "|", "~", "!", "]",
    ]

    static func generated(count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 20) { scalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            return String(scalars)
        }
    }

    static var samples: [String] {
        alphabet.flatMap { scalar in ["\(scalar)", "x\(scalar)", "\(scalar)y", "x\(scalar)y", "\(scalar)\(scalar)"] }
            + ["", "plain text", "\r\n", "\r\r\n\n", "\u{C2}", "::\u{301}"] + generated(count: 20_000, seed: 0xE5CA_9E)
    }

    @Test func xmlMatchesTheReference() {
        for text in Self.samples {
            #expect(XMLText.escape(text) == Self.xmlReference(text, attribute: false), "\(text.unicodeScalars.map(\.value))")
            #expect(XMLText.escape(text, attribute: true) == Self.xmlReference(text, attribute: true), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func markdownMatchesTheReference() {
        for text in Self.samples {
            #expect(MarkdownText.escape(text) == Self.markdownReference(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func gitHubMatchesTheToolkitsLiteralEscapes() {
        for text in Self.samples {
            #expect(GitHubReporter.escapeData(text) == Self.gitHubReference(text, property: false), "\(text.unicodeScalars.map(\.value))")
            #expect(GitHubReporter.escapeProperty(text) == Self.gitHubReference(text, property: true), "\(text.unicodeScalars.map(\.value))")
        }
    }

    /// Foundation's `replacingOccurrences`, which the property escape used, compares canonically: a `:` or `,`
    /// followed by a combining mark was left as it was, so a file named `x::́` could end an annotation's properties
    /// early. Every one is encoded now.
    @Test func aColonOrCommaBeforeACombiningMarkIsStillEncoded() {
        let escaped = GitHubReporter.escapeProperty("plans/x::\u{301}y,\u{308}title=z.json")
        #expect(!escaped.contains(":") && !escaped.contains(","))
        #expect(escaped == "plans/x%3A%3A\u{301}y%2C\u{308}title=z.json")
    }
}
