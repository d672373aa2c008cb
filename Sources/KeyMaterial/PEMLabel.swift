/// What a PEM label promises about the block's body.
struct PEMLabel {
    /// The structure the body must hold; nil for `TRUSTED CERTIFICATE` (certificate plus trust data).
    var structure: DERStructure?
    /// For legacy `Proc-Type: 4,ENCRYPTED` blocks, the algorithm the label names.
    var legacyAlgorithm: KeyAlgorithm?

    /// The expectation for a key-bearing label; nil for labels that carry no key (parameters, CSRs, CRLs, …).
    init?(_ label: String) {
        switch label {
        case "PRIVATE KEY": structure = .privateKeyInfo(keyType: nil)
        case "ENCRYPTED PRIVATE KEY": structure = .encryptedPrivateKeyInfo
        case "RSA PRIVATE KEY": structure = .rsaPrivateKey; legacyAlgorithm = .rsa
        case "EC PRIVATE KEY": structure = .ecPrivateKey; legacyAlgorithm = .ec
        case "DSA PRIVATE KEY": structure = .dsaPrivateKey; legacyAlgorithm = .dsa
        case "PUBLIC KEY": structure = .subjectPublicKeyInfo(keyType: nil)
        case "RSA PUBLIC KEY": structure = .rsaPublicKey
        case "CERTIFICATE", "X509 CERTIFICATE": structure = .certificate
        case "TRUSTED CERTIFICATE": structure = nil
        default: return nil
        }
    }
}
