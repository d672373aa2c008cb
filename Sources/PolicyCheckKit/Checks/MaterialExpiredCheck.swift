/// Imported key material in use must not have expired at the evaluation time.
public struct MaterialExpiredCheck: Check {
    public static let name = "byok.material-expired"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.filter { !$0.materials.isEmpty }.map { key in
            let evidence = KeyMaterialWindow.materials(of: key).compactMap { material -> Evidence? in
                guard let validTo = material.validTo, validTo.value <= context.now else { return nil }
                return Evidence(
                    "key material \(KeyMaterialWindow.name(material)) expired on \(validTo.value.dateDescription) (\(validTo.value.days(until: context.now)) days before \(context.now.dateDescription)); data encrypted under it cannot be decrypted until material is reimported",
                    at: validTo.origin
                )
            }
            return CheckResult(key.component, .from(evidence))
        }
    }
}
