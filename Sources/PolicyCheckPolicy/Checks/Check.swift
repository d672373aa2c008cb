import PolicyCheckModel
import PolicyCheckSyntax

/// A built-in check: code that inspects the normalised model. Its metadata (id, title, severity, controls) comes
/// from the policy pack; its behaviour is tuned by the rule's parameters.
public protocol Check: Sendable {
    /// The name packs use to run it, e.g. `network.world-open`.
    static var name: String { get }
    /// Reads and validates parameters (unknown or invalid ones are reported against the pack).
    init(parameters: CheckParameters)
    /// One result per resource the check inspected. Pure: no I/O, no clock but the context's.
    func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult]
}

/// What a check needs besides the deployment: the evaluation time, and facts gathered before evaluation.
public struct CheckContext: Sendable {
    /// The instant rules judge expiry against (`--now`, `SOURCE_DATE_EPOCH`, or the system clock).
    public var now: Timestamp
    /// The instant what expires is judged expired by: `now`, or the clock when `now` is an earlier
    /// `SOURCE_DATE_EPOCH` (`EvaluationClock.expiryTime`).
    public var expiryTime: Timestamp
    /// The instant what must already be in force is judged by: `now`, or the clock when `now` is a later
    /// `SOURCE_DATE_EPOCH` (`EvaluationClock.inForceTime`).
    public var inForceTime: Timestamp
    /// The deployment's allowlists in force with every CIDR parsed, prepared once per deployment by the evaluator
    /// so the network checks do not each parse them again.
    var parsedAllowlists: [ParsedAllowlist]?
    /// The deployment's declared keys by id and ARN, prepared once per deployment by the evaluator.
    var declaredKeys: DeclaredKeys?

    public init(now: Timestamp, expiryTime: Timestamp? = nil, inForceTime: Timestamp? = nil) {
        self.now = now
        self.expiryTime = max(now, expiryTime ?? now)
        self.inForceTime = min(now, inForceTime ?? now)
    }
}

/// The outcome of a check for one resource.
public struct CheckResult: Sendable {
    /// The component, e.g. `database` or `network/ipFiltering` (the evaluator prefixes the deployment name).
    public var component: String
    public var outcome: CheckOutcome

    public init(_ component: String, _ outcome: CheckOutcome) {
        self.component = component
        self.outcome = outcome
    }
}

/// Pass, fail with evidence, or not applicable — and, for values unknown until apply, cannot-verify.
public enum CheckOutcome: Sendable {
    case pass
    case fail([Evidence])
    case notApplicable
    case cannotVerify([Evidence])
}

/// Why a resource fails a check: where, and what is wrong and what was expected.
public struct Evidence: Sendable {
    public var origin: Origin
    public var message: String
    /// What the finding is about beyond the value at `origin`, which its fingerprint must count too: the ports a
    /// world-open entry opens (` on port 22`), so a baselined entry that comes to open every port is a new finding.
    public var scope: String?

    /// Control characters in `message` (line breaks from a quoted input value) are escaped: a finding is one line.
    public init(_ message: String, at origin: Origin, scope: String? = nil) {
        self.origin = origin
        self.message = Excerpt.quote(message, limit: .max)
        self.scope = scope
    }
}

extension CheckOutcome {
    /// `.pass` when there is no evidence, else `.fail`.
    public static func from(_ evidence: [Evidence]) -> CheckOutcome {
        evidence.isEmpty ? .pass : .fail(evidence)
    }
}
