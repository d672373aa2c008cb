import PolicyCheckModel

/// Keys must use an allowed algorithm (DSA is not allowed by default).
public struct KeyAlgorithmCheck: Check {
    public static let name = "key-material.algorithm"

    let disallowed: [String]

    public init(parameters: CheckParameters) {
        disallowed = parameters.strings("disallowedAlgorithms", default: ["dsa"])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.results(deployment) { object, _ in
            guard let algorithm = object.algorithm?.rawValue, disallowed.contains(algorithm) else { return nil }
            return "\(object.summary) uses \(algorithm.uppercased()), which is not allowed; use RSA, ECDSA (P-256/P-384/P-521) or Ed25519"
        }
    }
}
