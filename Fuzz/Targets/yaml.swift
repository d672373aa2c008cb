import PolicyCheckSyntax

/// The YAML reader (libyaml through Yams, plus the prescan for aliases, tags, tabs and depth).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput.bytes(data, size)
    do {
        for document in try YAMLReader().read(text) { FuzzInput.expectInside(document, count: text.count) }
    } catch {
        FuzzInput.expectLocated(error.offset, error.message, in: text.count)
        _ = SourceFile(path: "fuzz.yaml", bytes: text).utf16Column(ofOffset: error.offset)
    }
    return 0
}
