import KeyMaterial

/// Key inspection and verification through OpenSSL (PEM, DER, raw/hex/base64 keys, wrapped blobs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = FuzzInput.bytes(data, size)
    _ = KeyInspection.looksLikeKeyMaterial(raw)
    do {
        _ = try KeyInspection.inspect(raw)
    } catch {
        FuzzInput.expectOneLine(error.description)
        return 0
    }
    // Verification repeats inspection and adds OpenSSL's consistency checks (`keys verify`).
    do {
        _ = try KeyVerifier.verify(raw)
    } catch {
        FuzzInput.expectOneLine(error.description)
    }
    return 0
}
