internal import COpenSSL

/// The reusable state behind `KeyInspector`: cached decoder contexts and a fetched SHA-256.
///
/// Not thread-safe: one engine serves one thread/task at a time (OpenSSL objects inside are
/// reused between calls). `InspectorPool` hands engines out to concurrent callers.
final class InspectorEngine {
    private struct DecoderKey: Hashable {
        var structure: String
        var keyType: String?
        var publicOnly: Bool
    }

    private var decoders: [DecoderKey: DecoderContext] = [:]
    let hasher: SHA256Hasher

    init() throws(KeyMaterialError) {
        hasher = try SHA256Hasher()
    }

    /// What one read found: the items (with the live OpenSSL objects behind them), or why the input is broken or not
    /// key material.
    struct Outcome {
        var items: [DecodedItem] = []
        var failure: KeyMaterialError?
        var failureOffset: Int?
        var ignored: [IgnoredPEMHeader] = []

        static func failed(_ failure: KeyMaterialError, at offset: Int? = nil) -> Outcome {
            Outcome(failure: failure, failureOffset: offset)
        }

        /// The public description.
        var scan: KeyScan {
            var scan = KeyScan()
            scan.objects = items.map(\.object)
            scan.failure = failure
            scan.failureOffset = failureOffset
            scan.ignored = ignored
            return scan
        }
    }

    /// Recognises every block in `bytes`; throws `.notKeyMaterial` when nothing is key material.
    func decodeAll(_ bytes: [UInt8]) throws(KeyMaterialError) -> [DecodedItem] {
        let outcome = read(bytes, mode: .strict)
        if let failure = outcome.failure { throw failure }
        return outcome.items
    }

    /// Reads `bytes` as key material, as `mode` says how strictly.
    func read(_ bytes: [UInt8], mode: KeyScanMode) -> Outcome {
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        return bytes.withUnsafeBufferPointer { read($0, mode: mode) }
    }

    private func read(_ bytes: UnsafeBufferPointer<UInt8>, mode: KeyScanMode) -> Outcome {
        guard !bytes.isEmpty else { return .failed(.notKeyMaterial) }
        if PuTTYPrivateKey.matches(bytes) { return readPuTTY(bytes, mode: mode) }
        // A key found among other text (not where a `.ppk` file starts it): read from its header line on, beside
        // what PEM blocks before it hold (a certificate, then the key; review, round 35).
        let laterPuTTY = mode == .found ? PuTTYPrivateKey.laterHeader(in: bytes) : nil
        if let start = laterPuTTY, !PEMScanner.containsPEM(bytes) {
            return readPuTTY(UnsafeBufferPointer(rebasing: bytes[start...]), mode: mode)
        }
        var ignored: [IgnoredPEMHeader] = []
        if PEMScanner.containsPEM(bytes) {
            var outcome = readPEM(bytes, mode: mode)
            if let start = laterPuTTY {
                var putty = readPuTTY(UnsafeBufferPointer(rebasing: bytes[start...]), mode: mode).items
                for index in putty.indices { putty[index].object.index = outcome.items.count + index }
                if !putty.isEmpty, outcome.failure == .notKeyMaterial { outcome.failure = nil }
                outcome.items += putty
            }
            // Strictly, a file with a PEM header is PEM; otherwise headers that began no key may sit in binary data
            // that is key material as a whole.
            if !outcome.items.isEmpty || outcome.failure != .notKeyMaterial || mode == .strict { return outcome }
            ignored = outcome.ignored
        }
        var outcome = readWhole(bytes, mode: mode, afterPEMHeader: !ignored.isEmpty)
        outcome.ignored = ignored
        return outcome
    }

    /// The whole input as one DER structure, a raw, hex or base64 symmetric key, or wrapped key material.
    /// `afterPEMHeader`: the bytes hold a PEM header that began no key. They are then never raw key bytes as they
    /// stand: a 32-byte text `-----BEGIN RSA PRIVATE KEY-----\n` (a label line, or prose naming one) was reported as
    /// an AES 256-bit key (tester, round 34), and random key bytes never spell a PEM header.
    private func readWhole(_ bytes: UnsafeBufferPointer<UInt8>, mode: KeyScanMode, afterPEMHeader: Bool = false) -> Outcome {
        let classification = DERClassifier.classify(bytes)
        do throws(KeyMaterialError) {
            if case let .structure(structure) = classification {
                return Outcome(items: [try decodeDER(bytes, as: structure, index: 0, encoding: .der)])
            }
            if let key = RawKeyRecognizer.textKey(bytes) ?? (afterPEMHeader ? nil : RawKeyRecognizer.rawKey(bytes)) {
                return Outcome(items: [DecodedItem(object: key)])
            }
            if let wrapped = RawKeyRecognizer.wrappedMaterial(bytes) {
                return Outcome(items: [DecodedItem(object: wrapped)])
            }
            if case let .truncated(declared, available) = classification, available >= 16 {
                throw .malformed(block: 0, reason: "truncated DER: header declares \(declared) bytes but only \(available) are present")
            }
            return .failed(.notKeyMaterial)
        } catch {
            return mode == .found ? .failed(.notKeyMaterial) : .failed(error, at: 0)
        }
    }

