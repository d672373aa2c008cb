import PolicyCheckModel
import PolicyCheckSyntax

/// Whether a walked file that no name marks as key material holds a private key anyway:
///
/// - any file that starts with a private key — a PEM BEGIN line whose label ends in `PRIVATE KEY` (`OPENSSH`, `RSA`,
///   `EC`, `DSA`, `ENCRYPTED`, PKCS #8), or PuTTY's `PuTTY-User-Key-File-` header — after blanks and a byte-order
///   mark; OpenSSH itself reads a key only from the start of its file;
/// - a file with no ending (`id_ed25519`, `deploy`, `.pem`) when any line of its first 64 KiB begins a private key,
///   as `openssl` finds a key after a preamble;
/// - any file, text or binary, that holds a private key block anywhere (`mentionsPrivateKeyBlock`): read a MiB at a
///   time, never whole, as secret scanners read every file of a tree.
///
/// So a pull request cannot hide a key by its name: not by case, by leaving the ending out, by a leading dot, in
/// a nested folder, after a page of prose, in a program's string or in a comment. What is read this way is read
/// leniently (`KeyScanMode.found`, then `EmbeddedPEMText` for blocks written as programs write them): a header that
/// begins no key is a counted, explained skip, never an error.
enum KeyFileSniffer {
    /// How much of a file with no ending is searched.
    static let window = 1 << 16
    /// How much of any other file is read to see how it starts.
    static let startWindow = 1 << 12

    private static let begin = Array("-----BEGIN ".utf8)
    private static let dashes = Array("-----".utf8)
    private static let privateKey = Array("PRIVATE KEY".utf8)
    /// PGP 2's secret key armour label ends so (`PGP SECRET KEY BLOCK`).
    private static let secretKeyBlock = Array("SECRET KEY BLOCK".utf8)
    /// OpenPGP's armour label ends so (`PGP PRIVATE KEY BLOCK`).
    private static let privateKeyBlock = Array("PRIVATE KEY BLOCK".utf8)
    private static let putty = Array("PuTTY-User-Key-File-".utf8)

    /// Reads the file at `path` (a regular file) and judges it: its start, then all of it, a chunk at a time, for a
    /// private key block anywhere (after a preamble, in a comment, in a string of a program), so a key cannot hide
    /// behind 4 KiB of prose, a NUL byte or an ending such as `.txt` or `.go`.
    static func holdsPrivateKey(atPath path: String) -> Bool {
        let searchesLines = KeyFileName.ending(path) == nil
        guard let bytes = FileBytes.prefix(path, count: searchesLines ? window : startWindow) else { return false }
        if holdsPrivateKey(bytes, searchingLines: searchesLines) { return true }
        // Binary data too: a NUL byte put before a key must not hide it.
        return FileBytes.chunks(path, size: chunkSize, overlap: blockReach) { mentionsPrivateKeyBlock($0) }
    }

    /// How much of a text file is searched at a time, and how far a chunk reaches back into the one before: as far
    /// as a block may run (`blockReach`), so a block cut by a chunk's edge is still seen whole in the next.
    private static let chunkSize = 1 << 20
    private static let blockReach = 1 << 16
    private static let labelReach = 128
    private static let end = Array("-----END ".utf8)
    private static let blockDashes = Array(" BLOCK-----".utf8)
    private static let privateLines = Array("Private-Lines:".utf8)
    /// `PRIVATE KEY` in UTF-16, little- and big-endian.
    private static let utf16Labels: [[UInt8]] = [
        Array("PRIVATE KEY".utf8).flatMap { [$0, 0] }, Array("PRIVATE KEY".utf8).flatMap { [0, $0] },
    ]
    /// The least base64 a private key's PEM body holds (an Ed25519 PKCS #8 key, the smallest, has 64 characters):
    /// placeholders (`REDACTED`, `MIIEpAIBAAKCAQEA...`) hold less.
    private static let minimumBody = 60

    /// Whether `bytes` hold what reads as a private key block anywhere, in a line of prose or of a program too: a
    /// `-----BEGIN …PRIVATE KEY-----` label, then within 64 KiB an `-----END ` line, and between them, read as
    /// programs write blocks (`EmbeddedPEMText`), at least 60 characters of base64; or PuTTY's header with its
    /// `Private-Lines:`. Source that merely names a header (a `grep` for it, a constant) and placeholders hold no
    /// such block and are not read; a block is read, and what OpenSSL does not take as a key is an explained skip.
    static func mentionsPrivateKeyBlock(_ bytes: ArraySlice<UInt8>) -> Bool {
        // `…PRIVATE KEY-----` and `…PRIVATE KEY BLOCK-----` (OpenPGP), and PGP 2's `PGP SECRET KEY BLOCK-----`.
        if holdsBlock(bytes, labelEnd: privateKey, suffixes: [dashes, blockDashes])
            || holdsBlock(bytes, labelEnd: secretKeyBlock, suffixes: [dashes]) || holdsRelabelledKey(bytes) {
            return true
        }
        // UTF-16 text: the label in either byte order is enough to read the file (as text, `InputReader`).
        if utf16Labels.contains(where: { ByteSearch.firstIndex(of: $0, in: bytes) != nil }) { return true }
        if let header = ByteSearch.firstIndex(of: putty, in: bytes) {
            let block = bytes[header..<min(bytes.endIndex, header + blockReach)]
            return ByteSearch.firstIndex(of: privateLines, in: block) != nil
        }
        return false
    }

