import PolicyCheckModel

/// RSA public exponents must be the standard 65537.
public struct RSAExponentCheck: Check {
    public static let name = "key-material.rsa-exponent"

    let exponent: String

    public init(parameters: CheckParameters) {
        exponent = String(parameters.int("exponent", default: 65537, range: 3...Int(Int32.max)))
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.results(deployment) { object, _ in
            guard object.algorithm == .rsa, let found = object.rsaPublicExponent, found != exponent else { return nil }
            return "\(object.summary) has public exponent \(found); expected \(exponent)"
        }
    }
}