    // MARK: DER

    func decodeDER(_ der: UnsafeBufferPointer<UInt8>, as structure: DERStructure, index: Int, encoding: KeyEncoding) throws(KeyMaterialError) -> DecodedItem {
        switch structure {
        case .certificate:
            return try decodeCertificate(der, index: index, encoding: encoding, trusted: false)
        case .encryptedPrivateKeyInfo:
            // Recognised from its shape only: never handed to a decoder, never decrypted.
            return DecodedItem(object: KeyObject(index: index, kind: .encryptedPrivateKey, encoding: encoding, container: structure.container))
        case let .subjectPublicKeyInfo(keyType):
            return try decodeKey(der, structure: structure, openSSLStructure: "SubjectPublicKeyInfo", keyType: keyType, publicOnly: true, index: index, encoding: encoding)
        case let .privateKeyInfo(keyType):
            return try decodeKey(der, structure: structure, openSSLStructure: "PrivateKeyInfo", keyType: keyType, publicOnly: false, index: index, encoding: encoding)
        case .rsaPrivateKey:
            return try decodeKey(der, structure: structure, openSSLStructure: "type-specific", keyType: "RSA", publicOnly: false, index: index, encoding: encoding)
        case .rsaPublicKey:
            return try decodeKey(der, structure: structure, openSSLStructure: "type-specific", keyType: "RSA", publicOnly: true, index: index, encoding: encoding)
        case .ecPrivateKey:
            return try decodeKey(der, structure: structure, openSSLStructure: "type-specific", keyType: "EC", publicOnly: false, index: index, encoding: encoding)
        case .dsaPrivateKey:
            return try decodeKey(der, structure: structure, openSSLStructure: "type-specific", keyType: "DSA", publicOnly: false, index: index, encoding: encoding)
        }
    }

    private func decodeKey(_ der: UnsafeBufferPointer<UInt8>, structure: DERStructure, openSSLStructure: String, keyType: String?, publicOnly: Bool, index: Int, encoding: KeyEncoding) throws(KeyMaterialError) -> DecodedItem {
        OpenSSLErrorQueue.clear()
        var key = try decoder(openSSLStructure, keyType, publicOnly).decode(der)
        if key == nil, keyType != nil, structure != .rsaPrivateKey, structure != .rsaPublicKey,
           structure != .ecPrivateKey, structure != .dsaPrivateKey {
            // The OID guess can be wrong (e.g. SM2 under id-ecPublicKey): let OpenSSL try every type.
            key = try decoder(openSSLStructure, nil, publicOnly).decode(der)
        }
        guard let key else {
            throw .malformed(block: index, reason: "cannot decode \(structure.displayName): " + OpenSSLErrorQueue.drain(fallback: "OpenSSL rejected it"))
        }
        OpenSSLErrorQueue.clear()
        let facts = KeyDescriber.facts(of: key.pointer, hasher: hasher)
        let object = KeyObject(
            index: index, kind: publicOnly ? .publicKey : .privateKey, algorithm: facts.algorithm, bits: facts.bits,
            curve: facts.curve, encoding: encoding, container: structure.container, spkiSha256: facts.spkiSha256,
            rsaPublicExponent: facts.rsaPublicExponent)
        return DecodedItem(object: object, key: key)
    }

    func decodeCertificate(_ der: UnsafeBufferPointer<UInt8>, index: Int, encoding: KeyEncoding, trusted: Bool) throws(KeyMaterialError) -> DecodedItem {
        OpenSSLErrorQueue.clear()
        guard let certificate = X509Certificate.parse(der, trusted: trusted) else {
            throw .malformed(block: index, reason: "cannot decode X.509 certificate: " + OpenSSLErrorQueue.drain(fallback: "trailing or missing bytes"))
        }
        let key = certificate.publicKey()
        let facts = key.map { KeyDescriber.facts(of: $0.pointer, hasher: hasher) }
        let object = KeyObject(
            index: index, kind: .certificate, algorithm: facts?.algorithm, bits: facts?.bits, curve: facts?.curve,
            encoding: encoding, container: trusted ? "x509-trusted" : "x509",
            spkiSha256: CertificateReader.spkiSha256(of: certificate.pointer, hasher: hasher),
            rsaPublicExponent: facts?.rsaPublicExponent, certificate: CertificateReader.details(of: certificate.pointer))
        return DecodedItem(object: object, key: key, certificate: certificate)
    }

    /// The cached decoder for a configuration, built on first use.
    private func decoder(_ structure: String, _ keyType: String?, _ publicOnly: Bool) throws(KeyMaterialError) -> DecoderContext {
        let key = DecoderKey(structure: structure, keyType: keyType, publicOnly: publicOnly)
        if let existing = decoders[key] { return existing }
        let created = try DecoderContext(structure: structure, keyType: keyType, selection: publicOnly ? .publicKey : .keyPair)
        decoders[key] = created
        return created
    }
}
