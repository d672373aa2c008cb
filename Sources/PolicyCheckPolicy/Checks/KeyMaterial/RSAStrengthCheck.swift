import PolicyCheckModel

/// RSA keys must be at least a minimum size.
public struct RSAStrengthCheck: Check {
    public static let name = "key-material.rsa-strength"

    let minimumBits: Int

    public init(parameters: CheckParameters) {
        minimumBits = parameters.int("minBits", default: 2048, range: 512...16_384)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.results(deployment) { object, _ in
            guard object.algorithm == .rsa, let bits = object.bits, bits < minimumBits else { return nil }
            return "\(object.summary) is \(bits) bits; RSA keys must be at least \(minimumBits) bits"
        }
    }
}
