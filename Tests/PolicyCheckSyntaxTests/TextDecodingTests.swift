import Testing
import PolicyCheckSyntax

private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

private func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
    var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
    for unit in text.utf16 {
        let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
        bytes += bigEndian ? [high, low] : [low, high]
    }
    return bytes
}

@Test func plainUTF8IsReturnedUnchanged() throws {
    let raw = utf8("{\"name\": \"café – ☃ – 𝄞\"}")
    #expect(try TextDecoding.utf8Text(from: raw) == raw)
}

@Test func emptyInputDecodesToEmptyText() throws {
    #expect(try TextDecoding.utf8Text(from: []) == [])
}

@Test func utf8ByteOrderMarkIsStripped() throws {
    #expect(try TextDecoding.utf8Text(from: [0xEF, 0xBB, 0xBF] + utf8("{}")) == utf8("{}"))
    #expect(try TextDecoding.utf8Text(from: [0xEF, 0xBB, 0xBF]) == [])
}

@Test(arguments: [false, true], [false, true])
func utf16IsTranscodedWithOrWithoutByteOrderMark(bigEndian: Bool, bom: Bool) throws {
    let text = "{\"k\": \"é ☃ 𝄞 \u{FEFF}x\"}\r\n"
    #expect(try TextDecoding.utf8Text(from: utf16(text, bigEndian: bigEndian, bom: bom)) == utf8(text))
}

@Test func utf16ByteOrderMarkAloneIsEmptyText() throws {
    #expect(try TextDecoding.utf8Text(from: [0xFF, 0xFE]) == [])
    #expect(try TextDecoding.utf8Text(from: [0xFE, 0xFF]) == [])
}

@Test(arguments: [[0xFF, 0xFE, 0x00, 0x00, 0x7B, 0, 0, 0], [0x00, 0x00, 0xFE, 0xFF, 0, 0, 0, 0x7B]] as [[UInt8]])
func utf32IsRejected(raw: [UInt8]) {
    #expect(throws: TextDecodingError.unsupportedEncoding(name: "UTF-32")) {
        try TextDecoding.utf8Text(from: raw)
    }
    #expect(TextDecodingError.unsupportedEncoding(name: "UTF-32").message == "UTF-32 is not supported")
}

struct InvalidUTF8Case: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let offset: Int
    let byte: UInt8
    var testDescription: String { name }
}

@Test(arguments: [
    InvalidUTF8Case(name: "lone continuation byte", bytes: [0x61, 0x80, 0x62], offset: 1, byte: 0x80),
    InvalidUTF8Case(name: "overlong two-byte C0", bytes: [0x22, 0xC0, 0xAF], offset: 1, byte: 0xC0),
    InvalidUTF8Case(name: "overlong two-byte C1", bytes: [0xC1, 0xBF], offset: 0, byte: 0xC1),
    InvalidUTF8Case(name: "overlong three-byte", bytes: [0x20, 0x20, 0xE0, 0x80, 0xAF], offset: 2, byte: 0xE0),
    InvalidUTF8Case(name: "overlong four-byte", bytes: [0xF0, 0x80, 0x80, 0xAF], offset: 0, byte: 0xF0),
    InvalidUTF8Case(name: "encoded surrogate", bytes: [0x7B, 0xED, 0xA0, 0x80], offset: 1, byte: 0xED),
    InvalidUTF8Case(name: "above U+10FFFF", bytes: [0xF4, 0x90, 0x80, 0x80], offset: 0, byte: 0xF4),
    InvalidUTF8Case(name: "F5 lead byte", bytes: [0xF5, 0x80, 0x80, 0x80], offset: 0, byte: 0xF5),
    InvalidUTF8Case(name: "FF byte", bytes: [0x31, 0xFF], offset: 1, byte: 0xFF),
    InvalidUTF8Case(name: "truncated at end", bytes: [0x22, 0xE2, 0x98], offset: 1, byte: 0xE2),
    InvalidUTF8Case(name: "ASCII instead of continuation", bytes: [0xC3, 0x28], offset: 0, byte: 0xC3),
    InvalidUTF8Case(
        name: "after a long ASCII run", bytes: Array("0123456789abcdefghij".utf8) + [0xC3], offset: 20, byte: 0xC3),
])
func invalidUTF8IsRejectedAtTheSequenceStart(_ testCase: InvalidUTF8Case) {
    #expect(throws: TextDecodingError.invalidUTF8(offset: testCase.offset, byte: testCase.byte)) {
        try TextDecoding.utf8Text(from: testCase.bytes)
    }
}

@Test func invalidUTF8OffsetsCountTheByteOrderMark() {
    #expect(throws: TextDecodingError.invalidUTF8(offset: 5, byte: 0xFF)) {
        try TextDecoding.utf8Text(from: [0xEF, 0xBB, 0xBF, 0x7B, 0x7D, 0xFF])
    }
}

