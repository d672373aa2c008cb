internal import COpenSSL

/// A bundle's certificates by public-key identity, so that pairing a private key with its certificate looks up
/// candidates instead of comparing the key with every certificate (1,000 keys × 1,000 certificates were a million
/// `EVP_PKEY_eq` calls).
///
/// The answer is the one a scan in bundle order gives: `EVP_PKEY_eq` still decides, and a certificate whose key has
/// no identity is a candidate for every key, tried where it stands in the bundle.
struct CertificateKeyIndex {
    private let certificates: [DecodedItem]
    /// Positions in `certificates`, ascending, of the certificates with each identity.
    private var positionsByIdentity: [String: [Int]] = [:]
    /// Positions, ascending, of the certificates whose key has no identity.
    private var unidentified: [Int] = []

    /// Indexes `certificates` (each with a key), keeping their order.
    init(_ certificates: [DecodedItem]) {
        self.certificates = certificates
        for (position, certificate) in certificates.enumerated() {
            if let identity = certificate.key.flatMap({ PublicKeyIdentity.of($0.pointer) }) {
                positionsByIdentity[identity, default: []].append(position)
            } else {
                unidentified.append(position)
            }
        }
    }

    /// The first certificate, in bundle order, whose public key `EVP_PKEY_eq` finds equal to `key`.
    func firstCertificate(carrying key: PKey) -> DecodedItem? {
        guard let identity = PublicKeyIdentity.of(key.pointer) else {
            return certificates.first { Self.carries($0, key) }
        }
        let identified = positionsByIdentity[identity]?.first { Self.carries(certificates[$0], key) }
        let end = identified ?? certificates.count
        let earlier = unidentified.lazy.prefix { $0 < end }.first { Self.carries(certificates[$0], key) }
        return (earlier ?? identified).map { certificates[$0] }
    }

    /// Whether `certificate`'s public key is `key`'s (OpenSSL's comparison, certificate first as it always was).
    static func carries(_ certificate: DecodedItem, _ key: PKey) -> Bool {
        guard let certificateKey = certificate.key else { return false }
        return EVP_PKEY_eq(certificateKey.pointer, key.pointer) == 1
    }
}
