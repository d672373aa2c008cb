import PolicyCheckModel

/// Text made safe for GitHub-flavoured Markdown, including table cells.
public enum MarkdownText {
    /// Escapes Markdown and HTML punctuation with backslashes (`|` too, so a table cell stays one cell), `&` as an
    /// entity, and turns line breaks into `<br>`; other control characters are dropped.
    ///
    /// Built as bytes: the controls dropped are exactly those of general category Cc (U+0000–U+001F, U+007F–U+009F),
    /// so no scalar's properties need looking up (which cost half of a Markdown report).
    ///
    /// With `inertLinks` (the default), text a pull request chooses (file and resource names, messages quoting them)
    /// cannot ping or link from a comment the CI bot posts: a word joiner (U+2060, invisible) follows each `@`, so
    /// GitHub reads no `@user` or `@org/team` mention, and breaks `://` and `www.`, so the autolinks extension
    /// (https://github.github.com/gfm/#autolinks-extension-) makes no link (hostile tester, round 35).
    public static func escape(_ text: String, inertLinks: Bool = true) -> String {
        var text = text
        return text.withUTF8 { raw in
            // Controls are dropped before links are broken: `ww\u{1}w.` must not become `www.` after the check. Most
            // text holds none, and is escaped as it is, without a copy (a copy of every cell cost a finding-dense
            // Markdown report 40% more).
            guard inertLinks, raw.contains(where: isDroppedControlLead) else { return escaped(raw, inertLinks: inertLinks) }
            return withoutControls(raw).withUnsafeBufferPointer { escaped($0, inertLinks: inertLinks) }
        }
    }

    /// The first byte of a control `escape` drops (a C0 control but tab and line breaks, DEL, or C1's lead byte, which
    /// UTF-8 text also has before U+0080–U+00BF): a cheap test whether the text may hold one.
    private static func isDroppedControlLead(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F || byte == 0xC2
    }

    private static func escaped(_ bytes: UnsafeBufferPointer<UInt8>, inertLinks: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var previousWasCarriageReturn = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            defer { previousWasCarriageReturn = byte == UInt8(ascii: "\r") }
            switch byte {
            case UInt8(ascii: "\n"):
                if !previousWasCarriageReturn { out.append(contentsOf: "<br>".utf8) }
            case UInt8(ascii: "\r"):
                out.append(contentsOf: "<br>".utf8)
            case UInt8(ascii: "&"):
                out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "~"),
                 UInt8(ascii: "#"), UInt8(ascii: "!"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case UInt8(ascii: "@") where inertLinks:
                out.append(byte)
                out.append(contentsOf: Self.wordJoiner)
            case UInt8(ascii: ":") where inertLinks && index + 2 < bytes.count
                    && bytes[index + 1] == UInt8(ascii: "/") && bytes[index + 2] == UInt8(ascii: "/"):
                out.append(contentsOf: Self.wordJoiner)
                out.append(byte)
            case UInt8(ascii: ".") where inertLinks && index >= 3
                    && bytes[(index - 3)..<index].allSatisfy({ $0 | 0x20 == UInt8(ascii: "w") }):
                out.append(contentsOf: Self.wordJoiner)
                out.append(byte)
            case UInt8(ascii: "\t"):
                out.append(UInt8(ascii: " "))
            case 0..<0x20, 0x7F:
                break
            case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                index += 1 // U+0080–U+009F (C2 80–C2 9F): dropped
            case 0xD8 where index + 1 < bytes.count && bytes[index + 1] == 0x9C,
                 0xE2 where index + 2 < bytes.count && Self.isBidi(bytes[index + 1], bytes[index + 2]):
                // A bidi formatting character, shown (its backslash escaped) rather than reordering the text.
                let scalar = bytes[index] == 0xD8 ? 0x061C
                    : (UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)) | 0x2000
                out.append(UInt8(ascii: "\\"))
                out.append(contentsOf: TerminalText.visible(scalar).utf8)
                index += bytes[index] == 0xD8 ? 1 : 2
            default:
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes without the controls `escape` drops (C0 but tab and line breaks, DEL, C1).
    private static func withoutControls(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]), kept.last != 0x0D {
                index += 2
                continue
            }
            // One right after a carriage return is kept (and dropped later): it parts `\r` from a `\n` after it, which
            // are then two line breaks, as without this pass.
            if ((byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F), kept.last != 0x0D {
                index += 1
                continue
            }
            kept.append(byte)
            index += 1
        }
        return kept
    }

    /// U+2060 WORD JOINER in UTF-8: invisible, and no character a mention or an autolink continues through.
    private static let wordJoiner: [UInt8] = [0xE2, 0x81, 0xA0]

    /// Whether E2 `second` `third` encodes a bidi formatting character: U+200E–U+200F (E2 80 8E–8F), U+202A–U+202E
    /// (E2 80 AA–AE), U+2066–U+2069 (E2 81 A6–A9).
    private static func isBidi(_ second: UInt8, _ third: UInt8) -> Bool {
        (second == 0x80 && (third == 0x8E || third == 0x8F || (0xAA...0xAE).contains(third)))
            || (second == 0x81 && (0xA6...0xA9).contains(third))
    }
}
