/// The primary key of an OpenPGP transferable secret key in ASCII armour (`-----BEGIN PGP PRIVATE KEY BLOCK-----`,
/// as `gpg --export-secret-keys --armor` writes it): its algorithm, its public values and whether its secret part is
/// protected by a passphrase. Only the public values are kept; the secret part is never read.
///
/// RFC 9580 (OpenPGP): §6 armour and its CRC-24 line, §4.2 packet headers (both formats), §5.5.2 public key packets
/// (versions 3, 4 and 6; version 5 is LibrePGP's, laid out as 6), §5.5.3 the S2K usage octet — 0 says the secret
/// key material follows in the clear — and §5.5.5 the algorithm-specific public fields (multiprecision integers of
/// §3.2, curve OIDs of §9.2).
struct OpenPGPSecretKey {
    /// The armour labels a secret key may come under: GnuPG's, PGP 2's, and a public key block that holds secret
    /// packets (which GnuPG imports as such).
    static let armourLabels: Set<String> = ["PGP PRIVATE KEY BLOCK", "PGP SECRET KEY BLOCK", "PGP PUBLIC KEY BLOCK"]

    enum PublicValues {
        case rsa(modulus: ArraySlice<UInt8>, exponent: ArraySlice<UInt8>)
        case dsa(p: ArraySlice<UInt8>, q: ArraySlice<UInt8>, g: ArraySlice<UInt8>, y: ArraySlice<UInt8>)
        /// ECDSA on a NIST curve (OpenSSL's group name) with its uncompressed point.
        case ec(group: String, point: ArraySlice<UInt8>)
        case ed25519(ArraySlice<UInt8>)
        /// An algorithm described by family and size only (Elgamal, X25519, X448, Ed448, other curves).
        case other(algorithm: KeyAlgorithm?, bits: Int?, curve: String?)
    }

    let values: PublicValues
    let isEncrypted: Bool

    /// Reads the armoured body (after the BEGIN line's headers, before the END line): base64 lines, then an
    /// optional `=XXXX` checksum line.
    init(armouredBody body: UnsafeBufferPointer<UInt8>) throws(SSHWireError) {
        var text: [UInt8] = []
        for line in body.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
            // The CRC-24 line ends the data.
            if trimmed.first == UInt8(ascii: "=") { break }
            text += trimmed
            text.append(0x0A)
        }
        let decoded = text.withUnsafeBufferPointer { Base64.decode($0) }
        guard let packets = decoded, !packets.isEmpty else { throw SSHWireError("armour is not valid base64") }
        // Every secret key and subkey packet (tags 5 and 7), whatever comes before them (a marker packet, public
        // keys): an export of subkeys alone (`--export-secret-subkeys`) has a primary key without its secret (a GnuPG
        // stub) and subkeys in the clear. The first packet in the clear is the one reported, else the first.
        var reader = OpenPGPReader(packets[...])
        var keys: [OpenPGPSecretKey] = []
        while !reader.isAtEnd {
            let (tag, packet) = try reader.packet()
            if tag == 5 || tag == 7 { keys.append(try OpenPGPSecretKey(packet: packet)) }
        }
        guard let chosen = keys.first(where: { !$0.isEncrypted }) ?? keys.first else {
            throw SSHWireError("no secret key packet")
        }
        self = chosen
    }

    private init(packet: ArraySlice<UInt8>) throws(SSHWireError) {
        var reader = OpenPGPReader(packet)
        let version = try reader.byte("key version")
        _ = try reader.bytes(4, "creation time")
        if version == 3 { _ = try reader.bytes(2, "validity period") }
        guard (3...6).contains(version) else { throw SSHWireError("key version \(version) is not 3 to 6") }
        let algorithm = try reader.byte("public key algorithm")
        if version >= 5 { _ = try reader.bytes(4, "public key material length") }
        values = try Self.publicValues(algorithm, &reader)
        // The S2K usage octet: 0, the secret key material in the clear; anything else, protected.
        isEncrypted = try reader.byte("S2K usage") != 0
    }

    private static func publicValues(_ algorithm: UInt8, _ reader: inout OpenPGPReader) throws(SSHWireError) -> PublicValues {
        switch algorithm {
        case 1, 2, 3:
            let modulus = try reader.mpi("RSA modulus")
            return .rsa(modulus: modulus, exponent: try reader.mpi("RSA exponent"))
        case 17:
            return .dsa(p: try reader.mpi("DSA p"), q: try reader.mpi("DSA q"), g: try reader.mpi("DSA g"),
                        y: try reader.mpi("DSA y"))
        case 16, 20:
            let prime = try reader.mpi("Elgamal p")
            _ = try reader.mpi("Elgamal g")
            _ = try reader.mpi("Elgamal y")
            return .other(algorithm: nil, bits: OpenPGPReader.bitCount(prime), curve: nil)
        case 19:
            let curve = try reader.oid()
            let point = try reader.mpi("ECDSA point")
            guard let group = nistGroups[Array(curve)] else { return .other(algorithm: .ec, bits: nil, curve: nil) }
            return .ec(group: group, point: point)
        case 22:
            let curve = try reader.oid()
            let point = try reader.mpi("EdDSA point")
            // Ed25519 in its legacy form: the point is 0x40 and the 32-byte key.
            guard Array(curve) == ed25519Legacy, point.count == 33, point.first == 0x40 else {
                return .other(algorithm: .ed448, bits: nil, curve: nil)
            }
            return .ed25519(point.dropFirst())
        case 18:
            let curve = try reader.oid()
            _ = try reader.mpi("ECDH point")
            _ = try reader.bytes(Int(try reader.byte("KDF parameters length")), "KDF parameters")
            if Array(curve) == curve25519 { return .other(algorithm: .x25519, bits: 253, curve: nil) }
            return .other(algorithm: .ec, bits: nil, curve: nistGroups[Array(curve)])
        case 25:
            _ = try reader.bytes(32, "X25519 public key")
            return .other(algorithm: .x25519, bits: 253, curve: nil)
        case 26:
            _ = try reader.bytes(56, "X448 public key")
            return .other(algorithm: .x448, bits: 448, curve: nil)
        case 27:
            return .ed25519(try reader.bytes(32, "Ed25519 public key"))
        case 28:
            _ = try reader.bytes(57, "Ed448 public key")
            return .other(algorithm: .ed448, bits: 456, curve: nil)
        default:
            throw SSHWireError("public key algorithm \(algorithm) is not one OpenPGP defines")
        }
    }

    /// OIDs (DER content bytes) of the NIST curves, by OpenSSL's group name (RFC 9580 §9.2).
    private static let nistGroups: [[UInt8]: String] = [
        [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]: "P-256",
        [0x2B, 0x81, 0x04, 0x00, 0x22]: "P-384",
        [0x2B, 0x81, 0x04, 0x00, 0x23]: "P-521",
    ]
    private static let ed25519Legacy: [UInt8] = [0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x0F, 0x01]
    private static let curve25519: [UInt8] = [0x2B, 0x06, 0x01, 0x04, 0x01, 0x97, 0x55, 0x01, 0x05, 0x01]
}

