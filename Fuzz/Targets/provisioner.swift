/// The Mattermost provisioner and server IP-filtering adapter: bytes → documents → deployments → findings under the default pack.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzInput.adapt(.provisioner, data, size)
    return 0
}
