import Synchronization

/// The decoded UTF-8 text of one input, with a lazily built line index for turning byte offsets into locations.
public final class SourceFile: Sendable {
    /// The path as the user should read it (relative to the working directory when the input was, `-` for stdin).
    public let path: String
    /// The text as UTF-8 bytes (after any byte-order mark was removed and UTF-16 was transcoded).
    public let bytes: [UInt8]
    private let lineIndex = Mutex<LineIndex?>(nil)

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The 1-based line and column of a byte offset. Columns count Unicode scalars, as editors and libyaml do.
    public func location(ofOffset offset: Int) -> SourceLocation {
        lines.location(ofOffset: offset)
    }

    /// The byte offset of a 1-based line and column (columns in Unicode scalars).
    public func offset(line: Int, column: Int) -> Int {
        lines.offset(line: line, column: column)
    }

    /// The UTF-16 column of a byte offset (SARIF's default column unit).
    public func utf16Column(ofOffset offset: Int) -> Int {
        lines.utf16Column(ofOffset: offset)
    }

    /// The line index, built on first use (most files have no finding and never need one).
    public var lines: LineIndex {
        lineIndex.withLock { cached in
            if let cached { return cached }
            let index = LineIndex(bytes)
            cached = index
            return index
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