    /// One pass over `bytes` for a BEGIN label ending in `labelEnd` and one of `suffixes`, with an END line within
    /// 64 KiB of text that is not blank (OpenSSL ignores blanks, so padding cannot push the END away) and a body. The
    /// label search, the next END and the two counts of blank bytes only move forward, so the pass is linear however
    /// the labels and END lines are laid out (a file of labels with an END every 30 KB, or one END per MiB, took
    /// minutes when each label looked ahead on its own).
    private static func holdsBlock(_ bytes: ArraySlice<UInt8>, labelEnd: [UInt8], suffixes: [[UInt8]]) -> Bool {
        var from = bytes.startIndex
        var nextEnd: Int? = bytes.startIndex - 1
        var beforeOpen = BlankCounter(at: bytes.startIndex), beforeClose = BlankCounter(at: bytes.startIndex)
        while let found = ByteSearch.firstIndex(of: labelEnd, in: bytes, from: from) {
            from = found + labelEnd.count
            guard let suffix = suffixes.first(where: { bytes[from...].starts(with: $0) }) else { continue }
            from += suffix.count
            // The label's own opening dashes, on its line, open `-----BEGIN ` (not `-----END `).
            guard let open = lastDashes(in: bytes[max(bytes.startIndex, found - labelReach)..<found]),
                  bytes[open...].starts(with: begin), !bytes[open..<found].contains(0x0A) else { continue }
            if let end = nextEnd, end < from { nextEnd = ByteSearch.firstIndex(of: Self.end, in: bytes, from: from) }
            guard let close = nextEnd else { return false }
            let text = (close - beforeClose.advance(to: close, in: bytes)) - (open - beforeOpen.advance(to: open, in: bytes))
            guard text <= blockReach else { continue }
            let lineEnd = bytes[close...].firstIndex(of: 0x0A) ?? bytes.endIndex
            if base64Body(EmbeddedPEMText.blocks(in: Array(bytes[open..<lineEnd]))) >= minimumBody { return true }
            // Every label before that END opens a block inside this one, holding less body still.
            from = max(from, close)
        }
        return false
    }

    /// Whether a block under any other label (`EC PARAMETERS`, `PUBLIC KEY`, one made up: OpenSSL 3.0 reads a
    /// private key under them) starts a private key's DER: its first body line (read as programs write blocks)
    /// begins as base64 of PKCS #8 (`SEQUENCE { INTEGER 0, SEQUENCE …`), PKCS #1 RSA or DSA (`INTEGER 0, INTEGER`),
    /// or SEC1 EC (`INTEGER 1, OCTET STRING`) does, in each length form. Certificates (`SEQUENCE { SEQUENCE`),
    /// public keys and parameters never begin so. One forward pass over the BEGIN labels.
    private static func holdsRelabelledKey(_ bytes: ArraySlice<UInt8>) -> Bool {
        var from = bytes.startIndex
        while let open = ByteSearch.firstIndex(of: begin, in: bytes, from: from) {
            from = open + begin.count
            // The label, on its line, up to its closing dashes; a private key label is `holdsBlock`'s.
            let labelArea = bytes[from..<min(bytes.endIndex, from + labelReach)]
            guard let close = ByteSearch.firstIndex(of: dashes, in: labelArea),
                  !bytes[from..<close].contains(0x0A), ByteSearch.firstIndex(of: privateKey, in: bytes[from..<close]) == nil,
                  let lineEnd = bytes[close...].prefix(labelReach).firstIndex(of: 0x0A) else { continue }
            // The first body line, after the marks a program or comment puts before it; a placeholder line is short.
            var start = lineEnd + 1
            while start < bytes.endIndex, leadingMarks.contains(bytes[start]) { start += 1 }
            let body = bytes[start..<min(bytes.endIndex, start + 40)]
            guard body.count == 40, body.allSatisfy(isBase64Byte) else { continue }
            let head = Array(body.prefix(12))
            let long = head.starts(with: Array("MII".utf8))
            let medium = head.starts(with: Array("MIG".utf8)) || head.starts(with: Array("MIH".utf8))
            if long, ["IBAD", "IBAA", "IBAQ"].contains(where: { head[6..<10].elementsEqual($0.utf8) }) { return true }
            if medium, ["AgEA", "AgEB"].contains(where: { head[4..<8].elementsEqual($0.utf8) }) { return true }
            if head[0] == UInt8(ascii: "M"), ["AQAw", "AQEE"].contains(where: { head[4..<8].elementsEqual($0.utf8) }) { return true }
        }
        return false
    }

