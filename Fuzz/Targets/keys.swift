import KeyMaterial

/// Key inspection and verification through OpenSSL (PEM, DER, raw/hex/base64 keys, wrapped blobs, OpenSSH and
/// PuTTY keys), strictly and as a directory walk reads files (`KeyScanMode`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = FuzzInput.bytes(data, size)
    _ = KeyInspection.looksLikeKeyMaterial(raw)
    for mode in [KeyScanMode.keyFile, .found] {
        if let failure = KeyInspection.scan(raw, mode: mode).failure { FuzzInput.expectOneLine(failure.description) }
    }
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
