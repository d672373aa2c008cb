import Testing
import PolicyCheckSyntax

@Suite(.enabled(if: Corpus.isAvailable, Corpus.missingComment))
struct TextDecodingCorpusTests {
    static let utf16Files = Corpus.jsonFiles(under: "checkov/terraform-plans").filter {
        $0.contains("utf16") || $0.contains("utf_16")
    }
    static let utf8Files = Corpus.jsonFiles(under: "checkov/terraform-plans").filter {
        $0.contains("win_utf8") || $0.contains("mac_utf8")
    }

    @Test func encodingFixturesArePresent() {
        #expect(Self.utf16Files.count == 2)
        #expect(Self.utf8Files.count == 2)
    }

    @Test(arguments: utf16Files)
    func windowsUTF16PlansAreTranscoded(path: String) throws {
        let raw = try Corpus.bytes(path)
        #expect(Array(raw.prefix(2)) == [0xFF, 0xFE])
        let text = try TextDecoding.utf8Text(from: raw)
        // Independent oracle: the standard library's UTF-16 decoding of the code units after the BOM.
        let units = stride(from: 2, to: raw.count, by: 2).map { UInt16(raw[$0]) | UInt16(raw[$0 + 1]) << 8 }
        #expect(text == Array(String(decoding: units, as: UTF16.self).utf8))
        #expect(text.starts(with: Array("{\r\n".utf8)))
        #expect(!TextDecoding.isProbablyBinary(raw))
    }

    @Test(arguments: utf8Files)
    func utf8PlansDecodeToTheirBytesWithoutByteOrderMark(path: String) throws {
        let raw = try Corpus.bytes(path)
        let text = try TextDecoding.utf8Text(from: raw)
        let expected = raw.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(raw.dropFirst(3)) : raw
        #expect(text == expected)
        #expect(text.first == UInt8(ascii: "{"))
        #expect(!TextDecoding.isProbablyBinary(raw))
    }

    @Test(arguments: Corpus.allJSONFiles)
    func everyCorpusFileDecodesAndIsText(path: String) throws {
        let raw = try Corpus.bytes(path)
        _ = try TextDecoding.utf8Text(from: raw)
        #expect(!TextDecoding.isProbablyBinary(raw))
    }
}
