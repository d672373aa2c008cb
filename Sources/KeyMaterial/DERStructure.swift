/// The key-bearing ASN.1 structures this module recognises, told apart by shape alone.
enum DERStructure: Equatable {
    /// X.509 Certificate.
    case certificate
    /// SubjectPublicKeyInfo; `keyType` is OpenSSL's key type name for the algorithm OID, if known.
    case subjectPublicKeyInfo(keyType: String?)
    /// PKCS#8 PrivateKeyInfo / OneAsymmetricKey.
    case privateKeyInfo(keyType: String?)
    /// PKCS#8 EncryptedPrivateKeyInfo with a PBES1/PBES2/PKCS#12 PBE algorithm.
    case encryptedPrivateKeyInfo
    /// PKCS#1 RSAPrivateKey.
    case rsaPrivateKey
    /// PKCS#1 RSAPublicKey.
    case rsaPublicKey
    /// SEC1 ECPrivateKey.
    case ecPrivateKey
    /// OpenSSL's traditional DSAPrivateKey (six INTEGERs).
    case dsaPrivateKey

    /// Whether it is an unencrypted private key.
    var isPrivateKey: Bool {
        switch self {
        case .privateKeyInfo, .rsaPrivateKey, .ecPrivateKey, .dsaPrivateKey: true
        default: false
        }
    }

    /// The `KeyObject.container` name for this structure.
    var container: String {
        switch self {
        case .certificate: "x509"
        case .subjectPublicKeyInfo: "spki"
        case .privateKeyInfo: "pkcs8"
        case .encryptedPrivateKeyInfo: "pkcs8-encrypted"
        case .rsaPrivateKey, .rsaPublicKey: "pkcs1"
        case .ecPrivateKey: "sec1"
        case .dsaPrivateKey: "dsa-traditional"
        }
    }

    /// Human wording used in error messages.
    var displayName: String {
        switch self {
        case .certificate: "X.509 certificate"
        case .subjectPublicKeyInfo: "SubjectPublicKeyInfo public key"
        case .privateKeyInfo: "PKCS#8 private key"
        case .encryptedPrivateKeyInfo: "encrypted PKCS#8 private key"
        case .rsaPrivateKey: "PKCS#1 RSA private key"
        case .rsaPublicKey: "PKCS#1 RSA public key"
        case .ecPrivateKey: "SEC1 EC private key"
        case .dsaPrivateKey: "traditional DSA private key"
        }
    }

    /// Whether the same structure kind, ignoring the key type.
    func sameShape(as other: DERStructure) -> Bool {
        switch (self, other) {
        case (.subjectPublicKeyInfo, .subjectPublicKeyInfo), (.privateKeyInfo, .privateKeyInfo): true
        default: self == other
        }
    }
}
