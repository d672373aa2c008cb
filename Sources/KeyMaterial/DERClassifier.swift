/// Tells key structures apart from the top-level DER shape, in pure Swift, before OpenSSL is asked.
///
/// Knowing the structure (and the algorithm OID) up front lets the inspector hand the bytes to a
/// single, narrowly configured OpenSSL decoder instead of letting OpenSSL try every decoder.
enum DERClassifier {
    /// What the bytes look like as DER.
    enum Result: Equatable {
        /// A complete, recognised key structure spanning all the bytes.
        case structure(DERStructure)
        /// A SEQUENCE header announcing more bytes than the input holds.
        case truncated(declared: Int, available: Int)
        /// A complete SEQUENCE that is not a key structure.
        case unrecognisedSequence
        /// Not DER.
        case notDER
    }

    /// Classifies `bytes`, which must be exactly one DER SEQUENCE.
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        guard bytes.count >= 2, bytes[0] == DERElement.sequence else { return .notDER }
        switch DERElement.read(bytes, at: 0, limit: bytes.count) {
        case .invalid:
            return .notDER
        case let .truncated(declared, available):
            return .truncated(declared: declared, available: available)
        case let .element(outer):
            guard outer.contentEnd == bytes.count, let children = outer.children(bytes) else {
                return .unrecognisedSequence
            }
            if let structure = structure(of: children, in: bytes) { return .structure(structure) }
            return .unrecognisedSequence
        }
    }

    private static func structure(of c: [DERElement], in bytes: UnsafeBufferPointer<UInt8>) -> DERStructure? {
        let tags = c.map(\.tag)
        let seq = DERElement.sequence, int = DERElement.integer
        // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
        if tags == [seq, seq, DERElement.bitString] {
            guard let tbs = c[0].children(bytes, maximum: 12), let first = tbs.first,
                first.tag == 0xA0 || first.tag == int
            else { return nil }
            // A certificate signing request (PKCS #10, RFC 2986 §4) has the same outer shape, but its info is
            // { version, subject, subjectPKInfo, [0] attributes }, where a certificate's holds at least six fields
            // (RFC 5280 §4.1): not key material, as its PEM form is not (a DER CSR was a "malformed certificate"
            // error, exit 2: smallstep/crypto's test data, tester round 31).
            if tbs.map(\.tag) == [int, seq, seq, 0xA0] { return nil }
            return .certificate
        }
        // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
        if tags == [seq, DERElement.bitString] {
            guard let oid = algorithmOID(c[0], bytes) else { return nil }
            return .subjectPublicKeyInfo(keyType: keyType(forOID: oid))
        }
        // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }
        if tags == [seq, DERElement.octetString] {
            guard let oid = algorithmOID(c[0], bytes), isPasswordBasedEncryption(oid) else { return nil }
            return .encryptedPrivateKeyInfo
        }
        // PrivateKeyInfo ::= SEQUENCE { version, privateKeyAlgorithm, privateKey OCTET STRING, … }
        if c.count >= 3, c.count <= 5, tags[0] == int, tags[1] == seq, tags[2] == DERElement.octetString {
            guard let version = c[0].smallInteger(bytes), version <= 1, let oid = algorithmOID(c[1], bytes) else {
                return nil
            }
            return .privateKeyInfo(keyType: keyType(forOID: oid))
        }
        let allIntegers = tags.allSatisfy { $0 == int }
        // RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dP, dQ, qInv [, otherPrimeInfos] }
        if c.count >= 9, tags[..<9].allSatisfy({ $0 == int }), let version = c[0].smallInteger(bytes), version <= 1 {
            return .rsaPrivateKey
        }
        // RSAPublicKey ::= SEQUENCE { n, e }; size limits keep ECDSA/DSA signatures (r, s) out.
        if c.count == 2, allIntegers, c[0].contentLength >= 64, c[1].contentLength <= 32 {
            // An RSA public exponent is odd and at least 3 (RFC 8017 §3.1). DH parameters (PKCS #3:
            // SEQUENCE { prime, base }) have this shape with a base of 2 most often: judged as an RSA key with
            // exponent 2, they drew a false MMC-KM-006 (tester round 31). They are not key material.
            if let exponent = c[1].smallInteger(bytes), exponent < 3 || exponent % 2 == 0 { return nil }
            return .rsaPublicKey
        }
        // ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters, [1] publicKey }
        if c.count >= 2, c.count <= 4, tags[0] == int, tags[1] == DERElement.octetString,
            c[0].smallInteger(bytes) == 1, tags.dropFirst(2).allSatisfy({ $0 == 0xA0 || $0 == 0xA1 })
        {
            return .ecPrivateKey
        }
        // DSAPrivateKey ::= SEQUENCE { version 0, p, q, g, pub_key, priv_key }
        if c.count == 6, allIntegers, c[0].smallInteger(bytes) == 0 {
            return .dsaPrivateKey
        }
        return nil
    }

    /// The OID that starts an AlgorithmIdentifier SEQUENCE.
    private static func algorithmOID(_ algorithm: DERElement, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard algorithm.tag == DERElement.sequence, let parts = algorithm.children(bytes, maximum: 4),
            let first = parts.first
        else { return nil }
        return first.objectIdentifier(bytes)
    }

    /// OpenSSL's key type name for an algorithm OID, or nil to let OpenSSL try every type.
    static func keyType(forOID oid: String) -> String? {
        switch oid {
        case "1.2.840.113549.1.1.1": "RSA"
        case "1.2.840.113549.1.1.10": "RSA-PSS"
        case "1.2.840.10045.2.1": "EC"
        case "1.3.101.110": "X25519"
        case "1.3.101.111": "X448"
        case "1.3.101.112": "ED25519"
        case "1.3.101.113": "ED448"
        case "1.2.840.10040.4.1": "DSA"
        case "1.2.840.113549.1.3.1": "DH"
        case "1.2.840.10046.2.1": "DHX"
        default: nil
        }
    }

    /// PKCS#5 (PBES1/PBES2) and PKCS#12 password-based encryption OIDs.
    static func isPasswordBasedEncryption(_ oid: String) -> Bool {
        oid.hasPrefix("1.2.840.113549.1.5.") || oid.hasPrefix("1.2.840.113549.1.12.1.")
    }
}
