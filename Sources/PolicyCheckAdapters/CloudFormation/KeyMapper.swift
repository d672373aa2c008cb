import PolicyCheckModel

/// `AWS::KMS::Key` becomes a declared customer key, with the logical id as the id stores refer to it by.
///
/// `EnableKeyRotation` defaults to false (rotation disabled). Replica keys (`AWS::KMS::ReplicaKey`) are not keys of
/// their own: they share the primary's key material, id and rotation, so references to one stand for the primary
/// (see `KMSKeyProperty`); the primary's region is recorded from its ARN.
enum KeyMapper: ResourceMapper {
    static let types = ["AWS::KMS::Key"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        var key = KeyDeclaration(component: context.component, origin: context.modelOrigin)
        key.id = Located(context.component, at: context.origin)
        let facts = RotationFacts(properties)
        (key.keyOrigin, key.keySpec, key.rotation) = (facts.keyOrigin, facts.keySpec, facts.rotation)
        key.scenarios = scenarios(context, otherwise: facts)
        if let multiRegion = properties.child("MultiRegion").bool(worse: true), let flag = multiRegion.value.known {
            key.multiRegion = Located(flag, at: multiRegion.origin)
        }
        key.policy = KeyPolicyReader.read(properties.child("KeyPolicy"))
        // The shortest window any alternative gives is the one that may be deployed.
        let window = properties.child("PendingWindowInDays")
        if let days = window.integers()?.min() { key.deletionWindowDays = Located(days, at: window.origin) }
        deployment.capabilities.append(CapabilityRequest(.encryptionKeys, at: context.origin, component: context.component))
        deployment.keys.append(key)
    }

    /// The key's rotation, spec and origin in each deployment scenario, when they follow its parameters together
    /// and differ between scenarios (`KeyDeclaration.scenarios`); empty otherwise.
    private static func scenarios(_ context: ResourceContext, otherwise facts: RotationFacts) -> [KeyScenario] {
        guard let scenarios = ParameterScenarios(context, keys: RotationFacts.keys) else { return [] }
        var seen: [RotationFacts] = []
        var result: [KeyScenario] = []
        for scenario in scenarios.scenarios {
            let facts = RotationFacts(context.properties(resolvedBy: scenario.resolver))
            guard !seen.contains(where: { $0.sameValues(as: facts) }) else { continue }
            seen.append(facts)
            result.append(KeyScenario(when: scenario.description, keyOrigin: facts.keyOrigin, keySpec: facts.keySpec,
                                      rotation: facts.rotation))
        }
        return result.count > 1 ? result : []
    }
}

/// What the rotation check reads of an `AWS::KMS::Key`: `Origin`, `KeySpec`, `EnableKeyRotation` (AWS's default:
/// false) and `RotationPeriodInDays`.
struct RotationFacts {
    static let keys = ["Origin", "KeySpec", "EnableKeyRotation", "RotationPeriodInDays"]

    let keyOrigin: Located<String>?
    let keySpec: Located<String>?
    let rotation: KeyRotation

    init(_ properties: PropertyValue) {
        keyOrigin = Self.known(properties.child("Origin"))
        keySpec = Self.known(properties.child("KeySpec"))
        let enabled = properties.child("EnableKeyRotation")
        var rotation = KeyRotation(origin: enabled.origin)
        if let flag = enabled.bool(worse: false), let on = flag.value.known {
            rotation.mode = Located(on ? "automatic" : "disabled", at: flag.origin)
        }
        let period = properties.child("RotationPeriodInDays")
        if let days = period.integers()?.max() { rotation.periodDays = Located(days, at: period.origin) }
        self.rotation = rotation
    }

    func sameValues(as other: RotationFacts) -> Bool {
        keyOrigin?.value == other.keyOrigin?.value && keySpec?.value == other.keySpec?.value
            && rotation.mode?.value == other.rotation.mode?.value
            && rotation.periodDays?.value == other.rotation.periodDays?.value
    }

    private static func known(_ value: PropertyValue) -> Located<String>? {
        value.knownText.map { Located($0, at: value.origin) }
    }
}