    /// Blanks, quotes and comment marks a program or comment puts before a block's line.
    private static let leadingMarks: Set<UInt8> = Set(" \t\r\"'`#/;*|>%([.&+-".utf8)

    private static func isBase64Byte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }

    /// How many blank bytes (spaces, tabs, line breaks) lie before a position that only moves forward.
    private struct BlankCounter {
        var position: Int
        var blanks = 0

        init(at position: Int) {
            self.position = position
        }

        mutating func advance(to target: Int, in bytes: ArraySlice<UInt8>) -> Int {
            while position < target {
                let byte = bytes[position]
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { blanks += 1 }
                position += 1
            }
            return blanks
        }
    }

    /// Where the first `-----BEGIN …PRIVATE KEY` label of a text starts, if any.
    static func firstPrivateKeyLabel(_ bytes: [UInt8]) -> Int? {
        var from = 0
        while let found = ByteSearch.firstIndex(of: privateKey, in: bytes, from: from) {
            from = found + privateKey.count
            if let open = lastDashes(in: bytes[max(0, found - labelReach)..<found]), bytes[open...].starts(with: begin),
               !bytes[open..<found].contains(0x0A) {
                return open
            }
        }
        return nil
    }

    /// Where the last `-----` in `bytes` starts.
    private static func lastDashes(in bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.endIndex - dashes.count
        while index >= bytes.startIndex {
            if bytes[index...].starts(with: dashes) {
                // The run's first dash: a label opens with five.
                var first = index
                while first > bytes.startIndex, bytes[first - 1] == UInt8(ascii: "-") { first -= 1 }
                return first
            }
            index -= 1
        }
        return nil
    }

    /// How many base64 characters the body lines of PEM text hold (not its BEGIN, END and header lines).
    private static func base64Body(_ text: [UInt8]) -> Int {
        var count = 0
        for line in text.split(separator: 0x0A) where !line.starts(with: dashes) && !line.contains(UInt8(ascii: ":")) {
            count += line.count(where: isBase64Byte)
        }
        return count
    }

    /// Whether `bytes` start with a private key, or (`searchingLines`) any line of them begins one.
    static func holdsPrivateKey(_ bytes: [UInt8], searchingLines: Bool) -> Bool {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, isBlank(bytes[start]) || bytes[start] == 0x0A || bytes[start] == 0x0D { start += 1 }
        if bytes[start...].starts(with: putty) || beginsPrivateKey(bytes, at: start) { return true }
        guard searchingLines else { return false }
        var lineStart = start
        while let newline = bytes[lineStart...].firstIndex(of: 0x0A) {
            lineStart = newline + 1
            while lineStart < bytes.count, isBlank(bytes[lineStart]) { lineStart += 1 }
            if beginsPrivateKey(bytes, at: lineStart) { return true }
        }
        return false
    }

    /// Whether a file's bytes start with a private key (for files whose ending says manifest: a YAML or JSON manifest
    /// never starts so).
    static func startsWithPrivateKey(_ bytes: [UInt8]) -> Bool {
        holdsPrivateKey(Array(bytes.prefix(startWindow)), searchingLines: false)
    }

    /// Whether the bytes mention a private key anywhere (`PRIVATE KEY`, PuTTY's header): then a file that could not
    /// be read as one keeps no digest.
    static func mentionsPrivateKey(_ bytes: [UInt8]) -> Bool {
        InputMarkers.contains(bytes, privateKey) || InputMarkers.contains(bytes, putty)
    }

    /// `-----BEGIN …PRIVATE KEY-----` at `offset`, the label on one short line.
    private static func beginsPrivateKey(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard bytes[offset...].starts(with: begin) else { return false }
        let labelStart = offset + begin.count
        let lineEnd = bytes[labelStart...].prefix(80).firstIndex(of: 0x0A) ?? min(bytes.count, labelStart + 80)
        let line = bytes[labelStart..<lineEnd]
        guard let dashes = line.firstRange(of: dashes) else { return false }
        let label = line[..<dashes.lowerBound]
        return label.reversed().starts(with: privateKey.reversed()) || label.reversed().starts(with: privateKeyBlock.reversed())
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }
}
