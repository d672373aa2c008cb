import PolicyCheckKit
import PolicyCheckSyntax

/// The policy-pack parser and rule compiler.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        let pack = try PolicyLoader().load(source: SourceFile(path: "fuzz.yaml", bytes: FuzzInput.bytes(data, size)))
        _ = CompiledPolicy(packs: [pack]).rules.count
    } catch {
        precondition(!error.items.isEmpty, "a rejected pack must say why")
        for problem in error.items { FuzzInput.expectOneLine(problem.description) }
    }
    return 0
}
