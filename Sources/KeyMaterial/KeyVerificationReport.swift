/// The outcome of `KeyVerifier.verify`: what was found and which checks failed.
public struct KeyVerificationReport: Sendable, Equatable {
    /// Every recognised block, as `KeyInspection.inspect` reports it.
    public var objects: [KeyObject]
    /// Failed checks; empty when everything passed.
    public var failures: [KeyCheckFailure]
    /// Names of checks that ran and passed or failed, per block (`index:check`), for audit trails.
    public var checksRun: [String]
    /// For bundles holding both certificates and private keys: which certificate matches each key.
    public var pairings: [KeyCertificatePairing]

    /// Creates a report.
    public init(objects: [KeyObject], failures: [KeyCheckFailure], checksRun: [String], pairings: [KeyCertificatePairing]) {
        self.objects = objects
        self.failures = failures
        self.checksRun = checksRun
        self.pairings = pairings
    }

    /// Whether every check passed.
    public var passed: Bool { failures.isEmpty }
}
