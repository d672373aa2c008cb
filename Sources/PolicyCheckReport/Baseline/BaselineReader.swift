import Foundation
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckSyntax

/// Reads a baseline file written by `--write-baseline`; every problem is a located error (exit 2).
public enum BaselineReader {
    public static func load(path: String) throws(Diagnostics) -> Baseline {
        let shown = InputPath.display(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostics([.cannotRead(shown, .baselineFile)])
        }
        return try parse(bytes: [UInt8](data), path: shown)
    }

    public static func parse(bytes: [UInt8], path: String) throws(Diagnostics) -> Baseline {
        let source = SourceFile(path: path, bytes: bytes)
        let root: SourceNode
        do {
            root = try JSONReader().read(bytes)
        } catch {
            throw Diagnostics([Diagnostic(source, offset: error.offset, error.message)])
        }
        let reader = NodeReader(source: source)
        var entries: [Baseline.Entry] = []
        var version = FindingFingerprint.version
        if let document = reader.object(root, path: "") {
            document.allowOnly(["schemaVersion", "fingerprintVersion", "findings"])
            _ = document.int("schemaVersion", required: true, range: Baseline.schemaVersion...Baseline.schemaVersion)
            version = document.int("fingerprintVersion", required: true, range: FindingFingerprint.oldestReadable...FindingFingerprint.version)?.value
                ?? version
            for (node, itemPath) in document.list("findings", required: true) ?? [] {
                guard let item = reader.object(node, path: itemPath) else { continue }
                item.allowOnly(["fingerprint", "ruleId", "file", "resource", "path", "deployment"])
                let fingerprint = item.string("fingerprint", required: true)
                if let fingerprint, !isSHA256(fingerprint.value) {
                    reader.error(at: fingerprint.origin.offset, "'\(itemPath).fingerprint' must be 64 lowercase hex digits")
                }
                entries.append(Baseline.Entry(
                    fingerprint: fingerprint?.value ?? "", ruleId: item.string("ruleId")?.value ?? "",
                    file: item.string("file")?.value ?? "", resource: item.string("resource")?.value ?? "",
                    path: item.string("path")?.value ?? "", deployment: item.string("deployment")?.value))
            }
        }
        guard reader.diagnostics.isEmpty else { throw Diagnostics(reader.diagnostics) }
        return Baseline(entries: entries, source: path, fingerprintVersion: version)
    }

    static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
