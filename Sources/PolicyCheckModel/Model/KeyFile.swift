import KeyMaterial

/// A file of key material as inspected through OpenSSL: only types, sizes and fingerprints, never its bytes.
public struct KeyFile: Sendable {
    /// The file as the user should read it.
    public var path: String
    /// Where findings about the file point: the file itself, or the manifest field that references it.
    public var origin: Origin
    public var role: KeyFileRole
    /// Size in bytes.
    public var size: Int
    public var objects: [KeyObject]
    /// OpenSSL's consistency checks, when the file was verified (`keys verify`).
    public var verification: KeyVerificationReport?
    /// Why the file could not be read as key material (not key material, malformed, unreadable).
    public var problem: String?
    /// Where each PEM block begins in the file's own bytes, by `KeyObject.index`, when the objects were read from
    /// them (a key file in the tree or named to `check`); findings about one block of a file of several point there.
    /// `nil` when the objects came from elsewhere (a manifest's value, text rewritten from a program's string).
    public var blockOffsets: [Int]?

    public init(path: String, origin: Origin, role: KeyFileRole, size: Int, objects: [KeyObject],
                verification: KeyVerificationReport? = nil, problem: String? = nil) {
        self.path = path
        self.origin = origin
        self.role = role
        self.size = size
        self.objects = objects
        self.verification = verification
        self.problem = problem
    }

    /// Private keys that are not encrypted, and plaintext symmetric keys: secrets.
    public var secrets: [KeyObject] {
        objects.filter { $0.kind == .privateKey || $0.kind == .symmetricKey }
    }
}

/// Why a key file is being looked at.
public enum KeyFileRole: String, Sendable {
    /// Found among the inputs of `check` (a private key there is a committed secret).
    case inTree = "in-tree"
    /// Named to `keys verify`.
    case verified
    /// A BYOK wrapping public key referenced by a manifest.
    case wrappingPublicKey = "wrapping-public-key"
    /// BYOK encrypted key material referenced by a manifest.
    case encryptedKeyMaterial = "encrypted-key-material"
}

extension KeyObject {
    /// "an RSA 2048-bit private key (pkcs8)" — for messages; never any key bytes.
    public var summary: String {
        var words: [String] = []
        if let algorithm { words.append(Self.displayName(algorithm)) }
        if let curve { words.append(curve) } else if let bits { words.append("\(bits)-bit") }
        words.append(kind.rawValue.replacingOccurrences(of: "-", with: " "))
        var text = words.joined(separator: " ")
        if let container { text += " (\(container))" }
        // Said as letters: "an RSA", "an EC", "an X25519"; but "a DSA".
        let vowelSound = ["RSA", "EC", "AES", "Ed25519", "Ed448", "X25519", "X448"].contains { text.hasPrefix($0) }
            || text.first.map { "aeiou".contains($0) } == true
        return "\(vowelSound ? "an" : "a") \(text)"
    }

    private static func displayName(_ algorithm: KeyAlgorithm) -> String {
        switch algorithm {
        case .ec: return "EC"
        case .ed25519: return "Ed25519"
        case .ed448: return "Ed448"
        case .x25519: return "X25519"
        case .x448: return "X448"
        default: return algorithm.rawValue.uppercased()
        }
    }
}
