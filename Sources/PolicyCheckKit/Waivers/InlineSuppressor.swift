import PolicyCheckSyntax

/// Applies the inline ignores of one input file — `# policycheck:ignore` comments and the ignores adapters read
/// into `Deployment.inlineIgnores` — to the findings of that file's deployments.
public struct InlineSuppressor: Sendable {
    public var ruleIds: [String]

    public init(ruleIds: [String]) {
        self.ruleIds = ruleIds
    }

    /// Marks covered findings as suppressed (`inline`); returns malformed or unknown-rule ignores as errors.
    /// `evaluations[i]` holds the findings of `deployments[i]`.
    public func apply(to evaluations: inout [Evaluation], deployments: [Deployment]) -> [Diagnostic] {
        guard let source = deployments.first?.source else { return [] }
        let (comments, commentErrors) = InlineCommentScanner(ruleIds: ruleIds).scan(source)
        var errors = commentErrors
        for deployment in deployments {
            for ignore in deployment.inlineIgnores {
                if let unknown = ignore.rules.first(where: { !ruleIds.contains($0) }) {
                    errors.append(Diagnostic(deployment.source, offset: ignore.origin.offset,
                                             "'\(ignore.origin.path)' names unknown rule '\(Excerpt.quote(unknown))'"
                                                + Suggestion.clause(for: unknown, among: ruleIds)))
                }
            }
        }
        for (index, deployment) in deployments.enumerated() where index < evaluations.count {
            for findingIndex in evaluations[index].findings.indices {
                let finding = evaluations[index].findings[findingIndex]
                if let comment = comments.first(where: { $0.covers(ruleId: finding.ruleId, line: finding.line) }) {
                    evaluations[index].findings[findingIndex].suppression = Suppression(
                        kind: .inline, justification: comment.reason, location: "\(source.path):\(comment.line)")
                } else if let ignore = deployment.inlineIgnores.first(where: {
                    $0.rules.contains(finding.ruleId) && deployment.resource($0.component) == finding.resource
                }) {
                    let line = deployment.source.location(ofOffset: ignore.origin.offset).line
                    evaluations[index].findings[findingIndex].suppression = Suppression(
                        kind: .inline, justification: ignore.reason, location: "\(source.path):\(line)")
                }
            }
        }
        return errors
    }
}
