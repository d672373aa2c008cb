internal import COpenSSL

/// Runs OpenSSL's own key consistency checks (expensive; deliberately not part of inspection).
public enum KeyVerifier {
    /// Inspects `bytes`, then checks every key: `EVP_PKEY_public_check` for public keys and certificate
    /// keys, `EVP_PKEY_check` + `EVP_PKEY_pairwise_check` for private keys, and `EVP_PKEY_eq` to match
    /// private keys to certificates in the same bundle.
    public static func verify(_ bytes: [UInt8]) throws(KeyMaterialError) -> KeyVerificationReport {
        let items = try InspectorPool.shared.withEngine { (engine) throws(KeyMaterialError) in
            try engine.decodeAll(bytes)
        }
        return try verify(items)
    }

    /// `KeyInspection.scan(_:mode:)`, then the checks of `verify(_:)` on what it recognised (in `verification`).
    public static func scan(_ bytes: [UInt8], mode: KeyScanMode) -> KeyScan {
        do throws(KeyMaterialError) {
            let outcome = try InspectorPool.shared.withEngine { engine in engine.read(bytes, mode: mode) }
            var scan = outcome.scan
            if outcome.failure == nil { scan.verification = try verify(outcome.items) }
            return scan
        } catch {
            var scan = KeyScan()
            scan.failure = error
            return scan
        }
    }

    private static func verify(_ items: [DecodedItem]) throws(KeyMaterialError) -> KeyVerificationReport {
        defer { OpenSSLErrorQueue.clear() }
        var failures: [KeyCheckFailure] = []
        var checksRun: [String] = []
        for item in items {
            guard let key = item.key else { continue }
            let index = item.object.index
            let checks: [(String, (OpaquePointer) -> Int32)] = item.object.kind == .privateKey
                ? [("private-key-check", EVP_PKEY_check), ("pairwise-check", EVP_PKEY_pairwise_check)]
                : [("public-key-check", EVP_PKEY_public_check)]
            for (name, check) in checks {
                switch try run(check, on: key) {
                case .passed:
                    checksRun.append("\(index):\(name)")
                case let .failed(reason):
                    checksRun.append("\(index):\(name)")
                    failures.append(KeyCheckFailure(index: index, check: name, reason: reason))
                case .notSupported:
                    break
                }
            }
        }
        let pairings = pair(items)
        for pairing in pairings where pairing.certificateIndex == nil {
            failures.append(KeyCheckFailure(
                index: pairing.privateKeyIndex, check: "certificate-key-match",
                reason: "no certificate in the bundle carries this private key's public key"))
        }
        return KeyVerificationReport(objects: items.map(\.object), failures: failures, checksRun: checksRun, pairings: pairings)
    }

    private enum Outcome {
        case passed
        case failed(String)
        case notSupported
    }

    private static func run(_ check: (OpaquePointer) -> Int32, on key: PKey) throws(KeyMaterialError) -> Outcome {
        OpenSSLErrorQueue.clear()
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key.pointer, nil) else {
            throw .openssl(reason: "cannot create key context: " + OpenSSLErrorQueue.drain())
        }
        defer { EVP_PKEY_CTX_free(context) }
        let result = check(context)
        if result == 1 {
            OpenSSLErrorQueue.clear()
            return .passed
        }
        if result == -2 {
            OpenSSLErrorQueue.clear()
            return .notSupported
        }
        return .failed(OpenSSLErrorQueue.drain(fallback: "check failed without a reason"))
    }

    /// For each private key in a bundle that also holds certificates, the first certificate with the same public key.
    static func pair(_ items: [DecodedItem]) -> [KeyCertificatePairing] {
        let certificates = items.filter { $0.object.kind == .certificate && $0.key != nil }
        guard !certificates.isEmpty else { return [] }
        let privateKeys = items.filter { $0.object.kind == .privateKey && $0.key != nil }
        let index = CertificateKeyIndex(certificates)
        let pairings = privateKeys.map { privateKey in
            let match = index.firstCertificate(carrying: privateKey.key!)
            return KeyCertificatePairing(privateKeyIndex: privateKey.object.index, certificateIndex: match?.object.index)
        }
        OpenSSLErrorQueue.clear()
        return pairings
    }
}
