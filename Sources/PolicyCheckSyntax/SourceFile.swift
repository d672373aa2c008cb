import Synchronization

/// The decoded UTF-8 text of one input, with a lazily built line index for turning byte offsets into locations.
public final class SourceFile: Sendable {
    /// The path as the user should read it (relative to the working directory when the input was, `-` for stdin).
    public let path: String
    /// The text as UTF-8 bytes (after any byte-order mark was removed and UTF-16 was transcoded).
    public let bytes: [UInt8]
    private let lineIndex = Mutex<[Int]?>(nil)

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The 1-based line and column of a byte offset. Columns count Unicode scalars, as editors and libyaml do.
    public func location(ofOffset offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let starts = lineStarts()
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = starts[low]
        var column = 1
        var index = lineStart
        while index < clamped {
            // Count only the first byte of each UTF-8 sequence.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    /// The byte offset of a 1-based line and column (columns in Unicode scalars).
    public func offset(line: Int, column: Int) -> Int {
        let starts = lineStarts()
        guard line >= 1 else { return 0 }
        guard line <= starts.count else { return bytes.count }
        var index = starts[line - 1]
        var remaining = column - 1
        while remaining > 0, index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    /// The UTF-16 column of a byte offset (SARIF's default column unit).
    public func utf16Column(ofOffset offset: Int) -> Int {
        let location = location(ofOffset: offset)
        let lineStart = lineStarts()[location.line - 1]
        let end = max(lineStart, min(offset, bytes.count))
        let text = String(decoding: bytes[lineStart..<end], as: UTF8.self)
        return text.utf16.count + 1
    }

    private func lineStarts() -> [Int] {
        lineIndex.withLock { cached in
            if let cached { return cached }
            var starts = [0]
            starts.reserveCapacity(bytes.count / 32 + 1)
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
                starts.append(index + 1)
            }
            cached = starts
            return starts
        }
    }
}

/// A 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}
