/// A recognised block plus the live OpenSSL objects behind it (for verification and signing).
struct DecodedItem {
    /// The public description.
    var object: KeyObject
    /// The decoded key (for certificates, the subject public key), if any.
    var key: PKey?
    /// The decoded certificate, for certificates.
    var certificate: X509Certificate?
}
