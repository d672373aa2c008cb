/// An ignore written into the input itself: a CloudFormation resource's `Metadata.policycheck.ignore`, a Kubernetes
/// `policycheck.io/ignore` annotation (or, for comments, found by `InlineCommentScanner`). It suppresses the listed
/// rules' findings on one component; the finding stays in every report, marked as suppressed.
public struct InlineIgnore: Sendable, Hashable {
    /// Where an inline ignore was written.
    public enum Kind: String, Sendable, Hashable {
        case comment
        case cloudFormationMetadata = "cloudformation-metadata"
        case kubernetesAnnotation = "kubernetes-annotation"
    }

    /// The component whose findings it covers, as passed to `Deployment.resource(_:)`; `""` is the deployment.
    public var component: String
    /// Rule ids (exact, no globs).
    public var rules: [String]
    /// Why: required, never empty.
    public var reason: String
    /// Where it is written (for the suppression's location).
    public var origin: Origin
    public var kind: Kind

    public init(component: String, rules: [String], reason: String, origin: Origin, kind: Kind) {
        self.component = component
        self.rules = rules
        self.reason = reason
        self.origin = origin
        self.kind = kind
    }
}
