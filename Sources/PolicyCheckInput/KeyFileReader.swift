import Foundation
import KeyMaterial
import PolicyCheckModel
import PolicyCheckSyntax

/// Reads files of key material through the OpenSSL module: inspection (fast) or verification (OpenSSL's own
/// consistency checks, slower). Keeps only what `KeyObject` reports — never the bytes.
public struct KeyFileReader: Sendable {
    /// Endings that mark key material in directory scans.
    public static let extensions: Set<String> = [
        "pem", "der", "key", "crt", "cer", "cert", "p8", "pk8", "pub", "spki", "bin", "raw", "hex", "b64", "base64",
    ]

    /// Run OpenSSL's consistency checks as well (`keys verify`).
    public var verify = false

    public init(verify: Bool = false) {
        self.verify = verify
    }

    /// Whether a file should be read as key material rather than as a manifest.
    public static func claims(path: String, raw: [UInt8]) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        if InputDiscovery.candidateManifestExtensions.contains(ext) { return false }
        if extensions.contains(ext) { return true }
        return containsPEMMarker(raw)
    }

    /// Inspects the bytes; a file that is not key material comes back with `problem` set.
    public func read(_ raw: [UInt8], path: String, role: KeyFileRole, origin: Origin) -> KeyFile {
        var file = KeyFile(path: path, origin: origin, role: role, size: raw.count, objects: [])
        do {
            if verify {
                let report = try KeyVerifier.verify(raw)
                file.objects = report.objects
                file.verification = report
            } else {
                file.objects = try KeyInspection.inspect(raw)
            }
        } catch {
            file.problem = error.description
        }
        return file
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
