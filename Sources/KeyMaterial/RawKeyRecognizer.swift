/// Recognises unstructured key material: AES-sized raw/hex/base64 keys and RSA-wrapped blobs.
enum RawKeyRecognizer {
    /// Byte counts of AES-128/192/256 keys.
    static let symmetricSizes: Set<Int> = [16, 24, 32]

    /// A symmetric key in hex or base64 text, or nil.
    static func textKey(_ bytes: UnsafeBufferPointer<UInt8>) -> KeyObject? {
        guard bytes.count <= 128 else { return nil }
        let text = bytes.filter { !isWhitespace($0) }
        guard !text.isEmpty else { return nil }
        if text.allSatisfy(isHexDigit), text.count % 2 == 0, symmetricSizes.contains(text.count / 2) {
            return KeyObject(index: 0, kind: .symmetricKey, algorithm: .aes, bits: text.count * 4, encoding: .hex)
        }
        if [24, 32, 44].contains(text.count),
            let decoded = text.withUnsafeBufferPointer({ Base64.decode($0) }),
            symmetricSizes.contains(decoded.count)
        {
            return KeyObject(index: 0, kind: .symmetricKey, algorithm: .aes, bits: decoded.count * 8, encoding: .base64)
        }
        return nil
    }

    /// A raw binary symmetric key, or nil.
    static func rawKey(_ bytes: UnsafeBufferPointer<UInt8>) -> KeyObject? {
        guard symmetricSizes.contains(bytes.count) else { return nil }
        return KeyObject(index: 0, kind: .symmetricKey, algorithm: .aes, bits: bytes.count * 8, encoding: .raw)
    }

    /// A blob sized like RSA-wrapped key material (2048/3072/4096-bit modulus, optionally plus AES-KW output).
    static func wrappedMaterial(_ bytes: UnsafeBufferPointer<UInt8>) -> KeyObject? {
        guard WrappedMaterial.isPlausibleWrappedSize(bytes.count) else { return nil }
        return KeyObject(index: 0, kind: .wrappedKeyMaterial, bits: bytes.count * 8, encoding: .raw)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
}
