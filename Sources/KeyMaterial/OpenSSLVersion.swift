internal import COpenSSL

/// The OpenSSL library this process runs against.
public enum OpenSSLVersion {
    /// `OpenSSL_version(OPENSSL_VERSION)`, e.g. `OpenSSL 3.0.19 27 Jan 2026`.
    public static var text: String {
        String(cString: OpenSSL_version(OPENSSL_VERSION))
    }
}