/// Reads OpenPGP packets and their fields; errors name a field, never its bytes.
struct OpenPGPReader {
    private var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        rest = bytes
    }

    var isAtEnd: Bool { rest.isEmpty }

    mutating func byte(_ field: String) throws(SSHWireError) -> UInt8 {
        guard let first = rest.first else { throw SSHWireError("\(field) is missing") }
        rest = rest.dropFirst()
        return first
    }

    mutating func bytes(_ count: Int, _ field: String) throws(SSHWireError) -> ArraySlice<UInt8> {
        guard count >= 0, rest.count >= count else { throw SSHWireError("\(field) is truncated") }
        let value = rest.prefix(count)
        rest = rest.dropFirst(count)
        return value
    }

    /// A multiprecision integer: a two-byte bit count and the bytes it needs (RFC 9580 §3.2).
    mutating func mpi(_ field: String) throws(SSHWireError) -> ArraySlice<UInt8> {
        let high = Int(try byte(field)), low = Int(try byte(field))
        var value = try bytes(((high << 8 | low) + 7) / 8, field)
        while value.first == 0 { value = value.dropFirst() }
        return value
    }

    /// A curve OID: a length byte and the OID's DER content (RFC 9580 §5.5.5.4).
    mutating func oid() throws(SSHWireError) -> ArraySlice<UInt8> {
        let length = Int(try byte("curve OID length"))
        guard length > 0, length < 0xFF else { throw SSHWireError("curve OID length \(length) is reserved") }
        return try bytes(length, "curve OID")
    }

    /// The next packet: its tag and body (RFC 9580 §4.2; partial lengths, which no key packet may use, are refused).
    mutating func packet() throws(SSHWireError) -> (tag: UInt8, body: ArraySlice<UInt8>) {
        let header = try byte("packet header")
        guard header & 0x80 != 0 else { throw SSHWireError("packet header bit 7 is not set") }
        let length: Int
        let tag: UInt8
        if header & 0x40 != 0 {
            tag = header & 0x3F
            let first = Int(try byte("packet length"))
            switch first {
            case 0..<192: length = first
            case 192..<224: length = (first - 192) << 8 + Int(try byte("packet length")) + 192
            case 255: length = try bytes(4, "packet length").reduce(0) { $0 << 8 | Int($1) }
            default: throw SSHWireError("a key packet has a partial length")
            }
        } else {
            tag = header >> 2 & 0x0F
            switch header & 0x03 {
            case 0: length = Int(try byte("packet length"))
            case 1: length = try bytes(2, "packet length").reduce(0) { $0 << 8 | Int($1) }
            case 2: length = try bytes(4, "packet length").reduce(0) { $0 << 8 | Int($1) }
            default: length = rest.count
            }
        }
        return (tag, try bytes(length, "packet body"))
    }

    /// The bit length of a big-endian unsigned integer.
    static func bitCount(_ value: ArraySlice<UInt8>) -> Int? {
        guard let first = value.first else { return nil }
        return (value.count - 1) * 8 + (8 - first.leadingZeroBitCount)
    }
}
