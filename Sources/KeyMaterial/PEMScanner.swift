import Foundation

/// Finds PEM blocks in text; anything outside the blocks is ignored.
enum PEMScanner {
    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END ".utf8)
    private static let dashes = Array("-----".utf8)

    /// Whether the bytes contain a PEM BEGIN marker.
    static func containsPEM(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        find(begin, in: bytes, from: 0, to: bytes.count) != nil
    }

    /// Every block in order. A BEGIN met before a block's END starts a block of its own, so a header mentioned in
    /// prose cannot swallow the real block after it.
    static func blocks(_ bytes: UnsafeBufferPointer<UInt8>) -> [PEMBlock] {
        var result: [PEMBlock] = []
        var cursor = 0
        // The first END at or after `from`, kept: BEGIN lines without an END must not each search the rest of the
        // input again (a million of them would take quadratic time).
        var knownEnd: (from: Int, at: Int?) = (Int.max, nil)
        func firstEnd(from position: Int) -> Int? {
            if knownEnd.from > position || (knownEnd.at.map { $0 < position } ?? false) {
                knownEnd = (position, find(end, in: bytes, from: position, to: bytes.count))
            }
            return knownEnd.at
        }
        // Text whose lines end in CR alone (classic Mac OS) is one line to OpenSSL, which breaks PEM lines at LF
        // (CRLF too): its blocks have no END line, which says less than why.
        // Worked out once, on the first block without one (a file of a million BEGIN lines asks a million times).
        var crOnly: Bool?
        func noEndLine(_ label: String) -> String {
            let known = crOnly ?? Self.breaksLinesWithCROnly(bytes)
            crOnly = known
            return known
                ? "PEM block '\(label)' has no END line: its lines end in CR alone (classic Mac OS line endings), which OpenSSL does not read as line breaks; convert them to LF"
                : "PEM block '\(label)' has no END line"
        }
        while let start = find(begin, in: bytes, from: cursor, to: bytes.count) {
            let labelStart = start + begin.count
            let lineEnd = endOfLine(bytes, from: labelStart)
            let startsLine = startsLine(bytes, at: start)
            guard let labelEnd = find(dashes, in: bytes, from: labelStart, to: lineEnd) else {
                result.append(PEMBlock(label: "", hasEncryptedHeader: false, beginOffset: start, startsLine: startsLine,
                                       bodyStart: lineEnd, bodyEnd: lineEnd,
                                       framingError: "PEM BEGIN line is not terminated by dashes"))
                cursor = lineEnd
                continue
            }
            let label = printableLabel(UnsafeBufferPointer(rebasing: bytes[labelStart..<labelEnd]))
            let bodyStart = min(lineEnd + 1, bytes.count)
            let endMarker = firstEnd(from: bodyStart)
            if let inner = find(begin, in: bytes, from: bodyStart, to: endMarker ?? bytes.count) {
                result.append(PEMBlock(label: label, hasEncryptedHeader: false, beginOffset: start, startsLine: startsLine,
                                       bodyStart: bodyStart, bodyEnd: inner,
                                       framingError: noEndLine(label)))
                cursor = inner
                continue
            }
            guard let endMarker else {
                result.append(PEMBlock(label: label, hasEncryptedHeader: false, beginOffset: start, startsLine: startsLine,
                                       bodyStart: bodyStart, bodyEnd: bytes.count,
                                       framingError: noEndLine(label)))
                break
            }
            let endLabelStart = endMarker + end.count
            let endLineEnd = endOfLine(bytes, from: endLabelStart)
            var framingError: String?
            if let endLabelEnd = find(dashes, in: bytes, from: endLabelStart, to: endLineEnd) {
                let endLabel = printableLabel(UnsafeBufferPointer(rebasing: bytes[endLabelStart..<endLabelEnd]))
                if endLabel != label { framingError = "PEM block '\(label)' ends with a different label" }
            } else {
                framingError = "PEM END line of block '\(label)' is not terminated by dashes"
            }
            let (headerEnd, encrypted) = headers(bytes, from: bodyStart, to: endMarker)
            result.append(PEMBlock(label: label, hasEncryptedHeader: encrypted, beginOffset: start, startsLine: startsLine,
                                   bodyStart: headerEnd, bodyEnd: endMarker, framingError: framingError))
            cursor = endLineEnd
        }
        return result
    }

    /// Whether the text breaks lines with CR and never with LF.
    static func breaksLinesWithCROnly(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, 0x0A, bytes.count) == nil && memchr(base, 0x0D, bytes.count) != nil
    }

    /// Whether `offset` starts a line (or the text, after a UTF-8 byte-order mark).
    private static func startsLine(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        offset == 0 || bytes[offset - 1] == 0x0A
            || (offset == 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    }

    /// Skips RFC 1421 headers (`Name: value` lines up to a blank line); reports Proc-Type ENCRYPTED.
    private static func headers(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to limit: Int) -> (Int, Bool) {
        let firstLineEnd = min(endOfLine(bytes, from: start), limit)
        guard find(Array(":".utf8), in: bytes, from: start, to: firstLineEnd) != nil else { return (start, false) }
        var encrypted = false
        var lineStart = start
        while lineStart < limit {
            let lineEnd = min(endOfLine(bytes, from: lineStart), limit)
            let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), as: UTF8.self)
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return (min(lineEnd + 1, limit), encrypted) }
            if trimmed.hasPrefix("Proc-Type:") && trimmed.contains("ENCRYPTED") { encrypted = true }
            lineStart = lineEnd + 1
        }
        return (limit, encrypted)
    }

    /// The label as text if it is short printable ASCII; otherwise a placeholder (labels reach error messages).
    private static func printableLabel(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= 64, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return "<unprintable label>" }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func endOfLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        return index
    }

    /// Offset of `needle` in `bytes[from..<to]`.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let first = needle.first, to - from >= needle.count else { return nil }
        var index = from
        let last = to - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
