import PolicyCheckSyntax

/// Text decoding (BOMs, UTF-16, invalid UTF-8) and the byte-level JSON reader, one value and streams.
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
    let single: SourceNode?
    do {
        single = try JSONReader().read(text)
        FuzzInput.expectInside(single!, count: text.count)
    } catch {
        single = nil
        FuzzInput.expectLocated(error.offset, error.message, in: text.count)
        _ = SourceFile(path: "fuzz.json", bytes: text).utf16Column(ofOffset: error.offset)
    }
    // A stream reads one value as `read` does, and more only where `read` stops at the next top-level object.
    do {
        let documents = try JSONReader().readStream(text)
        documents.forEach { FuzzInput.expectInside($0, count: text.count) }
        precondition((documents.count == 1) == (single != nil), "a stream of \(documents.count) documents")
    } catch {
        FuzzInput.expectLocated(error.offset, error.message, in: text.count)
        precondition(single == nil, "the stream rejected what one value read")
    }
    return 0
}
