import KeyMaterial
import PolicyCheckModel

/// One key object as JSON, the one writer for every output that lists key objects: `keys inspect --format json`
/// and the evidence bundle's key inventory. Types, sizes and fingerprints only: never key bytes.
package enum KeyObjectJSON {
    package enum Layout {
        /// `keys inspect`: the file, the encoding, the RSA exponent and certificate fields (null when not a
        /// certificate, so the shape is fixed).
        case inventory(file: String)
        /// The evidence bundle: below its file's entry, identity and fingerprint only.
        case evidence
    }

    package static func write(_ object: KeyObject, into json: inout JSONWriter, layout: Layout) {
        json.beginObject()
        if case .inventory(let file) = layout { json.field("file", file) }
        json.field("index", object.index)
        json.field("kind", object.kind.rawValue)
        json.field("algorithm", object.algorithm?.rawValue)
        json.key("bits")
        if let bits = object.bits { json.int(bits) } else { json.null() }
        json.field("curve", object.curve)
        if case .inventory = layout { json.field("encoding", object.encoding.rawValue) }
        json.field("container", object.container)
        json.field("spkiSha256", object.spkiSha256)
        if case .inventory = layout { writeCertificate(of: object, into: &json) }
        json.endObject()
    }

    private static func writeCertificate(of object: KeyObject, into json: inout JSONWriter) {
        json.field("rsaPublicExponent", object.rsaPublicExponent)
        let certificate = object.certificate
        json.field("subject", certificate?.subject)
        json.field("issuer", certificate?.issuer)
        json.field("serial", certificate?.serial)
        json.field("notBefore", certificate.map { Timestamp(secondsSinceEpoch: Int64($0.notBefore.timeIntervalSince1970)).description })
        json.field("notAfter", certificate.map { Timestamp(secondsSinceEpoch: Int64($0.notAfter.timeIntervalSince1970)).description })
        json.field("signatureAlgorithm", certificate?.signatureAlgorithm)
        json.key("isCA")
        if let certificate { json.bool(certificate.isCA) } else { json.null() }
        json.key("selfSigned")
        if let certificate { json.bool(certificate.selfSigned) } else { json.null() }
    }
}
