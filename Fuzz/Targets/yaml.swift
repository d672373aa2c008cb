import PolicyCheckSyntax

/// The YAML reader (libyaml's events composed into a tape, plus the prescan for aliases, tags, tabs and depth); the
/// tape must read as the tree does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput.bytes(data, size)
    do {
        let documents = try YAMLReader().read(text)
        for document in documents { FuzzInput.expectInside(document, count: text.count) }
        let tree: [SourceNode]
        do { tree = try YAMLReader().read(text, preferringTape: false) } catch {
            preconditionFailure("the tree fails where the tape reads: \(error.message)")
        }
        precondition(tree.count == documents.count, "the tree has \(tree.count) documents, the tape \(documents.count)")
        for (tape, tree) in zip(documents, tree) {
            FuzzInput.expectSame(tape, tree)
            FuzzInput.expectSameStrings(tape, tree)
        }
    } catch {
        precondition((try? YAMLReader().read(text, preferringTape: false)) == nil, "the tree reads where the tape fails")
        FuzzInput.expectLocated(error.offset, error.message, in: text.count)
        _ = SourceFile(path: "fuzz.yaml", bytes: text).utf16Column(ofOffset: error.offset)
    }
    return 0
}
