import PolicyCheckModel

/// Imported key material must fit the key it is declared on: only `EXTERNAL` keys take imported material (AWS KMS
/// generates the material of `AWS_KMS` keys and imports none into them), and at most one material is current (a key
/// encrypts with exactly one current material; the others only decrypt)
/// (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html,
/// https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html). An asymmetric or HMAC key holds one
/// material for life: "For asymmetric and HMAC keys, you cannot change the key material after the initial import"
/// (https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html); only symmetric encryption keys
/// take several (tester round 32: an HMAC_256 key with two materials passed).
public struct MaterialConsistencyCheck: Check {
    public static let name = "byok.material-consistency"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.keys.filter { !$0.materials.isEmpty }.map { key in
            var evidence: [Evidence] = []
            let keyOrigin = key.keyOrigin?.value ?? "AWS_KMS"
            if keyOrigin != "EXTERNAL", let first = key.materials.first {
                evidence.append(Evidence("the key's origin is \(keyOrigin), whose material AWS KMS \(keyOrigin == "AWS_KMS" ? "generates" : "keeps in the key store"); imported materials belong to an EXTERNAL key: set origin: EXTERNAL or remove the materials",
                                         at: key.keyOrigin?.origin ?? first.origin))
            }
            let spec = key.keySpec?.value ?? "SYMMETRIC_DEFAULT"
            if keyOrigin == "EXTERNAL", spec != "SYMMETRIC_DEFAULT", key.materials.count > 1 {
                evidence.append(Evidence("\(key.materials.count) materials are declared on a key of spec \(spec), which takes one imported material and never another (AWS KMS changes the material only of symmetric encryption keys): declare its one material, and use a new key for new material",
                                         at: key.materials[1].origin))
            }
            let current = key.materials.filter { $0.current?.value == true }
            if current.count > 1 {
                let names = current.map(KeyMaterialWindow.name).joined(separator: ", ")
                evidence.append(Evidence("\(current.count) materials are marked current (\(names)); a key has exactly one current material: mark the others current: false",
                                         at: current[1].current!.origin))
            }
            return CheckResult(key.component, .from(evidence))
        }
    }
}
