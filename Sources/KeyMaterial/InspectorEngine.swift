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

    /// Recognises every block in `bytes`; throws `.notKeyMaterial` when nothing is key material.
    func decodeAll(_ bytes: [UInt8]) throws(KeyMaterialError) -> [DecodedItem] {
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        let result: Result<[DecodedItem], KeyMaterialError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(KeyMaterialError) {
                return .success(try decodeAll(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func decodeAll(_ bytes: UnsafeBufferPointer<UInt8>) throws(KeyMaterialError) -> [DecodedItem] {
        guard !bytes.isEmpty else { throw .notKeyMaterial }
        if PEMScanner.containsPEM(bytes) {
            let items = try decodePEM(bytes)
            guard !items.isEmpty else { throw .notKeyMaterial }
            return items
        }
        let classification = DERClassifier.classify(bytes)
        if case let .structure(structure) = classification {
            return [try decodeDER(bytes, as: structure, index: 0, encoding: .der)]
        }
        if let key = RawKeyRecognizer.textKey(bytes) ?? RawKeyRecognizer.rawKey(bytes) {
            return [DecodedItem(object: key)]
        }
        if let wrapped = RawKeyRecognizer.wrappedMaterial(bytes) {
            return [DecodedItem(object: wrapped)]
        }
        if case let .truncated(declared, available) = classification, available >= 16 {
            throw .malformed(block: 0, reason: "truncated DER: header declares \(declared) bytes but only \(available) are present")
        }
        throw .notKeyMaterial
    }

    // MARK: PEM

    /// Base64 is decoded in Swift (no BIO, no PEM_read_bio_*): the scanner already has the block
    /// offsets, and the label tells us the structure, so OpenSSL only sees the final DER.
    private func decodePEM(_ bytes: UnsafeBufferPointer<UInt8>) throws(KeyMaterialError) -> [DecodedItem] {
        var items: [DecodedItem] = []
        for (index, block) in PEMScanner.blocks(bytes).enumerated() {
            if let framingError = block.framingError { throw .malformed(block: index, reason: framingError) }
            guard let expected = PEMLabel(block.label) else { continue }  // parameters, CSRs, CRLs, …
            let body = UnsafeBufferPointer(rebasing: bytes[block.bodyStart..<block.bodyEnd])
            if block.hasEncryptedHeader {
                // Legacy encrypted PEM: the body is ciphertext; only check it is well-formed base64.
                guard let ciphertext = Base64.decode(body), !ciphertext.isEmpty else {
                    throw .malformed(block: index, reason: "PEM block '\(block.label)' body is not valid base64")
                }
                items.append(DecodedItem(object: KeyObject(
                    index: index, kind: .encryptedPrivateKey, algorithm: expected.legacyAlgorithm, encoding: .pem,
                    container: expected.structure.map { "\($0.container)-encrypted" } ?? "pem-encrypted")))
                continue
            }
            guard let der = Base64.decode(body) else {
                throw .malformed(block: index, reason: "PEM block '\(block.label)' body is not valid base64")
            }
            guard !der.isEmpty else { throw .malformed(block: index, reason: "PEM block '\(block.label)' is empty") }
            let item: DecodedItem = try der.withUnsafeBufferPointer { (der) throws(KeyMaterialError) in
                try decodePEMBody(der, label: expected, index: index)
            }
            items.append(item)
        }
        return items
    }

    private func decodePEMBody(_ der: UnsafeBufferPointer<UInt8>, label: PEMLabel, index: Int) throws(KeyMaterialError) -> DecodedItem {
        guard var structure = label.structure else {  // TRUSTED CERTIFICATE: X509 followed by aux data
            return try decodeCertificate(der, index: index, encoding: .pem, trusted: true)
        }
        switch DERClassifier.classify(der) {
        case let .structure(found) where found.sameShape(as: structure):
            structure = found
        case let .truncated(declared, available):
            throw .malformed(block: index, reason: "truncated DER in PEM body: declares \(declared) bytes but only \(available) are present")
        default:
            // Encrypted keys are never handed to OpenSSL, so their shape is the only check.
            if structure == .encryptedPrivateKeyInfo {
                throw .malformed(block: index, reason: "PEM body is not a PKCS#8 EncryptedPrivateKeyInfo")
            }
            // Otherwise let OpenSSL decide and report why.
        }
        return try decodeDER(der, as: structure, index: index, encoding: .pem)
    }

    // MARK: DER

    private func decodeDER(_ der: UnsafeBufferPointer<UInt8>, as structure: DERStructure, index: Int, encoding: KeyEncoding) throws(KeyMaterialError) -> DecodedItem {
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

    private func decodeCertificate(_ der: UnsafeBufferPointer<UInt8>, index: Int, encoding: KeyEncoding, trusted: Bool) throws(KeyMaterialError) -> DecodedItem {
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
