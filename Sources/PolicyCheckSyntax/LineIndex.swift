#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the lines of a UTF-8 text start, and enough per-block counts to turn any byte offset into a line and
/// column in constant time, however long the line.
///
/// `terraform show -json` writes a whole plan on one line, so a column found by walking from the line start would
/// cost the file's size per finding. Instead the index keeps, every `blockSize` bytes, how many UTF-8 continuation
/// bytes (`10xxxxxx`) and four-byte leads came before; a column is then the byte distance minus the continuation
/// bytes in between, counted from the nearest checkpoint. Pure ASCII text keeps no checkpoints at all.
public final class LineIndex: Sendable {
    /// Bytes between checkpoints (a power of two).
    static let blockShift = 12
    static let blockSize = 1 << blockShift

    /// Byte offset of the first byte of every line; the first is 0. Kept as 32-bit offsets (`narrowStarts`) for any
    /// text under 4 GiB, as 64-bit ones (`wideStarts`) beyond; exactly one of the two holds the lines. A
    /// 1.5-million-line manifest's index was 16.8 MB of 64-bit offsets grown by doubling; counted first and kept
    /// narrow, it is 6 MB.
    private let narrowStarts: [UInt32]
    private let wideStarts: [Int]
    let bytes: [UInt8]
    /// Continuation bytes before each block start; empty when the text is ASCII.
    private let continuations: [UInt32]
    /// Four-byte sequence leads (two UTF-16 units each) before each block start; empty when the text is ASCII.
    private let fourByteLeads: [UInt32]

    /// Indexes `bytes` in one pass (newlines found with `memchr`, the rest a word at a time).
    public convenience init(_ bytes: [UInt8]) {
        self.init(bytes, narrowBelow: Int(UInt32.max))
    }

    /// Indexes `bytes`, keeping line starts as 32-bit offsets when the text is shorter than `narrowLimit` bytes
    /// (tests lower it to exercise the 64-bit form).
    init(_ bytes: [UInt8], narrowBelow narrowLimit: Int) {
        self.bytes = bytes
        var narrowStarts: [UInt32] = []
        var wideStarts: [Int] = []
        var continuations: [UInt32] = []
        var fourByteLeads: [UInt32] = []
        bytes.withUnsafeBufferPointer { buffer in
            let lines = Self.newlineCount(buffer) + 1
            if buffer.count < narrowLimit {
                narrowStarts.reserveCapacity(lines)
                narrowStarts.append(0)
                Self.forEachLineStart(buffer) { narrowStarts.append(UInt32(truncatingIfNeeded: $0)) }
            } else {
                wideStarts.reserveCapacity(lines)
                wideStarts.append(0)
                Self.forEachLineStart(buffer) { wideStarts.append($0) }
            }
            guard !buffer.isEmpty, !Self.isASCII(buffer) else { return }
            let blocks = (buffer.count >> Self.blockShift) + 1
            continuations.reserveCapacity(blocks)
            fourByteLeads.reserveCapacity(blocks)
            var continuationTotal: UInt32 = 0
            var leadTotal: UInt32 = 0
            var blockStart = 0
            while blockStart <= buffer.count {
                continuations.append(continuationTotal)
                fourByteLeads.append(leadTotal)
                let blockEnd = min(blockStart + Self.blockSize, buffer.count)
                let counts = Self.counts(buffer, from: blockStart, to: blockEnd)
                continuationTotal += UInt32(counts.continuations)
                leadTotal += UInt32(counts.fourByteLeads)
                blockStart += Self.blockSize
            }
        }
        self.narrowStarts = narrowStarts
        self.wideStarts = wideStarts
        self.continuations = continuations
        self.fourByteLeads = fourByteLeads
    }

    /// The number of lines (a text ending in a newline has an empty last line).
    public var lineCount: Int { wideStarts.isEmpty ? narrowStarts.count : wideStarts.count }

    /// The byte offset where 0-based line `index` starts.
    @inline(__always)
    private func start(ofLine index: Int) -> Int {
        wideStarts.isEmpty ? Int(narrowStarts[index]) : wideStarts[index]
    }

    /// The 1-based line and column of a byte offset. Columns count Unicode scalars, as editors and libyaml do.
    public func location(ofOffset offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let line = lineNumber(of: clamped)
        let lineStart = start(ofLine: line - 1)
        let continuationBytes = continuations.isEmpty
            ? 0 : continuationCount(before: clamped) - continuationCount(before: lineStart)
        return SourceLocation(line: line, column: clamped - lineStart - continuationBytes + 1)
    }

