import Foundation
import KeyMaterial
import PolicyCheckModel
import PolicyCheckSyntax

/// Reads files of key material through the OpenSSL module: inspection (fast) or verification (OpenSSL's own
/// consistency checks, slower). Keeps only what `KeyObject` reports — never the bytes.
public struct KeyFileReader: Sendable {
    /// Endings that mark key material in directory scans (`KeyFileName` also knows OpenSSH's key names).
    public static let extensions: Set<String> = KeyFileName.keyEndings.union(KeyFileName.dataEndings)

    /// Run OpenSSL's consistency checks as well (`keys verify`).
    public var verify = false

    public init(verify: Bool = false) {
        self.verify = verify
    }

    /// Whether a file should be read as key material rather than as a manifest.
    public static func claims(path: String, raw: [UInt8]) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        // A manifest never starts with a private key; a key named `.yaml` is still a key.
        if InputDiscovery.candidateManifestExtensions.contains(ext) { return KeyFileSniffer.startsWithPrivateKey(raw) }
        if KeyFileName.marksKeyMaterial(path) { return true }
        return containsPEMMarker(raw) || KeyFileSniffer.startsWithPrivateKey(raw)
            || KeyFileSniffer.mentionsPrivateKeyBlock(raw[...])
    }

    /// Inspects the bytes; a file that is not key material comes back with `problem` set.
    public func read(_ raw: [UInt8], path: String, role: KeyFileRole, origin: Origin) -> KeyFile {
        read(raw, path: path, role: role, origin: origin, mode: .strict).file
    }

    /// What reading one file gave: the key file (`problem` set when it is broken or not key material), where a broken
    /// one breaks, and the PEM headers that began no key.
    struct Reading {
        var file: KeyFile
        var failureOffset: Int?
        var ignored: [IgnoredPEMHeader]
    }

    /// Reads the bytes as strictly as `mode` says (`KeyScanMode`).
    func read(_ raw: [UInt8], path: String, role: KeyFileRole, origin: Origin, mode: KeyScanMode) -> Reading {
        let scan = verify ? KeyVerifier.scan(raw, mode: mode) : KeyInspection.scan(raw, mode: mode)
        var file = KeyFile(path: path, origin: origin, role: role, size: raw.count, objects: scan.objects)
        file.verification = scan.verification
        file.problem = scan.failure?.description
        return Reading(file: file, failureOffset: scan.failureOffset, ignored: scan.ignored)
    }

    /// Why a walked file is not key material, for its skip reason: the first PEM header that began no key, and where.
    static func notKeyMaterialReason(_ ignored: [IgnoredPEMHeader], source: SourceFile) -> String {
        guard let first = ignored.first else { return "not recognised key material" }
        let place = source.location(ofOffset: first.offset)
        let more = ignored.count > 1 ? " (and \(ignored.count - 1) more PEM header\(ignored.count == 2 ? "" : "s"))" : ""
        return "the '\(first.label)' PEM header at \(place.line):\(place.column) begins no key: \(first.reason)\(more)"
    }

    static func containsPEMMarker(_ raw: [UInt8]) -> Bool {
        let marker = Array("-----BEGIN ".utf8)
        let window = raw.prefix(1 << 16)
        guard window.count >= marker.count else { return false }
        var index = window.startIndex
        while index <= window.endIndex - marker.count {
            if window[index] == marker[0], window[index..<index + marker.count].elementsEqual(marker) { return true }
            index += 1
        }
        return false
    }
}
