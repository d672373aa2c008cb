import ArgumentParser
import Foundation
import KeyMaterial
import PolicyCheckKit
import PolicyCheckSyntax

/// Reads the files `report` records by hash: the executable, the configuration, the previous bundle.
enum EvidenceInputFiles {
    /// A file's bytes; an unreadable file is reported and exits 2.
    static func read(_ path: String, what: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("\(path): error: cannot read \(what) (no such file or permission denied)")
        }
        return [UInt8](data)
    }

    /// SHA-256 of the running executable (`/proc/self/exe`, else `argv[0]`); `nil` when neither can be read.
    static func executableSHA256() -> String? {
        for path in ["/proc/self/exe", CommandLine.arguments.first ?? ""] where !path.isEmpty {
            if let data = FileManager.default.contents(atPath: path) { return Digest.sha256([UInt8](data)) }
        }
        return nil
    }

    /// The configuration, waiver and baseline files, by hash.
    static func configFiles(settings: RunSettings, waivers: WaiverFile?) throws -> [EvidenceContext.ConfigFile] {
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
    static func previousLink(_ path: String) throws -> EvidenceContext.PreviousLink {
        let bytes = try read(path, what: "previous evidence.json")
        guard let root = try? JSONReader().read(bytes), root["evidenceVersion"] != nil, root["kind"]?.string == "policycheck-evidence" else {
            throw CommandFailure("\(path): error: not a policycheck evidence.json")
        }
        return EvidenceContext.PreviousLink(sha256: Digest.sha256(bytes), runId: root["run"]?["id"]?.string)
    }
}
