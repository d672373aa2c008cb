import PolicyCheckModel

/// No imported key material associated with a key may have expired at the evaluation time: when any of them
/// expires, AWS KMS puts the whole key into Pending import (see `KeyMaterialWindow`).
public struct MaterialExpiredCheck: Check {
    public static let name = "byok.material-expired"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.filter { !$0.materials.isEmpty }.map { key in
            let evidence = KeyMaterialWindow.materials(of: key).compactMap { material -> Evidence? in
                guard let validTo = material.validTo, validTo.value <= context.expiryTime else { return nil }
                let when = validTo.value <= context.now
                    ? "(\(validTo.value.days(until: context.now)) days before \(context.now.dateDescription))"
                    : "(after the evaluation time SOURCE_DATE_EPOCH gives, \(context.now.dateDescription), but before the clock's)"
                return Evidence(
                    "key material \(KeyMaterialWindow.name(material)) expired on \(validTo.value.dateDescription) \(when); AWS KMS puts the whole key into Pending import, so nothing encrypted under the key can be decrypted until that material is reimported",
                    at: validTo.origin
                )
            }
            return CheckResult(key.component, .from(evidence))
        }
    }
}
