/// The Terraform plan and state adapter: bytes → documents → deployments → findings under the default pack.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.adapt(.terraformPlan, data, size)
    return 0
}
