import PolicyCheckModel
import PolicyCheckSyntax

extension PropertyValue {
    /// A yes/no setting chosen by name (`ClusterEndpointEncryptionType: TLS`, `ClientBroker: TLS_PLAINTEXT`): on when
    /// the value is one of `on` (compared case-insensitively). Judged at its worst over the alternatives: one that is
    /// off decides, then one that is unknown. An absent alternative takes `absent`, the property's default (`nil`:
    /// it is left out). The note names what turned it off. `nil` when no alternative is stated and there is no default.
    func choice(on: Set<String>, absent: String?) -> StoreSetting<Bool>? {
        var unknown: StoreSetting<Bool>?
        var stated = false
        for alternative in alternatives {
            let text: String
            if alternative.isAbsent {
                guard let absent else { continue }
                guard !on.contains(absent.uppercased()) else { stated = true; continue }
                return StoreSetting(.known(false), at: origin, note: "\(name) is not set, which means \(absent)")
            } else if let scalar = alternative.scalarText {
                text = scalar
            } else {
                unknown = unknown ?? StoreSetting(.unknown(reason: alternative.unknownReason(expected: "a string")), at: origin)
                continue
            }
            stated = true
            if !on.contains(text.uppercased()) {
                return StoreSetting(.known(false), at: origin, note: "\(name) is '\(Excerpt.quote(text))'")
            }
        }
        if let unknown { return unknown }
        return stated ? StoreSetting(.known(true), at: origin) : nil
    }
}
