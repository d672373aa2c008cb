import Foundation

/// A PuTTY private key file (`.ppk`, versions 2 and 3, PuTTY manual appendix C): text lines
///
///     PuTTY-User-Key-File-3: ssh-ed25519
///     Encryption: none | aes256-cbc
///     Comment: …
///     Public-Lines: N   (then N lines of base64: an SSH public key blob)
///     …
///     Private-Lines: M  (then M lines of base64, encrypted unless Encryption is none)
///
/// Only the header and the public blob are read; the private lines are never decoded.
struct PuTTYPrivateKey {
    static let header = Array("PuTTY-User-Key-File-".utf8)

    var publicKey: SSHPublicKey
    var isEncrypted: Bool

    /// Whether the bytes start like a PuTTY key file.
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= header.count && bytes.prefix(header.count).elementsEqual(header)
    }

    /// Where a line that starts a PuTTY key file begins, after other lines (a note, a script that writes the key
    /// out), the line's blanks and comment marks passed over: `nil` when no line does.
    static func laterHeader(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index + header.count <= bytes.count {
            guard let newline = bytes[index...].firstIndex(of: 0x0A) else { return nil }
            var start = newline + 1
            while start < bytes.count, [0x20, 0x09, UInt8(ascii: "#")].contains(bytes[start]) { start += 1 }
            if start + header.count <= bytes.count, bytes[start..<(start + header.count)].elementsEqual(header) { return start }
            index = newline + 1
        }
        return nil
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>) throws(SSHWireError) {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line[...], as: UTF8.self)
        }
        guard let first = lines.first, let type = Self.value(first, after: ":"),
              ["1", "2", "3"].contains(first.dropFirst(Self.header.count).prefix(1)) else {
            throw SSHWireError("PuTTY key header is not PuTTY-User-Key-File-<version>: <type>")
        }
        guard lines.count > 1, lines[1].hasPrefix("Encryption:"), let encryption = Self.value(lines[1], after: ":") else {
            throw SSHWireError("PuTTY key has no Encryption line")
        }
        isEncrypted = encryption != "none"
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Public-Lines:") }),
              let count = Self.value(lines[start], after: ":").flatMap({ Int($0) }), count > 0, count <= 64,
              start + count < lines.count else {
            throw SSHWireError("PuTTY key has no Public-Lines")
        }
        let text = Array(lines[(start + 1)...(start + count)].joined().utf8)
        guard let blob = text.withUnsafeBufferPointer({ Base64.decode($0) }) else {
            throw SSHWireError("PuTTY public key lines are not valid base64")
        }
        publicKey = try SSHPublicKey(blob: blob[...])
        guard publicKey.type == type else { throw SSHWireError("PuTTY key type differs from its public key's") }
        guard lines.contains(where: { $0.hasPrefix("Private-Lines:") }) else {
            throw SSHWireError("PuTTY key has no Private-Lines")
        }
    }

    /// The trimmed text after the first `separator`, or nil when empty.
    private static func value(_ line: String, after separator: Character) -> String? {
        guard let index = line.firstIndex(of: separator) else { return nil }
        let value = line[line.index(after: index)...].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }
}
