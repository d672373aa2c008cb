@testable import PolicyCheckSyntax
import Testing

/// The line index must agree with walking the text scalar by scalar, on any line length and any mix of ASCII and
/// multi-byte characters, including across its internal checkpoints.
struct LineIndexTests {
    /// Line, column (scalars) and UTF-16 column of every scalar start, found by walking the text.
    private static func walk(_ text: String) -> [(offset: Int, line: Int, column: Int, utf16Column: Int)] {
        var result: [(Int, Int, Int, Int)] = []
        var offset = 0
        var line = 1
        var column = 1
        var utf16Column = 1
        for scalar in text.unicodeScalars {
            result.append((offset, line, column, utf16Column))
            offset += String(scalar).utf8.count
            if scalar == "\n" {
                line += 1
                column = 1
                utf16Column = 1
            } else {
                column += 1
                utf16Column += scalar.value > 0xFFFF ? 2 : 1
            }
        }
        result.append((offset, line, column, utf16Column))
        return result
    }

    private static let samples: [String] = [
        "",
        "{}",
        "a\nbc\n\nd",
        "ends with a newline\n",
        // One long line, as `terraform show -json` writes plans, crossing many 4 KiB checkpoints.
        "{\"k\":\"" + String(repeating: "x", count: 9000) + "é" + String(repeating: "y", count: 5000) + "\"}",
        String(repeating: "é€😀a", count: 3000),
        String(repeating: "line 😀 with émoji\n", count: 700) + String(repeating: "ü", count: 5000),
    ]

    @Test(arguments: samples.indices)
    func locationsMatchAScalarWalk(_ sample: Int) {
        let text = Self.samples[sample]
        let file = SourceFile(path: "sample", bytes: Array(text.utf8))
        for (offset, line, column, utf16Column) in Self.walk(text) {
            #expect(file.location(ofOffset: offset) == SourceLocation(line: line, column: column), "offset \(offset)")
            #expect(file.utf16Column(ofOffset: offset) == utf16Column, "offset \(offset)")
            #expect(file.offset(line: line, column: column) == offset, "line \(line) column \(column)")
        }
    }

    @Test func offsetsOutsideTheTextAreClamped() {
        let file = SourceFile(path: "sample", bytes: Array("ab\ncd".utf8))
        #expect(file.location(ofOffset: -5) == SourceLocation(line: 1, column: 1))
        #expect(file.location(ofOffset: 99) == SourceLocation(line: 2, column: 3))
        #expect(file.offset(line: 1, column: 40) == 2)
        #expect(file.offset(line: 7, column: 1) == 5)
        #expect(file.offset(line: 0, column: 3) == 0)
    }

    @Test func lineCountCountsTheEmptyLastLine() {
        #expect(LineIndex(Array("a\nb\n".utf8)).lineCount == 3)
        #expect(LineIndex([]).lineCount == 1)
    }
}

/// Texts of 4 GiB or more keep their line starts as 64-bit offsets; the two forms must answer alike.
struct LineIndexWideStartsTests {
    @Test(arguments: ["", "a\nbc\n\nd\n", String(repeating: "line 😀 with émoji\n", count: 300) + "last"])
    func wideStartsAnswerAsNarrowOnes(_ text: String) {
        let bytes = Array(text.utf8)
        let narrow = LineIndex(bytes)
        let wide = LineIndex(bytes, narrowBelow: 0)
        #expect(wide.lineCount == narrow.lineCount)
        for offset in -1...(bytes.count + 1) {
            #expect(wide.location(ofOffset: offset) == narrow.location(ofOffset: offset), "offset \(offset)")
            #expect(wide.utf16Column(ofOffset: offset) == narrow.utf16Column(ofOffset: offset), "offset \(offset)")
        }
        for line in 0...(narrow.lineCount + 1) {
            for column in [1, 2, 5, 40] {
                #expect(wide.offset(line: line, column: column) == narrow.offset(line: line, column: column))
            }
        }
    }
}
