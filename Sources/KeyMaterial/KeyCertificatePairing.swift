/// Which certificate in a bundle carries a private key's public key.
public struct KeyCertificatePairing: Sendable, Equatable, Hashable {
    /// Block index of the private key.
    public var privateKeyIndex: Int
    /// Block index of the first certificate whose public key equals the private key's, or nil if none does.
    public var certificateIndex: Int?

    /// Creates a pairing record.
    public init(privateKeyIndex: Int, certificateIndex: Int?) {
        self.privateKeyIndex = privateKeyIndex
        self.certificateIndex = certificateIndex
    }
}
