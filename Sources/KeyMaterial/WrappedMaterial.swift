/// Size arithmetic for RSA-wrapped key material (pure Swift, no OpenSSL).
public enum WrappedMaterial {
    /// Symmetric key sizes (bytes) accepted inside an AES key wrap.
    public static let wrappedKeySizes = [16, 24, 32]

    /// RSA modulus sizes (bytes) for 2048-, 3072- and 4096-bit wrapping keys.
    public static let wrappingModulusSizes = [256, 384, 512]

    /// Every valid encrypted size for a wrapping key of `modulusBytes` under `algorithm`, ascending.
    ///
    /// RSA-only algorithms produce exactly the modulus size; RSA_AES_KEY_WRAP_* append an AES key
    /// wrap of the material, `keySize + 8` bytes (16/24/32 → 24/32/40).
    public static func expectedSizes(modulusBytes: Int, algorithm: WrappingAlgorithm) -> [Int] {
        guard modulusBytes > 0 else { return [] }
        guard algorithm.usesAESKeyWrap else { return [modulusBytes] }
        return wrappedKeySizes.map { modulusBytes + $0 + 8 }
    }

    /// The one valid encrypted size for a symmetric key of `keyBytes` (16/24/32), or nil if that key size is not accepted.
    public static func expectedSize(modulusBytes: Int, algorithm: WrappingAlgorithm, keyBytes: Int) -> Int? {
        guard modulusBytes > 0, wrappedKeySizes.contains(keyBytes) else { return nil }
        return algorithm.usesAESKeyWrap ? modulusBytes + keyBytes + 8 : modulusBytes
    }

    /// Whether `encryptedSize` bytes is a valid output for the wrapping key and algorithm.
    public static func sizeMatches(encryptedSize: Int, modulusBytes: Int, algorithm: WrappingAlgorithm) -> Bool {
        expectedSizes(modulusBytes: modulusBytes, algorithm: algorithm).contains(encryptedSize)
    }

    /// Modulus size in bytes for an RSA key of `bits` bits.
    public static func modulusBytes(forBits bits: Int) -> Int {
        (bits + 7) / 8
    }

    /// Whether a blob of `size` bytes could be RSA-wrapped material from a 2048/3072/4096-bit key.
    public static func isPlausibleWrappedSize(_ size: Int) -> Bool {
        wrappingModulusSizes.contains { modulus in
            size == modulus || wrappedKeySizes.contains { size == modulus + $0 + 8 }
        }
    }
}
