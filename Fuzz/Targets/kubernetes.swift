/// The Kubernetes adapter (multi-document YAML, lists, annotations): bytes → documents → deployments → findings under the default pack.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.adapt(.kubernetes, data, size)
    return 0
}
