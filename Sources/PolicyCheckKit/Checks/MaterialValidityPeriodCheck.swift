/// Imported key material that expires must be valid for at most a number of days after import (AWS KMS allows 365).
public struct MaterialValidityPeriodCheck: Check {
    public static let name = "byok.material-validity-period"

    let maximumDays: Int

    public init(parameters: CheckParameters) {
        maximumDays = parameters.int("maxDays", default: 365, range: 1...36_500)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.filter { !$0.materials.isEmpty }.map { key in
            var evidence: [Evidence] = []
            for material in key.materials where material.expirationModel?.value != "KEY_MATERIAL_DOES_NOT_EXPIRE" {
                let name = KeyMaterialWindow.name(material)
                guard let validTo = material.validTo else {
                    if material.expirationModel?.value == "KEY_MATERIAL_EXPIRES" {
                        evidence.append(Evidence("key material \(name) expires but states no validTo", at: material.origin))
                    }
                    continue
                }
                guard let importedAt = material.importedAt else { continue }
                let days = importedAt.value.days(until: validTo.value)
                if validTo.value <= importedAt.value {
                    evidence.append(Evidence("key material \(name) is valid to \(validTo.value.dateDescription), before it was imported on \(importedAt.value.dateDescription)",
                                             at: validTo.origin))
                } else if validTo.value > importedAt.value.adding(days: maximumDays) {
                    evidence.append(Evidence("key material \(name) is valid for \(days) days after import; at most \(maximumDays) are allowed",
                                             at: validTo.origin))
                }
            }
            return CheckResult(key.component, .from(evidence))
        }
    }
}
