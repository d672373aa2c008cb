import PolicyCheckModel

/// Imported key material must state an expiry AWS KMS accepts: with `KEY_MATERIAL_EXPIRES`, a `validTo` at most a
/// number of days after import (AWS KMS allows 365); with `KEY_MATERIAL_DOES_NOT_EXPIRE`, no `validTo` at all —
/// ImportKeyMaterial requires ValidTo for the first and rejects it for the second
/// (https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html).
public struct MaterialValidityPeriodCheck: Check {
    public static let name = "byok.material-validity-period"

    let maximumDays: Int

    public init(parameters: CheckParameters) {
        maximumDays = parameters.int("maxDays", default: 365, range: 1...36_500)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.filter { !$0.materials.isEmpty }.map { key in
            CheckResult(key.component, .from(key.materials.compactMap(evidence)))
        }
    }

    private func evidence(for material: KeyMaterialDeclaration) -> Evidence? {
        let name = KeyMaterialWindow.name(material)
        if material.expirationModel?.value == "KEY_MATERIAL_DOES_NOT_EXPIRE" {
            guard let validTo = material.validTo else { return nil }
            return Evidence("key material \(name) does not expire (KEY_MATERIAL_DOES_NOT_EXPIRE) but states validTo \(validTo.value.dateDescription); AWS KMS rejects a validTo with that model: remove it, or use KEY_MATERIAL_EXPIRES",
                            at: validTo.origin)
        }
        guard let validTo = material.validTo else {
            guard material.expirationModel?.value == "KEY_MATERIAL_EXPIRES" else { return nil }
            return Evidence("key material \(name) expires but states no validTo", at: material.origin)
        }
        guard let importedAt = material.importedAt else { return nil }
        if validTo.value <= importedAt.value {
            return Evidence("key material \(name) is valid to \(validTo.value.dateDescription), before it was imported on \(importedAt.value.dateDescription)",
                            at: validTo.origin)
        }
        let limit = importedAt.value.adding(days: maximumDays)
        guard validTo.value > limit else { return nil }
        return Evidence("key material \(name) is valid for \(Self.duration(from: importedAt.value, to: validTo.value)) after import; at most \(maximumDays) days are allowed (until \(limit))",
                        at: validTo.origin)
    }

    /// Whole days, and the rest to the second, so "365 days and 1 second" is not rounded down to an allowed 365.
    static func duration(from start: Timestamp, to end: Timestamp) -> String {
        let total = end.secondsSinceEpoch - start.secondsSinceEpoch
        let days = total / 86_400
        var rest: [String] = []
        for (unit, size) in [("hour", Int64(3600)), ("minute", 60), ("second", 1)] {
            let count = total % 86_400 / size % (size == 3600 ? 24 : 60)
            if count > 0 { rest.append("\(count) \(unit)\(count == 1 ? "" : "s")") }
        }
        let dayText = "\(days) day\(days == 1 ? "" : "s")"
        guard !rest.isEmpty else { return dayText }
        return dayText + (rest.count == 1 ? " and " : ", ") + rest.joined(separator: rest.count == 1 ? "" : ", ")
    }
}
