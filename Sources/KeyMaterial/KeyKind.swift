/// What a recognised block of key material is.
public enum KeyKind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// An unencrypted private key (PKCS#8, PKCS#1, SEC1, traditional DSA).
    case privateKey = "private-key"
    /// A public key (SubjectPublicKeyInfo or PKCS#1 RSAPublicKey).
    case publicKey = "public-key"
    /// An X.509 certificate.
    case certificate = "certificate"
    /// A password-protected private key; recognised but never decrypted.
    case encryptedPrivateKey = "encrypted-private-key"
    /// Raw symmetric key bytes (AES-128/192/256 sized).
    case symmetricKey = "symmetric-key"
    /// An opaque blob whose size matches RSA-wrapped key material.
    case wrappedKeyMaterial = "wrapped-key-material"
}
