import PolicyCheckModel

/// Whether a walked file that no name marks as key material holds a private key anyway, judged from its first bytes
/// only (a huge file is never read whole to decide):
///
/// - any file that starts with a private key — a PEM BEGIN line whose label ends in `PRIVATE KEY` (`OPENSSH`, `RSA`,
///   `EC`, `DSA`, `ENCRYPTED`, PKCS #8), or PuTTY's `PuTTY-User-Key-File-` header — after blanks and a byte-order
///   mark; OpenSSH itself reads a key only from the start of its file;
/// - a file with no ending (`id_ed25519`, `deploy`, `.pem`) when any line of its first 64 KiB begins a private key,
///   as `openssl` finds a key after a preamble.
///
/// So a pull request cannot hide a key by its name: not by case, by leaving the ending out, by a leading dot or in
/// a nested folder. What is read this way is read leniently (`KeyScanMode.found`): a header that begins no key is a
/// counted, explained skip, never an error.
enum KeyFileSniffer {
    /// How much of a file with no ending is searched.
    static let window = 1 << 16
    /// How much of any other file is read to see how it starts.
    static let startWindow = 1 << 12

    private static let begin = Array("-----BEGIN ".utf8)
    private static let dashes = Array("-----".utf8)
    private static let privateKey = Array("PRIVATE KEY".utf8)
    private static let putty = Array("PuTTY-User-Key-File-".utf8)

    /// Reads the start of the file at `path` (a regular file) and judges it.
    static func holdsPrivateKey(atPath path: String) -> Bool {
        let searchesLines = KeyFileName.ending(path) == nil
        guard let bytes = FileBytes.prefix(path, count: searchesLines ? window : startWindow) else { return false }
        return holdsPrivateKey(bytes, searchingLines: searchesLines)
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
        return line[..<dashes.lowerBound].reversed().starts(with: privateKey.reversed())
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }
}
