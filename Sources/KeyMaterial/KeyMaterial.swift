/// KeyMaterial — policycheck's OpenSSL boundary.
///
/// Recognises key material by content (PEM, DER, raw/hex/base64 symmetric keys, RSA-wrapped
/// blobs, OpenSSH and PuTTY private keys) and reports only public facts: kind, algorithm, size, curve, container, SPKI SHA-256
/// fingerprint and certificate details. Private key bytes never leave this module, not even in
/// error messages. Encrypted private keys are recognised but never decrypted, and OpenSSL is
/// never allowed to prompt for a passphrase.
///
/// Entry points:
/// - `KeyInspection.inspect(_:)` — Sendable, call from anywhere (pools reusable inspectors); `scan(_:mode:)` for
///   files found in a tree, where PEM headers in prose or binary data are not errors.
/// - `KeyInspector` — a reusable, single-task inspector for tight loops.
/// - `KeyVerifier.verify(_:)` — OpenSSL's own consistency checks plus certificate/key matching.
/// - `WrappedMaterial` — size arithmetic for AWS KMS-style wrapped key material.
/// - `Signer` / `Verifier` — Ed25519, ECDSA P-256/P-384 and RSA-PSS (≥ 3072 bits) signatures.
/// - `Digest.sha256(_:)`, `OpenSSLVersion.text`.
///
/// Only this module imports `COpenSSL`, and no OpenSSL type appears in its public API.
/// OpenSSL's per-thread error queue is drained into `KeyMaterialError` after every failure and
/// cleared after every call, so errors never leak into later calls.
public enum KeyInspection {
    /// Inspects `bytes` from any thread or task, reusing pooled inspectors.
    public static func inspect(_ bytes: [UInt8]) throws(KeyMaterialError) -> [KeyObject] {
        try InspectorPool.shared.withEngine { (engine) throws(KeyMaterialError) in
            try engine.decodeAll(bytes).map(\.object)
        }
    }

    /// Reads `bytes` as key material as strictly as `mode` says, from any thread or task: what was recognised, or
    /// why the input is broken key material (and where) or is not key material (and which PEM headers began no key).
    public static func scan(_ bytes: [UInt8], mode: KeyScanMode) -> KeyScan {
        do throws(KeyMaterialError) {
            return try InspectorPool.shared.withEngine { engine in engine.read(bytes, mode: mode).scan }
        } catch {
            var scan = KeyScan()
            scan.failure = error
            return scan
        }
    }

    /// A cheap pre-filter for directory scans: a PEM BEGIN marker, or one complete DER key structure.
    ///
    /// Raw symmetric and wrapped blobs are deliberately not matched (any 32-byte file would be).
    public static func looksLikeKeyMaterial(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            if PEMScanner.containsPEM(buffer) { return true }
            if case .structure = DERClassifier.classify(buffer) { return true }
            return false
        }
    }
}
