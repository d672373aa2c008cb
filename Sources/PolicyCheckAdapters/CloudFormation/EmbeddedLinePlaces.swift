/// Where the bytes of a text embedded line for line in a file are: a YAML literal block scalar (`TemplateBody: |`)
/// holds its text on the lines after its indicator, each line indented alike. When every line of the text is found
/// so, at the same indentation, a place in the text is a place in the file, and what is read from the text is
/// placed at its own line rather than at the scalar (one place for every resource of a stack set's body let one
/// inline ignore there cover them all). Anything else — an escaped or folded scalar, a body built by `!Sub`, a line
/// that differs — maps nothing, and the caller keeps the scalar's place.
struct EmbeddedLinePlaces {
    /// The file offset of each of the text's lines, and the byte offset in the text where each line starts.
    private let fileLineStarts: [Int]
    private let textLineStarts: [Int]

    /// The places of `text` in `file`, when its lines are the lines after the one holding `offset`.
    init?(text: [UInt8], file: [UInt8], after offset: Int) {
        guard offset >= 0, offset < file.count,
              var cursor = file[offset...].firstIndex(of: UInt8(ascii: "\n")).map({ $0 + 1 }) else { return nil }
        var textStarts = [0]
        for (index, byte) in text.enumerated() where byte == UInt8(ascii: "\n") && index + 1 < text.count {
            textStarts.append(index + 1)
        }
        var fileStarts: [Int] = []
        var indent: Int?
        for (number, start) in textStarts.enumerated() {
            let end = number + 1 < textStarts.count ? textStarts[number + 1] - 1 : (text.last == UInt8(ascii: "\n") ? text.count - 1 : text.count)
            let line = text[start..<end]
            guard cursor <= file.count else { return nil }
            var lineEnd = file[cursor...].firstIndex(of: UInt8(ascii: "\n")) ?? file.count
            if lineEnd > cursor, file[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            let source = file[cursor..<lineEnd]
            if line.isEmpty {
                // An empty line of the text is a line of spaces (or none) in the file.
                guard source.allSatisfy({ $0 == UInt8(ascii: " ") }) else { return nil }
                fileStarts.append(cursor)
            } else {
                let shift = indent ?? (source.count - line.count)
                guard shift >= 0, source.count == shift + line.count,
                      source.prefix(shift).allSatisfy({ $0 == UInt8(ascii: " ") }),
                      source.dropFirst(shift).elementsEqual(line) else { return nil }
                indent = shift
                fileStarts.append(cursor + shift)
            }
            guard let next = file[cursor...].firstIndex(of: UInt8(ascii: "\n")) else {
                cursor = file.count + 1
                continue
            }
            cursor = next + 1
        }
        guard indent != nil else { return nil }
        fileLineStarts = fileStarts
        textLineStarts = textStarts
    }

    /// The file offset of the text's byte `offset`.
    func fileOffset(of offset: Int) -> Int {
        // The last line starting at or before the offset.
        var low = 0
        var high = textLineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if textLineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return fileLineStarts[low] + (offset - textLineStarts[low])
    }
}
