import KeyMaterial
import PolicyCheckModel

/// A BYOK wrapping key must be an RSA public key of a size AWS KMS issues and the policy allows.
public struct ByokWrappingKeyCheck: Check {
    public static let name = "key-material.byok-wrapping-key"

    let minimumBits: Int
    let allowedBits: [Int]

    public init(parameters: CheckParameters) {
        minimumBits = parameters.int("minBits", default: 3072, range: 1024...16_384)
        allowedBits = parameters.strings("allowedBits", default: ["2048", "3072", "4096"]).compactMap(Int.init)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        ByokFiles.results(deployment) { material in
            guard let file = material.wrappingKeyFile else { return [] }
            if let problem = file.problem {
                return [Evidence("wrapping key '\(file.path)' cannot be used: \(problem)", at: file.origin)]
            }
            guard file.secrets.isEmpty else { return [] }  // reported as an exposed secret
            let publicKeys = file.objects.filter { $0.kind == .publicKey }
            guard let key = publicKeys.first, publicKeys.count == 1, file.objects.count == 1 else {
                let found = file.objects.map(\.summary).joined(separator: ", ")
                return [Evidence("wrapping key '\(file.path)' should hold one RSA public key (SubjectPublicKeyInfo); found \(found)",
                                 at: file.origin)]
            }
            guard key.algorithm == .rsa, let bits = key.bits else {
                return [Evidence("wrapping key '\(file.path)' is \(key.summary); AWS KMS wraps with RSA keys", at: file.origin)]
            }
            if bits < minimumBits || !allowedBits.contains(bits) {
                // The sizes named are those both AWS KMS issues (WrappingKeySpec RSA_2048/3072/4096,
                // https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-get-public-key-and-token.html)
                // and the policy allows: "at least 3072, one of 2048/3072/4096" named the size it failed.
                let accepted = allowedBits.filter { $0 >= minimumBits }.map(String.init)
                let expected = accepted.isEmpty ? "at least \(minimumBits) bits" : "RSA \(accepted.joined(separator: " or ")) bits"
                return [Evidence("wrapping key '\(file.path)' is RSA \(bits)-bit; expected \(expected) (this policy requires at least \(minimumBits))",
                                 at: file.origin)]
            }
            return []
        }
    }
}
