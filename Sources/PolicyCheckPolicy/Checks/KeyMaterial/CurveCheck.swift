import PolicyCheckModel

/// Elliptic-curve keys must use an allowed named curve (NIST P-256/P-384/P-521 by default; not secp256k1).
public struct CurveCheck: Check {
    public static let name = "key-material.curve"

    let allowed: [String]

    public init(parameters: CheckParameters) {
        allowed = parameters.strings("allowedCurves", default: ["P-256", "P-384", "P-521"])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.results(deployment) { object, _ in
            guard object.algorithm == .ec else { return nil }
            let curve = object.curve ?? "an unnamed curve"
            guard !allowed.contains(curve) else { return nil }
            return "\(object.summary) uses curve \(curve); expected one of \(allowed.joined(separator: ", "))"
        }
    }
}
