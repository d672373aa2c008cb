import Testing
@testable import PolicyCheckModel

/// `TerminalText.isPlain` decides eight bytes at a time whether a text can be shown as it is; a wrong "plain" would
/// let a control character, a `#` of `##[` or a leading `:` through uncleaned.
@Suite struct TerminalTextPlainTests {
    /// The rule written out byte by byte.
    static func reference(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "#") }) else { return false }
        return bytes.first(where: { $0 != 0x20 }) != UInt8(ascii: ":")
    }

    @Test("agrees with the byte-by-byte rule on every position of every unsafe byte", arguments: [
        "\u{1B}", "\u{7F}", "#", "\u{0}", "\u{1F}", "\u{80}", "é", "\u{202E}", "\n", "\r", "\t",
    ])
    func unsafeByteAnywhere(unsafe: String) {
        let plain = "abcdefghijklmnopqrstuvwxyz0123456789 []{}()!$%&'*+,-./;<=>?@\\^_`|~\""
        for position in 0...plain.count {
            var text = plain
            text.insert(contentsOf: unsafe, at: text.index(text.startIndex, offsetBy: position))
            #expect(!TerminalText.isPlain(text), "\(text.debugDescription)")
            // A lone `#` and a printable non-ASCII letter are shown as they are, by the scalar-by-scalar path.
            if unsafe != "#" && unsafe != "é" { #expect(TerminalText.clean(text) != text, "\(text.debugDescription)") }
        }
        #expect(TerminalText.isPlain(plain))
    }

    @Test("a leading ':' after any number of spaces is not plain; one later is")
    func leadingColon() {
        for spaces in 0..<20 {
            let padding = String(repeating: " ", count: spaces)
            #expect(!TerminalText.isPlain(padding + "::error::x"))
            #expect(TerminalText.isPlain(padding + "a::error::x"))
        }
        #expect(TerminalText.isPlain(""))
        #expect(TerminalText.isPlain("        "))
    }

    @Test("agrees with the byte-by-byte rule on 100,000 generated texts")
    func generated() {
        let alphabet: [String] = ["a", " ", ":", "#", "[", "\u{7F}", "\u{1F}", "\u{20}", "~", "é", "0", "\u{85}", "!"]
        var state: UInt64 = 0x7E47_7E47
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<100_000 {
            // Mostly plain characters, so that texts of every length reach the eight-byte loop.
            let text = (0..<(next() % 40)).map { _ in next() % 8 == 0 ? alphabet[next() % alphabet.count] : "x" }
                .joined()
            #expect(TerminalText.isPlain(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }

    /// The scalar-by-scalar rule as it was first written (round 9), which the byte-building path must reproduce.
    static func referenceClean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var atStart = true
        var hashes = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                out.append(contentsOf: ("\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}").unicodeScalars)
            case UInt32(UInt8(ascii: ":")) where atStart, UInt32(UInt8(ascii: "[")) where hashes >= 2:
                out.append("\\")
                out.append(scalar)
            default:
                out.append(scalar)
            }
            let category = scalar.properties.generalCategory
            let ignorable = category == .format || category == .nonspacingMark || category == .enclosingMark
                || scalar.properties.isDefaultIgnorableCodePoint
            atStart = atStart && (ignorable || scalar.properties.isWhitespace)
            if scalar == "#" { hashes += 1 } else if !ignorable { hashes = 0 }
        }
        return String(out)
    }

    @Test("cleans 100,000 generated texts exactly as the scalar-by-scalar rule does")
    func cleanAgreesWithReference() {
        let alphabet: [String] = ["a", " ", ":", "#", "[", "\u{7F}", "\u{1F}", "\t", "\n", "\r", "–", "é", "\u{85}",
                                  "\u{AD}", "\u{600}", "\u{200B}", "\u{202E}", "\u{2066}", "\u{300}", "\u{3000}",
                                  "\u{A0}", "\u{1F600}", "\u{2028}", "\u{61C}", "\u{FEFF}", "##[", "::"]
        var state: UInt64 = 0xC1EA_2026
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<100_000 {
            let text = (0..<(next() % 24)).map { _ in next() % 3 == 0 ? "x" : alphabet[next() % alphabet.count] }.joined()
            #expect(TerminalText.clean(text) == Self.referenceClean(text), "\(text.debugDescription)")
        }
    }
}