@Test func invalidUTF8MessageNamesByteAndOffset() {
    #expect(TextDecodingError.invalidUTF8(offset: 123, byte: 0xC3).message == "invalid UTF-8 byte 0xC3 at offset 123")
}

@Test func validBoundaryScalarsAreAccepted() throws {
    let raw: [UInt8] = [0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80, 0xF0, 0x90, 0x80, 0x80,
        0xF4, 0x8F, 0xBF, 0xBF]
    #expect(try TextDecoding.utf8Text(from: raw) == raw)
}

@Test(arguments: [0, 1, 7, 8, 9, 15, 16, 40])
func nulByteIsRejectedWherever(position: Int) {
    var raw = Array(repeating: UInt8(ascii: "a"), count: 41)
    raw[position] = 0
    // "a\0a\0" would look like BOM-less UTF-16; a non-ASCII second character keeps this about UTF-8 text.
    if position == 1 { raw[2] = 0xC3; raw[3] = 0xA9 }
    #expect(throws: TextDecodingError.nulByte(offset: position)) {
        try TextDecoding.utf8Text(from: raw)
    }
}

@Test func nulCharacterInUTF16IsRejectedAtItsRawOffset() {
    let raw = utf16("{\u{0}}", bigEndian: false, bom: true)
    #expect(throws: TextDecodingError.nulByte(offset: 4)) { try TextDecoding.utf8Text(from: raw) }
}

@Test func loneHighSurrogateInUTF16IsRejected() {
    // BOM, "{", U+D83D, "}"
    let raw: [UInt8] = [0xFF, 0xFE, 0x7B, 0x00, 0x3D, 0xD8, 0x7D, 0x00]
    #expect(throws: TextDecodingError.unpairedSurrogate(offset: 4, codeUnit: 0xD83D)) {
        try TextDecoding.utf8Text(from: raw)
    }
}

@Test func highSurrogateAtEndOfUTF16IsRejected() {
    let raw: [UInt8] = [0xFE, 0xFF, 0x00, 0x7B, 0xD8, 0x3D]
    #expect(throws: TextDecodingError.unpairedSurrogate(offset: 4, codeUnit: 0xD83D)) {
        try TextDecoding.utf8Text(from: raw)
    }
}

@Test func loneLowSurrogateInUTF16IsRejected() {
    let raw: [UInt8] = [0x7B, 0x00, 0x22, 0x00, 0x00, 0xDC]
    #expect(throws: TextDecodingError.unpairedSurrogate(offset: 4, codeUnit: 0xDC00)) {
        try TextDecoding.utf8Text(from: raw)
    }
    #expect(
        TextDecodingError.unpairedSurrogate(offset: 4, codeUnit: 0xDC00).message
            == "unpaired UTF-16 surrogate 0xDC00 at offset 4")
}

@Test func oddLengthUTF16IsRejected() {
    #expect(throws: TextDecodingError.truncatedUTF16(offset: 4)) {
        try TextDecoding.utf8Text(from: [0xFF, 0xFE, 0x7B, 0x00, 0x7D])
    }
}

@Test func errorMessagesAreOneLine() {
    let errors: [TextDecodingError] = [
        .invalidUTF8(offset: 1, byte: 0x80), .nulByte(offset: 2), .unpairedSurrogate(offset: 3, codeUnit: 0xD800),
        .truncatedUTF16(offset: 4), .unsupportedEncoding(name: "UTF-32"),
    ]
    for error in errors {
        #expect(!error.message.contains("\n"))
        #expect(error.description == error.message)
    }
}

// MARK: - Binary detection

@Test func textIsNotBinary() {
    #expect(!TextDecoding.isProbablyBinary(utf8("{\n\t\"a\": 1\r\n}\n")))
    #expect(!TextDecoding.isProbablyBinary([]))
    #expect(!TextDecoding.isProbablyBinary(utf16("{\"a\": 1}", bigEndian: false, bom: false)))
    #expect(!TextDecoding.isProbablyBinary(utf16("{\"a\": 1}", bigEndian: true, bom: true)))
}

@Test func nulBytesMeanBinary() {
    #expect(TextDecoding.isProbablyBinary([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]))  // ELF header
    #expect(TextDecoding.isProbablyBinary(utf8("hello") + [0] + utf8("world")))
}

@Test func manyControlBytesMeanBinary() {
    let noisy = (0..<100).map { UInt8($0 % 3 == 0 ? 0x01 : 0x41) }
    #expect(TextDecoding.isProbablyBinary(noisy))
    let fewControls = (0..<100).map { UInt8($0 == 50 ? 0x01 : 0x41) }
    #expect(!TextDecoding.isProbablyBinary(fewControls))
}

@Test func onlyTheFirst8KiBAreExamined() {
    let raw = Array(repeating: UInt8(ascii: "a"), count: 8192) + [0, 0, 0]
    #expect(!TextDecoding.isProbablyBinary(raw))
}
