import Foundation
internal import COpenSSL

/// Reads `CertificateDetails` from an `X509`.
enum CertificateReader {
    /// The public details of `certificate`.
    static func details(of certificate: OpaquePointer) -> CertificateDetails {
        defer { OpenSSLErrorQueue.clear() }
        let isCA = X509_get_extension_flags(certificate) & UInt32(EXFLAG_CA) != 0
        return CertificateDetails(
            subject: name(X509_get_subject_name(certificate)),
            issuer: name(X509_get_issuer_name(certificate)),
            serial: serial(of: certificate),
            notBefore: date(X509_get0_notBefore(certificate)),
            notAfter: date(X509_get0_notAfter(certificate)),
            signatureAlgorithm: signatureAlgorithm(of: certificate),
            isCA: isCA,
            selfSigned: X509_self_signed(certificate, 1) == 1,
            keyCertSign: keyCertSign(certificate),
            hasSubjectAltName: X509_get_ext_by_NID(certificate, NID_subject_alt_name, -1) >= 0,
            tlsAuthentication: tlsAuthentication(certificate)
        )
    }

    /// keyUsage present and asserting keyCertSign (`X509_get_key_usage` is `UINT32_MAX` when keyUsage is absent).
    private static func keyCertSign(_ certificate: OpaquePointer) -> Bool {
        guard X509_get_extension_flags(certificate) & UInt32(EXFLAG_KUSAGE) != 0 else { return false }
        return X509_get_key_usage(certificate) & UInt32(KU_KEY_CERT_SIGN) != 0
    }

    /// extendedKeyUsage present and permitting serverAuth or clientAuth (anyExtendedKeyUsage permits both).
    private static func tlsAuthentication(_ certificate: OpaquePointer) -> Bool {
        guard X509_get_extension_flags(certificate) & UInt32(EXFLAG_XKUSAGE) != 0 else { return false }
        let usage = X509_get_extended_key_usage(certificate)
        return usage & UInt32(XKU_SSL_SERVER | XKU_SSL_CLIENT | XKU_ANYEKU) != 0
    }

    /// SHA-256 of the certificate's SubjectPublicKeyInfo exactly as encoded.
    static func spkiSha256(of certificate: OpaquePointer, hasher: SHA256Hasher) -> String? {
        guard let publicKey = X509_get_X509_PUBKEY(certificate) else { return nil }
        var der: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509_PUBKEY(publicKey, &der)
        guard length > 0, let der else { return nil }
        defer { pc_openssl_free(der) }
        return hasher.hex(UnsafeRawBufferPointer(start: der, count: Int(length)))
    }

    private static func name(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        guard X509_NAME_print_ex(bio, name, 0, pc_xn_flag_rfc2253_utf8()) >= 0 else { return "" }
        var data: UnsafeMutablePointer<CChar>?
        let length = pc_bio_get_mem_data(bio, &data)
        guard length > 0, let data else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    private static func serial(of certificate: OpaquePointer) -> String {
        guard let integer = X509_get0_serialNumber(certificate), let number = ASN1_INTEGER_to_BN(integer, nil) else {
            return ""
        }
        defer { BN_free(number) }
        guard let hex = BN_bn2hex(number) else { return "" }
        defer { pc_openssl_free(hex) }
        return String(cString: hex).lowercased()
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return Date(timeIntervalSince1970: 0) }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static func signatureAlgorithm(of certificate: OpaquePointer) -> String {
        var algorithm: UnsafePointer<X509_ALGOR>?
        X509_get0_signature(nil, &algorithm, certificate)
        var object: OpaquePointer?
        guard let algorithm else { return "" }
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        guard let object else { return "" }
        var buffer = [CChar](repeating: 0, count: 128)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 0)
        guard length > 0 else { return "" }
        return String(decoding: buffer.prefix(min(Int(length), buffer.count - 1)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
