import PolicyCheckSyntax

/// Applies the inline ignores of one input file — `# policycheck:ignore` comments and the ignores adapters read
/// into `Deployment.inlineIgnores` — to the findings of that file's deployments.
public struct InlineSuppressor: Sendable {
    public var ruleIds: [String]

    public init(ruleIds: [String]) {
        self.ruleIds = ruleIds
    }

    /// Marks covered findings as suppressed (`inline`); returns malformed or unknown-rule ignores as errors, and
    /// the stale ignores — those that covered no finding — as warnings, as stale waivers are reported: an ignore
    /// left behind after a fix would otherwise hide the next regression. `evaluations[i]` holds the findings of
    /// `deployments[i]`.
    public func apply(to evaluations: inout [Evaluation],
                      deployments: [Deployment]) -> (errors: [Diagnostic], stale: [Diagnostic]) {
        guard let source = deployments.first?.source else { return ([], []) }
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
        var usedComments = Set<Int>()
        /// Per deployment, the positions of its `inlineIgnores` that covered a finding.
        var usedIgnores = deployments.map { _ in Set<Int>() }
        for (index, deployment) in deployments.enumerated() where index < evaluations.count {
            for findingIndex in evaluations[index].findings.indices {
                let finding = evaluations[index].findings[findingIndex]
                if let used = comments.firstIndex(where: { $0.covers(ruleId: finding.ruleId, line: finding.line) }) {
                    usedComments.insert(used)
                    evaluations[index].findings[findingIndex].suppression = Suppression(
                        kind: .inline, justification: comments[used].reason, location: "\(source.path):\(comments[used].line)")
                } else if let used = deployment.inlineIgnores.firstIndex(where: {
                    $0.rules.contains(finding.ruleId) && deployment.resource($0.component) == finding.resource
                }) {
                    usedIgnores[index].insert(used)
                    let ignore = deployment.inlineIgnores[used]
                    let line = deployment.source.location(ofOffset: ignore.origin.offset).line
                    evaluations[index].findings[findingIndex].suppression = Suppression(
                        kind: .inline, justification: ignore.reason, location: "\(source.path):\(line)")
                }
            }
        }
        var stale: [Diagnostic] = []
        for (index, comment) in comments.enumerated() where !usedComments.contains(index) {
            stale.append(Diagnostic(file: source.path, location: SourceLocation(line: comment.line, column: comment.column),
                                    message: Self.staleMessage(comment.rules), severity: .warning))
        }
        for (index, deployment) in deployments.enumerated() {
            for (position, ignore) in deployment.inlineIgnores.enumerated() where !usedIgnores[index].contains(position) {
                stale.append(Diagnostic(deployment.source, offset: ignore.origin.offset, Self.staleMessage(ignore.rules),
                                        severity: .warning))
            }
        }
        return (errors, stale)
    }

    private static func staleMessage(_ rules: [String]) -> String {
        "stale inline ignore (\(rules.joined(separator: ", "))) matched no finding; remove it"
    }
}
