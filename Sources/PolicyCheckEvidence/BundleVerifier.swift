import Foundation
import KeyMaterial
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckSyntax

/// Checks an evidence bundle: the signature over the raw bytes of `evidence.json`, then every SHA-256 it lists —
/// the pages, the inputs still present at their recorded paths, and optionally the previous bundle in the chain.
public enum BundleVerifier {
    /// The result of one check.
    public struct Check: Sendable, Hashable {
        public enum Result: String, Sendable, Hashable {
            case ok
            /// Bytes differ from what evidence.json records, a file is missing, or the signature does not verify.
            case changed
            /// Not checked (an input no longer present).
            case skipped
            /// The bundle is signed or declares a signer, but no public key was given to check it.
            case unverified
        }

        public var subject: String
        public var result: Result
        public var detail: String
    }

    /// The subject of the signature check.
    public static let signatureSubject = "signature"

    /// Verifies the bundle in `directory`. Throws when the bundle cannot be read at all (exit 2).
    /// - Parameters:
    ///   - publicKeyPEM: the signer's public key (or certificate); `nil` skips the signature check.
    ///   - inputsRoot: the directory recorded input paths are relative to (where the report was made).
    ///   - previousEvidence: the previous bundle's `evidence.json`, to check the chain link.
    public static func verify(directory: String, publicKeyPEM: [UInt8]?, inputsRoot: String = ".",
                              previousEvidence: String? = nil) throws(Diagnostic) -> [Check] {
        let base = URL(fileURLWithPath: directory)
        let evidencePath = base.appendingPathComponent(EvidenceBundle.jsonFile).path
        guard let evidence = FileManager.default.contents(atPath: evidencePath).map({ [UInt8]($0) }) else {
            throw Diagnostic(file: directory, location: nil, message: "cannot read \(EvidenceBundle.jsonFile): not an evidence bundle")
        }
        var checks: [Check] = []
        let signature = FileManager.default.contents(atPath: base.appendingPathComponent(EvidenceBundle.signatureFile).path)
        if let publicKeyPEM {
            checks.append(try signatureCheck(evidence, signature, publicKeyPEM))
            if checks.last?.result == .changed {
                // Nothing in an altered evidence.json can be trusted; do not read it further.
                return checks
            }
        }
        let recorded = try RecordedHashes(evidence, path: evidencePath)
        if publicKeyPEM == nil {
            checks.append(unauthenticatedCheck(signaturePresent: signature != nil, declared: recorded.declaresSignature))
        }
        if let publicKeyPEM, let expected = recorded.signerFingerprint,
           let actual = try? KeyInspection.inspect(publicKeyPEM).first(where: { $0.spkiSha256 != nil })?.spkiSha256, actual != expected {
            checks.append(Check(subject: "signer", result: .changed, detail: "evidence.json names signer \(expected), the key given is \(actual)"))
        }
        for (file, sha256) in recorded.artifacts {
            guard !file.contains("/"), file != ".." else {
                checks.append(Check(subject: file, result: .changed, detail: "artifact name is not a file in the bundle"))
                continue
            }
            checks.append(compare(file, at: base.appendingPathComponent(file).path, expected: sha256, required: true))
        }
        checks += foreignFileChecks(in: base.path, listed: recorded.artifacts.map(\.0))
        for input in recorded.inputs {
            checks += inputChecks(input, inputsRoot: inputsRoot)
        }
        if let previousEvidence {
            checks.append(previousCheck(previousEvidence, recorded: recorded.previous))
        }
        return checks
    }

    /// Files in the bundle's folder that evidence.json does not list (nor evidence.json and its signature): `report
    /// --out` never writes beside such files (security row 44), so one there was added to the folder after the run,
    /// and whoever reads the folder may take it for evidence — a planted `index.html` saying every control passed
    /// sat beside an INTACT verdict (tester round 31).
    private static func foreignFileChecks(in directory: String, listed: [String]) -> [Check] {
        BundleDirectory.foreignFiles(in: directory, bundle: listed).map {
            Check(subject: $0, result: .changed,
                  detail: "is in the bundle's folder but not in the bundle: evidence.json does not list it, and a reader may take it for evidence")
        }
    }

    /// Without a key the signature cannot be checked, but a bundle that declares a signer and lacks the signature
    /// file has visibly lost it (a stripped signature is a change, not an unsigned bundle).
    private static func unauthenticatedCheck(signaturePresent: Bool, declared: Bool) -> Check {
        if declared && !signaturePresent {
            return Check(subject: signatureSubject, result: .changed, detail: "evidence.json declares a signer but \(EvidenceBundle.signatureFile) is missing")
        }
        if signaturePresent {
            return Check(subject: signatureSubject, result: .unverified, detail: "no --pubkey given: the signature was not checked and evidence.json is not authenticated")
        }
        return Check(subject: signatureSubject, result: .skipped, detail: "the bundle is unsigned: evidence.json is not authenticated")
    }

