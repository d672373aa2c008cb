import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckSyntax

/// Applies the inline ignores of one input — `# policycheck:ignore` comments in any of the files its deployments were
/// read from, and the ignores adapters read into `Deployment.inlineIgnores` — to the findings of those deployments.
/// A comment covers findings in its own file only.
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
        // The files the deployments were read from, each scanned once (deployments of one file share it).
        var sources: [SourceFile] = []
        for file in deployments.flatMap(\.sourceFiles) where !sources.contains(where: { $0 === file }) {
            sources.append(file)
        }
        var comments: [(file: SourceFile, comment: InlineCommentScanner.Comment)] = []
        var errors: [Diagnostic] = []
        let scanner = InlineCommentScanner(ruleIds: ruleIds)
        for source in sources {
            let scanned = scanner.scan(source)
            comments += scanned.comments.map { (source, $0) }
            errors += scanned.errors
        }
        for deployment in deployments {
            for ignore in deployment.inlineIgnores {
                if let unknown = ignore.rules.first(where: { !ruleIds.contains($0) }) {
                    errors.append(Diagnostic(at: deployment.locate(ignore.origin),
                                             "'\(ignore.origin.path)' names unknown rule '\(Excerpt.quote(unknown))'"
                                                + Suggestion.clause(for: unknown, among: ruleIds)))
                }
            }
        }
        var usedComments = Set<Int>()
        var usedIgnores = deployments.map { _ in Set<Int>() }
        for (index, deployment) in deployments.enumerated() where index < evaluations.count {
            for findingIndex in evaluations[index].findings.indices {
                let finding = evaluations[index].findings[findingIndex]
                if let used = comments.firstIndex(where: {
                    $0.file.path == finding.file && $0.comment.covers(ruleId: finding.ruleId, line: finding.line)
                }) {
                    usedComments.insert(used)
                    let (file, comment) = comments[used]
                    evaluations[index].findings[findingIndex].suppression = Suppression(
                        kind: .inline, justification: comment.reason, location: "\(file.path):\(comment.line)")
                } else if let used = deployment.inlineIgnores.firstIndex(where: {
                    $0.rules.contains(finding.ruleId) && deployment.resource($0.component) == finding.resource
                }) {
                    usedIgnores[index].insert(used)
                    let ignore = deployment.inlineIgnores[used]
                    let place = deployment.locate(ignore.origin)
                    evaluations[index].findings[findingIndex].suppression = Suppression(
                        kind: .inline, justification: ignore.reason, location: "\(place.file.path):\(place.line)")
                }
            }
        }
        var stale: [Diagnostic] = []
        for (index, (file, comment)) in comments.enumerated() where !usedComments.contains(index) {
            stale.append(Diagnostic(file: file.path, location: SourceLocation(line: comment.line, column: comment.column),
                                    message: Self.staleMessage(comment.rules), severity: .warning))
        }
        for (index, deployment) in deployments.enumerated() {
            for (position, ignore) in deployment.inlineIgnores.enumerated() where !usedIgnores[index].contains(position) {
                stale.append(Diagnostic(at: deployment.locate(ignore.origin), Self.staleMessage(ignore.rules),
                                        severity: .warning))
            }
        }
        return (errors, stale)
    }

    private static func staleMessage(_ rules: [String]) -> String {
        "stale inline ignore (\(rules.joined(separator: ", "))) matched no finding; remove it"
    }
}
