/// The CloudFormation adapter (JSON and YAML, intrinsic functions): bytes → documents → deployments → findings under the default pack.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.adapt(.cloudFormation, data, size)
    return 0
}