    private static func signatureCheck(_ evidence: [UInt8], _ signatureFile: Data?, _ publicKeyPEM: [UInt8]) throws(Diagnostic) -> Check {
        guard let signatureFile else {
            return Check(subject: signatureSubject, result: .changed, detail: "\(EvidenceBundle.signatureFile) is missing")
        }
        let text = String(decoding: signatureFile, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let signature = Data(base64Encoded: text) else {
            return Check(subject: signatureSubject, result: .changed, detail: "\(EvidenceBundle.signatureFile) is not base64")
        }
        do {
            let valid = try Verifier.verify(message: evidence, signature: [UInt8](signature), publicKeyPEM: publicKeyPEM)
            return valid
                ? Check(subject: signatureSubject, result: .ok, detail: "\(EvidenceBundle.signatureFile) verifies over evidence.json")
                : Check(subject: signatureSubject, result: .changed, detail: "does not verify: evidence.json or its signature was altered, or another key signed it")
        } catch {
            throw Diagnostic(file: "--pubkey", location: nil, message: "cannot use the public key: \(error.description)")
        }
    }

    /// A folder (a Terraform module, a chart, a kustomization) is checked from the files its record lists; a folder recorded without them (a bundle
    /// written before evidence listed them) cannot be, and says so; a file is compared byte for byte.
    private static func inputChecks(_ input: RecordedHashes.Input, inputsRoot: String) -> [Check] {
        if let manifest = input.manifest {
            return ModuleInputCheck(folder: input.file, expected: input.sha256, manifest: manifest, inputsRoot: inputsRoot).checks()
        }
        let path = input.file.hasPrefix("/") ? input.file : URL(fileURLWithPath: inputsRoot).appendingPathComponent(input.file).path
        if FileKind(path, followingLinks: true) == .directory {
            return [Check(subject: "input \(input.file)", result: .skipped, detail: "a folder (a Terraform module, a chart or a kustomization): its sha256 is the digest of the files the run read or rendered, which this bundle does not list (it was written before evidence.json listed them, or the list was removed), so it cannot be recomputed: not checked")]
        }
        return [compare("input \(input.file)", at: path, expected: input.sha256, required: false)]
    }

    private static func compare(_ subject: String, at path: String, expected: String, required: Bool) -> Check {
        guard let data = FileManager.default.contents(atPath: path) else {
            return required
                ? Check(subject: subject, result: .changed, detail: "missing")
                : Check(subject: subject, result: .skipped, detail: "not present at its recorded path: not checked")
        }
        let actual = Digest.sha256([UInt8](data))
        return actual == expected
            ? Check(subject: subject, result: .ok, detail: "sha256 \(actual)")
            : Check(subject: subject, result: .changed, detail: "sha256 is \(actual), evidence.json records \(expected)")
    }

    private static func previousCheck(_ path: String, recorded: String?) -> Check {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Check(subject: "previous", result: .changed, detail: "\(path) cannot be read")
        }
        let actual = Digest.sha256([UInt8](data))
        guard let recorded else {
            return Check(subject: "previous", result: .changed, detail: "the bundle records no previous bundle")
        }
        return actual == recorded
            ? Check(subject: "previous", result: .ok, detail: "chain link matches (sha256 \(actual))")
            : Check(subject: "previous", result: .changed, detail: "sha256 is \(actual), the bundle records \(recorded): the previous bundle was altered or is not the one this run follows")
    }
}

/// The hashes an `evidence.json` lists.
struct RecordedHashes {
    var artifacts: [(String, String)] = []
    /// An input whose digest is recorded, and for a Terraform module folder the files it is the digest of.
    struct Input {
        var file: String
        var sha256: String
        var manifest: ModuleManifest?
    }

    var inputs: [Input] = []
    var previous: String?
    var signerFingerprint: String?
    /// `evidence.json` has a `signature` section: the bundle was written signed.
    var declaresSignature = false

    init(_ bytes: [UInt8], path: String) throws(Diagnostic) {
        let source = SourceFile(path: path, bytes: bytes)
        let root: SourceNode
        do {
            root = try JSONReader().read(bytes)
        } catch {
            throw Diagnostic(source, offset: error.offset, "evidence.json is not valid JSON: \(error.message)")
        }
        guard root["evidenceVersion"]?.numberLiteral == String(EvidenceDocument.version) else {
            throw Diagnostic(source, offset: root.offset, "not a policycheck evidence bundle (evidenceVersion \(EvidenceDocument.version) expected)")
        }
        for item in root["artifacts"]?.items ?? [] {
            if let file = item["file"]?.string, let sha = item["sha256"]?.string { artifacts.append((file, sha)) }
        }
        for item in root["population"]?["inputs"]?.items ?? [] {
            if let file = item["file"]?.string, file != "-", let sha = item["sha256"]?.string {
                inputs.append(Input(file: file, sha256: sha, manifest: try Self.manifest(item["files"], source)))
            }
        }
        previous = root["previous"]?["sha256"]?.string
        signerFingerprint = root["signature"]?["publicKeySpkiSha256"]?.string
        declaresSignature = root["signature"].map { !$0.isNull } ?? false
    }

    /// A module input's `files`: absent for other inputs and in bundles written before evidence recorded them.
    private static func manifest(_ files: SourceNode?, _ source: SourceFile) throws(Diagnostic) -> ModuleManifest? {
        guard let files, !files.isNull else { return nil }
        guard let items = files.items else {
            throw Diagnostic(source, offset: files.offset, "a module input's files must be a list")
        }
        var entries: [ModuleManifest.Entry] = []
        for item in items {
            guard let path = item["path"]?.string, let bytes = item["bytes"]?.numberLiteral.flatMap({ Int($0) }),
                  let sha256 = item["sha256"]?.string else {
                throw Diagnostic(source, offset: item.offset, "a module input's files[] entry needs a path, bytes and sha256")
            }
            entries.append(ModuleManifest.Entry(path: path, byteCount: bytes, sha256: sha256))
        }
        return ModuleManifest(entries: entries)
    }
}
