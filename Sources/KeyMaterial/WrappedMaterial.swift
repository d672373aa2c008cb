/// Size arithmetic for RSA-wrapped key material (pure Swift, no OpenSSL).
///
/// AWS KMS's wrapping algorithms (GetParametersForImport, `WrappingAlgorithm`,
/// https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html): RSAES_OAEP_* encrypt the key
/// material directly with the RSA wrapping key, so the output is the modulus size; RSA_AES_KEY_WRAP_* encrypt an
/// ephemeral AES key with RSA-OAEP (the modulus size) followed by the key material wrapped with that AES key using AES
/// key wrap with padding (RFC 5649): `8 × ⌈n / 8⌉ + 8` bytes for `n` bytes of material
/// (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html).
public enum WrappedMaterial {
    /// Symmetric key sizes (bytes) a blob of unknown purpose may hold inside an AES key wrap (recognition only).
    public static let wrappedKeySizes = [16, 24, 32]

    /// RSA modulus sizes (bytes) for 2048-, 3072- and 4096-bit wrapping keys.
    public static let wrappingModulusSizes = [256, 384, 512]

    /// The bytes AES key wrap with padding (RFC 5649) produces for `materialBytes` bytes of plaintext: the plaintext
    /// padded to a multiple of 8, plus the 8-byte integrity check block (never less than 16 bytes).
    public static func aesKeyWrapPaddedSize(materialBytes: Int) -> Int {
        8 * ((max(materialBytes, 1) + 7) / 8) + 8
    }

    /// What a wrapping key of `modulusBytes` under `algorithm` produces for `material`.
    public static func expectation(modulusBytes: Int, algorithm: WrappingAlgorithm,
                                   material: ImportedMaterialSize) -> WrappedSize? {
        guard modulusBytes > 0 else { return nil }
        guard algorithm.usesAESKeyWrap else { return .exactly([modulusBytes]) }
        switch material {
        case .between(let range):
            let sizes = Set(range.map { modulusBytes + aesKeyWrapPaddedSize(materialBytes: $0) })
            return .exactly(sizes.sorted())
        case .atLeast(let minimum):
            return .atLeast(modulusBytes: modulusBytes, bytes: modulusBytes + aesKeyWrapPaddedSize(materialBytes: minimum))
        }
    }

    /// Whether `encryptedSize` bytes is a valid output for the wrapping key, algorithm and key material.
    public static func sizeMatches(encryptedSize: Int, modulusBytes: Int, algorithm: WrappingAlgorithm,
                                   material: ImportedMaterialSize) -> Bool {
        expectation(modulusBytes: modulusBytes, algorithm: algorithm, material: material)?.admits(encryptedSize) ?? false
    }

    /// Modulus size in bytes for an RSA key of `bits` bits.
    public static func modulusBytes(forBits bits: Int) -> Int {
        (bits + 7) / 8
    }

    /// Whether a blob of `size` bytes could be RSA-wrapped symmetric material from a 2048/3072/4096-bit key.
    public static func isPlausibleWrappedSize(_ size: Int) -> Bool {
        wrappingModulusSizes.contains { modulus in
            size == modulus || wrappedKeySizes.contains { size == modulus + aesKeyWrapPaddedSize(materialBytes: $0) }
        }
    }
}

/// The sizes a wrapped blob may have.
public enum WrappedSize: Equatable, Sendable {
    /// One of these sizes, ascending.
    case exactly([Int])
    /// At least `bytes`, and the RSA part (`modulusBytes`) plus a multiple of 8 (an RFC 5649 output of a material
    /// whose length varies, such as a PKCS#8 private key).
    case atLeast(modulusBytes: Int, bytes: Int)

    public func admits(_ size: Int) -> Bool {
        switch self {
        case .exactly(let sizes): sizes.contains(size)
        case .atLeast(let modulus, let minimum): size >= minimum && (size - modulus) % 8 == 0
        }
    }

    /// For messages: `552 bytes`, `552 or 560 bytes`, `at least 1032 bytes (512 + a multiple of 8)`.
    public var summary: String {
        switch self {
        case .exactly(let sizes):
            let listed = sizes.map(String.init)
            return (listed.count > 1 ? listed.dropLast().joined(separator: ", ") + " or " + listed.last! : listed.joined())
                + " bytes"
        case .atLeast(let modulus, let minimum):
            return "at least \(minimum) bytes (\(modulus) + a multiple of 8)"
        }
    }
}
