import Foundation

/// PEM blocks: which are keys, which are errors, and which are headers that merely appear in other text or data.
extension InspectorEngine {
    /// Every PEM block in `bytes`. A block that does not decode is an error when `mode` says so for it, and is
    /// otherwise ignored and explained; `.notKeyMaterial` when no block held a key.
    func readPEM(_ bytes: UnsafeBufferPointer<UInt8>, mode: KeyScanMode) -> Outcome {
        // Binary data (a NUL byte) is not PEM text: a header there is never an error, though a sound block is read.
        let binary = mode != .strict && memchr(bytes.baseAddress!, 0, bytes.count) != nil
        var outcome = Outcome()
        for (index, block) in PEMScanner.blocks(bytes).enumerated() {
            var failureOffset = block.beginOffset
            do throws(KeyMaterialError) {
                outcome.items += try decode(block, index: index, in: bytes, failureOffset: &failureOffset)
            } catch {
                if mode == .strict || (mode == .keyFile && !binary && block.startsLine) {
                    outcome.failure = error
                    outcome.failureOffset = failureOffset
                    return outcome
                }
                var reason = if case let .malformed(_, text) = error { text } else { error.description }
                if binary { reason += " (in binary data)" } else if !block.startsLine { reason += " (the header is inside a line)" }
                outcome.ignored.append(IgnoredPEMHeader(offset: block.beginOffset, label: block.label, reason: reason))
            }
        }
        if outcome.items.isEmpty { outcome.failure = .notKeyMaterial }
        return outcome
    }

    /// The keys in one block: none for labels that carry no key (parameters, CSRs, CRLs, …). Base64 is decoded in
    /// Swift (no BIO, no PEM_read_bio_*): the scanner already has the block offsets, and the label tells the
    /// structure, so OpenSSL only sees the final DER. `failureOffset` is moved to the first byte that is not base64.
    private func decode(_ block: PEMBlock, index: Int, in bytes: UnsafeBufferPointer<UInt8>,
                        failureOffset: inout Int) throws(KeyMaterialError) -> [DecodedItem] {
        if let framingError = block.framingError { throw .malformed(block: index, reason: framingError) }
        let isOpenSSH = block.label == OpenSSHPrivateKey.pemLabel
        let expected = PEMLabel(block.label)
        let body = UnsafeBufferPointer(rebasing: bytes[block.bodyStart..<block.bodyEnd])
        if OpenPGPSecretKey.armourLabels.contains(block.label) { return try decodeOpenPGP(body, label: block.label, index: index) }
        guard isOpenSSH || expected != nil else {
            // A label that promises no key (`EC PARAMETERS`, `SM2 PRIVATE KEY`, one made up): OpenSSL 3.0's decoders
            // still read a private key's body under it, so a private key structure there is read as what it is.
            guard !block.hasEncryptedHeader, let der = Base64.decode(body), case let .structure(found) = der.withUnsafeBufferPointer({ DERClassifier.classify($0) }),
                  found.isPrivateKey else { return [] }
            return [try der.withUnsafeBufferPointer { (der) throws(KeyMaterialError) in
                try decodeDER(der, as: found, index: index, encoding: .pem)
            }]
        }
        guard let der = Base64.decode(body) else {
            failureOffset = Base64.firstInvalidByte(body).map { block.bodyStart + $0 } ?? block.beginOffset
            throw .malformed(block: index, reason: "PEM block '\(block.label)' body is not valid base64")
        }
        guard !der.isEmpty else { throw .malformed(block: index, reason: "PEM block '\(block.label)' is empty") }
        guard let expected else { return try decodeOpenSSH(der, index: index) }
        if block.hasEncryptedHeader {
            // Legacy encrypted PEM: the body is ciphertext, only checked to be base64.
            return [DecodedItem(object: KeyObject(
                index: index, kind: .encryptedPrivateKey, algorithm: expected.legacyAlgorithm, encoding: .pem,
                container: expected.structure.map { "\($0.container)-encrypted" } ?? "pem-encrypted"))]
        }
        return [try der.withUnsafeBufferPointer { (der) throws(KeyMaterialError) in
            try decodePEMBody(der, label: expected, index: index)
        }]
    }

    private func decodePEMBody(_ der: UnsafeBufferPointer<UInt8>, label: PEMLabel, index: Int) throws(KeyMaterialError) -> DecodedItem {
        guard var structure = label.structure else {  // TRUSTED CERTIFICATE: X509 followed by aux data
            return try decodeCertificate(der, index: index, encoding: .pem, trusted: true)
        }
        switch DERClassifier.classify(der) {
        case let .structure(found) where found.sameShape(as: structure):
            structure = found
        case let .structure(found) where found.isPrivateKey:
            // A private key under another key's label (`PUBLIC KEY`, `EC PRIVATE KEY` over PKCS #8): OpenSSL reads
            // it as the private key it is, and so is it read here.
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
}