    /// The UTF-16 column of a byte offset (SARIF's default column unit): scalars, plus one for each scalar outside
    /// the Basic Multilingual Plane.
    public func utf16Column(ofOffset offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        let location = location(ofOffset: clamped)
        guard !fourByteLeads.isEmpty else { return location.column }
        let lineStart = start(ofLine: location.line - 1)
        return location.column + fourByteLeadCount(before: clamped) - fourByteLeadCount(before: lineStart)
    }

    /// The byte offset of a 1-based line and column (columns in Unicode scalars); past the end of a line gives the
    /// line's end.
    public func offset(line: Int, column: Int) -> Int {
        guard line >= 1 else { return 0 }
        guard line <= lineCount else { return bytes.count }
        let lineStart = start(ofLine: line - 1)
        // The newline ending the line, or the end of the text.
        let lineEnd = line < lineCount ? start(ofLine: line) - 1 : bytes.count
        if continuations.isEmpty {
            return lineStart + max(0, min(column - 1, lineEnd - lineStart))
        }
        return advance(from: lineStart, scalars: column - 1, lineEnd: lineEnd)
    }

    /// `offset(line:column:)`, counted on from a known place on the same line (its 1-based column and byte offset)
    /// when that place is not after the column: a reader that asks for places in document order then walks a long
    /// line of non-ASCII text once, not once per place on it.
    public func offset(line: Int, column: Int, from known: (column: Int, offset: Int)) -> Int {
        guard !continuations.isEmpty, line >= 1, line <= lineCount, known.column >= 1, known.column <= column,
              known.offset >= start(ofLine: line - 1) else {
            return offset(line: line, column: column)
        }
        let lineEnd = line < lineCount ? start(ofLine: line) - 1 : bytes.count
        guard known.offset <= lineEnd else { return offset(line: line, column: column) }
        return advance(from: known.offset, scalars: column - known.column, lineEnd: lineEnd)
    }

    /// The byte offset `scalars` Unicode scalars after `start`, stopping at `lineEnd`.
    private func advance(from start: Int, scalars: Int, lineEnd: Int) -> Int {
        var index = start
        var remaining = scalars
        while remaining > 0, index < lineEnd {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    // MARK: - Lookup

    /// The 1-based line holding `offset` (binary search over the line starts).
    private func lineNumber(of offset: Int) -> Int {
        var low = 0
        var high = lineCount - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if start(ofLine: mid) <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    private func continuationCount(before offset: Int) -> Int {
        let block = offset >> Self.blockShift
        let counts = bytes.withUnsafeBufferPointer { Self.counts($0, from: block << Self.blockShift, to: offset) }
        return Int(continuations[block]) + counts.continuations
    }

    private func fourByteLeadCount(before offset: Int) -> Int {
        let block = offset >> Self.blockShift
        let counts = bytes.withUnsafeBufferPointer { Self.counts($0, from: block << Self.blockShift, to: offset) }
        return Int(fourByteLeads[block]) + counts.fourByteLeads
    }

    // MARK: - Counting

    /// The number of newlines in `buffer` (found with `memchr`).
    private static func newlineCount(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        forEachLineStart(buffer) { _ in count += 1 }
        return count
    }

    /// Calls `body` with the offset after each newline, in order.
    @inline(__always)
    private static func forEachLineStart(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        var cursor = base
        let end = base + buffer.count
        while cursor < end, let found = memchr(cursor, Int32(UInt8(ascii: "\n")), end - cursor) {
            let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            body(newline - base + 1)
            cursor = newline + 1
        }
    }

    /// Continuation bytes and four-byte leads in `buffer[start..<end]`, eight bytes at a time.
    static func counts(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int,
                       to end: Int) -> (continuations: Int, fourByteLeads: Int) {
        let highs: UInt64 = 0x8080_8080_8080_8080
        var continuations = 0
        var leads = 0
        var index = start
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= end {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if word & highs != 0 {
                    // Bit 7 of each byte, and bits 6, 5 and 4 shifted up to bit 7.
                    let bit6 = (word << 1) & highs
                    let bit5 = (word << 2) & highs
                    let bit4 = (word << 3) & highs
                    continuations += (word & highs & ~bit6).nonzeroBitCount
                    leads += (word & bit6 & bit5 & bit4).nonzeroBitCount
                }
                index += 8
            }
        }
        while index < end {
            let byte = buffer[index]
            if byte & 0xC0 == 0x80 { continuations += 1 }
            if byte >= 0xF0 { leads += 1 }
            index += 1
        }
        return (continuations, leads)
    }

    private static func isASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var accumulated: UInt64 = 0
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= buffer.count {
                accumulated |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
        }
        while index < buffer.count {
            accumulated |= UInt64(buffer[index])
            index += 1
        }
        return accumulated & 0x8080_8080_8080_8080 == 0
    }
}
