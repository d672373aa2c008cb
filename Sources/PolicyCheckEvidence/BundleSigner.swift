import Foundation
import KeyMaterial

/// Signs a bundle's `evidence.json`, for run bundles and period bundles alike: learn the signer's identity first
/// (it is written into evidence.json), then sign the final bytes into `evidence.json.sig` (base64, one line).
public enum BundleSigner {
    /// The signer recorded in evidence.json; refuses an unusable key before anything is rendered.
    public static func identity(of privateKey: [UInt8]) throws(KeyMaterialError) -> EvidenceContext.SignerIdentity {
        let probe = try Signer.sign(message: Array("policycheck evidence signing probe".utf8), privateKeyPEM: privateKey)
        return EvidenceContext.SignerIdentity(algorithm: probe.algorithm, publicKeySPKISha256: probe.publicKeySPKISha256)
    }

    /// The contents of `evidence.json.sig` for these evidence.json bytes.
    public static func signatureFile(for evidence: [UInt8], privateKey: [UInt8]) throws(KeyMaterialError) -> [UInt8] {
        let signature = try Signer.sign(message: evidence, privateKeyPEM: privateKey).signature
        return Array((Data(signature).base64EncodedString() + "\n").utf8)
    }
}
