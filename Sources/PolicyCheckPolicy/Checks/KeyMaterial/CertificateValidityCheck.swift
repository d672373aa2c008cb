import Foundation
import KeyMaterial
import PolicyCheckModel

/// Certificates must be valid at the evaluation time: not expired and not yet valid.
public struct CertificateValidityCheck: Check {
    public static let name = "key-material.certificate-validity"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        KeyFileObjects.results(deployment) { object, _ in
            guard let certificate = object.certificate else { return nil }
            let notAfter = Timestamp(certificate.notAfter)
            let notBefore = Timestamp(certificate.notBefore)
            let subject = "certificate '\(certificate.subject)'"
            if notAfter <= context.now {
                return "\(subject) expired on \(notAfter.dateDescription) (\(notAfter.days(until: context.now)) days before \(context.now.dateDescription))"
            }
            if notAfter <= context.expiryTime {
                return "\(subject) expired on \(notAfter.dateDescription), after the evaluation time SOURCE_DATE_EPOCH gives (\(context.now.dateDescription)) but before the clock's: an earlier SOURCE_DATE_EPOCH does not make it valid again"
            }
            if notBefore > context.now {
                return "\(subject) is not valid until \(notBefore.description); evaluated at \(context.now.description)"
            }
            if notBefore > context.inForceTime {
                return "\(subject) is not valid until \(notBefore.description), after the clock's time (\(context.inForceTime.description)) though before the evaluation time SOURCE_DATE_EPOCH gives (\(context.now.description)): a later SOURCE_DATE_EPOCH does not make it valid early"
            }
            return nil
        }
    }
}

extension Timestamp {
    /// The whole second of a Foundation date.
    init(_ date: Date) {
        self.init(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
