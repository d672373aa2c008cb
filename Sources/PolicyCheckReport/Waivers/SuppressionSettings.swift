/// What may suppress findings in a run: a waiver file, inline ignores in the inputs, a baseline. A suppressed
/// finding stays in every report, marked, and does not fail the run. When several apply, the waiver is recorded
/// first, then the inline ignore, then the baseline.
public struct SuppressionSettings: Sendable {
    public var waivers: WaiverFile?
    public var baseline: Baseline?
    /// Honour `policycheck:ignore` comments, CloudFormation metadata and Kubernetes annotations
    /// (`--no-inline-ignores` turns them off so that auditors see everything).
    public var inlineIgnores = true

    public init(waivers: WaiverFile? = nil, baseline: Baseline? = nil, inlineIgnores: Bool = true) {
        self.waivers = waivers
        self.baseline = baseline
        self.inlineIgnores = inlineIgnores
    }
}
