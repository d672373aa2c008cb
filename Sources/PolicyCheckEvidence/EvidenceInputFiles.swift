import Foundation
import KeyMaterial
import PolicyCheckConfig
import PolicyCheckReport
import PolicyCheckSyntax

/// Reads the files a bundle records by hash or link (the executable, the configuration, waiver and baseline files,
/// the previous bundle) and the key files the commands that sign and verify are given.
public enum EvidenceInputFiles {
    /// A file that could not be used: its one-line message (`path: error: …`).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// A file's bytes, or a failure naming it and what it was read as (`signing key`, `baseline`).
    public static func read(_ path: String, what: String) throws(Failure) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path): error: cannot read \(what) (no such file or permission denied)")
        }
        return [UInt8](data)
    }

    /// SHA-256 of the running executable (`/proc/self/exe`, else `argv[0]`); `nil` when neither can be read.
    public static func executableSHA256() -> String? {
        for path in ["/proc/self/exe", CommandLine.arguments.first ?? ""] where !path.isEmpty {
            if let digest = sha256(ofFileAt: path) { return digest }
        }
        return nil
    }

    /// How much of a file `sha256(ofFileAt:)` holds at once.
    static let hashChunkSize = 1 << 20

    /// SHA-256 of the file at `path`, read a chunk at a time: the executable is about 100 MB, and reading it whole
    /// (then copying it into an array) held twice that for every `report`. `nil` when it cannot be opened or read.
    static func sha256(ofFileAt path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path), let stream = SHA256Stream() else { return nil }
        defer { try? handle.close() }
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: hashChunkSize) } catch { return nil }
            guard let chunk, !chunk.isEmpty else { return stream.finish() }
            chunk.withUnsafeBytes { stream.update($0) }
        }
    }

    /// The configuration, waiver and baseline files, by hash.
    public static func configFiles(settings: RunSettings, waivers: WaiverFile?) throws(Failure) -> [EvidenceContext.ConfigFile] {
        var files: [EvidenceContext.ConfigFile] = []
        if let config = settings.configFile, let sha256 = settings.configSHA256 {
            files.append(.init(role: "config", path: config, sha256: sha256))
        }
        let baseline = settings.baseline.value
        if let waivers { files.append(.init(role: "waivers", path: waivers.path, sha256: waivers.sha256)) }
        if let baseline {
            files.append(.init(role: "baseline", path: baseline, sha256: Digest.sha256(try read(baseline, what: "baseline"))))
        }
        return files
    }

    /// The chain link to a previous bundle's evidence.json (its SHA-256 and run id).
    public static func previousLink(_ path: String) throws(Failure) -> EvidenceContext.PreviousLink {
        let bytes = try read(path, what: "previous evidence.json")
        guard let root = try? JSONReader().read(bytes), root["evidenceVersion"] != nil,
              root["kind"]?.string == "policycheck-evidence" else {
            throw Failure(description: "\(path): error: not a policycheck evidence.json")
        }
        return EvidenceContext.PreviousLink(sha256: Digest.sha256(bytes), runId: root["run"]?["id"]?.string)
    }
}
