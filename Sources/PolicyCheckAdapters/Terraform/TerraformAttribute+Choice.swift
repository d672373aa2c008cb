import PolicyCheckModel
import PolicyCheckSyntax

extension TerraformAttribute {
    /// A yes/no setting chosen by name (`encryption_type = "KMS"`, `client_broker = "TLS_PLAINTEXT"`): on when the
    /// value is one of `on` (compared case-insensitively), unknown until apply when the configuration decides it.
    /// Not set (or left to the provider), it is `absent`, the provider's or AWS's default (`nil`: not judged). The
    /// note names what turned it off, by `name`.
    func choice(_ name: String, on: Set<String>, absent: String?) -> StoreSetting<Bool>? {
        if isUnknown, !isProviderDefault {
            return StoreSetting(.unknown(reason: unknownReason), at: origin)
        }
        if let text = knownString {
            let isOn = on.contains(text.uppercased())
            return StoreSetting(.known(isOn), at: origin, note: isOn ? nil : "\(name) is '\(Excerpt.quote(text))'")
        }
        guard let absent else { return nil }
        let isOn = on.contains(absent)
        return StoreSetting(.known(isOn), at: fieldOrigin, note: isOn ? nil : "\(name) is not set, which means \(absent)")
    }
}
