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
        key.keyOrigin = known(properties.child("Origin"))
        key.keySpec = known(properties.child("KeySpec"))
        let enabled = properties.child("EnableKeyRotation")
        var rotation = KeyRotation(origin: enabled.origin)
        if let flag = enabled.bool(worse: false), let on = flag.value.known {
            rotation.mode = Located(on ? "automatic" : "disabled", at: flag.origin)
        }
        let period = properties.child("RotationPeriodInDays")
        if let days = period.integers()?.max() { rotation.periodDays = Located(days, at: period.origin) }
        key.rotation = rotation
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

    private static func known(_ value: PropertyValue) -> Located<String>? {
        value.knownText.map { Located($0, at: value.origin) }
    }
}
