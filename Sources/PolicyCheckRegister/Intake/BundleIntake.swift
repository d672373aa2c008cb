import Foundation
import KeyMaterial
import PolicyCheckKit

/// Verifies an evidence bundle exactly as `verify-report` does, then reads it into a `RunRecord`. A bundle whose
/// pages or evidence.json changed, or whose signature does not verify against the configured key, is refused.
public enum BundleIntake {
    /// The outcome of reading one bundle: a run to store, or a refusal to record (never both).
    public enum Outcome: Sendable {
        case run(RunRecord)
        case refused(Refusal)
    }

    /// Reads and verifies the bundle in `directory`; `publicKeyPEM` makes a valid signature by that key required.
    public static func read(_ directory: String, publicKeyPEM: [UInt8]?) -> Outcome {
        let checks: [BundleVerifier.Check]
        do {
            checks = try BundleVerifier.verify(directory: directory, publicKeyPEM: publicKeyPEM)
        } catch {
            return .refused(Refusal(bundle: directory, reason: error.message))
        }
        // Inputs are files of the checkout the run checked; the register vouches for the bundle, not for today's
        // working tree, so only the signature, the signer and the pages decide.
        let failed = checks.filter { $0.result == .changed && !$0.subject.hasPrefix("input ") }
        let evidencePath = URL(fileURLWithPath: directory).appendingPathComponent(EvidenceBundle.jsonFile).path
        guard let bytes = FileManager.default.contents(atPath: evidencePath).map({ [UInt8]($0) }) else {
            return .refused(Refusal(bundle: directory, reason: "cannot read \(EvidenceBundle.jsonFile)"))
        }
        let sha256 = Digest.sha256(bytes)
        if !failed.isEmpty {
            let reason = "bundle failed verification: " + failed.map { "\($0.subject) (\($0.detail))" }.joined(separator: "; ")
            return .refused(Refusal(bundle: directory, reason: reason, evidence: bytes, sha256: sha256))
        }
        do {
            let reader = try EvidenceReader(bundle: directory, bytes: bytes)
            let signer = publicKeyPEM == nil ? nil : reader.root["signature"]?["publicKeySpkiSha256"]?.storedString
            return .run(try reader.record(evidenceSHA256: sha256, verifiedSigner: signer))
        } catch {
            if case .refused(_, let reason) = error {
                return .refused(Refusal(bundle: directory, reason: reason, evidence: bytes, sha256: sha256))
            }
            return .refused(Refusal(bundle: directory, reason: error.description))
        }
    }
}
