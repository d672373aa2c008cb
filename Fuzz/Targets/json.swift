import PolicyCheckSyntax

/// Text decoding (BOMs, UTF-16, invalid UTF-8) and the byte-level JSON reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = FuzzInput.bytes(data, size)
    _ = TextDecoding.isProbablyBinary(raw)
    let text: [UInt8]
    do {
        text = try TextDecoding.utf8Text(from: raw)
    } catch {
        FuzzInput.expectLocated(error.offset, error.message, in: raw.count)
        return 0
    }
    do {
        FuzzInput.expectInside(try JSONReader().read(text), count: text.count)
    } catch {
        FuzzInput.expectLocated(error.offset, error.message, in: text.count)
        _ = SourceFile(path: "fuzz.json", bytes: text).utf16Column(ofOffset: error.offset)
    }
    return 0
}
