import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckSyntax

/// Applies the inline ignores of one input — `# policycheck:ignore` comments in any of the files its deployments were
/// read from, and the ignores adapters read into `Deployment.inlineIgnores` — to the findings of those deployments.
/// A comment covers findings in its own file only.
public struct InlineSuppressor: Sendable {
    public var ruleIds: [String] { didSet { known = KnownRules(ruleIds) } }
    /// The ids prepared once for every input of a run.
    private var known: KnownRules

    public init(ruleIds: [String]) {
        self.ruleIds = ruleIds
        known = KnownRules(ruleIds)
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
        let scanner = InlineCommentScanner(known: known)
        for source in sources {
            let scanned = scanner.scan(source)
            comments += scanned.comments.map { (source, $0) }
            errors += scanned.errors
        }
        for deployment in deployments {
            for ignore in deployment.inlineIgnores {
                if let unknown = ignore.rules.first(where: { !known.contains($0) }) {
                    errors.append(Diagnostic(at: deployment.locate(ignore.origin),
                                             "'\(ignore.origin.path)' names unknown rule '\(Excerpt.quote(unknown))'"
                                                + known.suggestion(for: unknown)))
                }
            }
        }
        // Comments by file and line, ignores by the resource they name: each finding looks up its own few
        // candidates (scanning every comment and ignore per finding was findings × ignores — 10,000 annotated
        // Services took 50 s). The first one that covers a finding, in document order, still wins.
        var commentsByPlace: [String: [Int: [Int]]] = [:]
        for (position, entry) in comments.enumerated() {
            commentsByPlace[entry.file.path, default: [:]][entry.comment.line, default: []].append(position)
        }
        func coveringComments(_ finding: Finding) -> [Int] {
            guard let lines = commentsByPlace[finding.file] else { return [] }
            let onLine = lines[finding.line] ?? []
            let above = (lines[finding.line - 1] ?? []).filter { comments[$0].comment.standsAlone }
            return (onLine + above).filter { comments[$0].comment.covers(ruleId: finding.ruleId, line: finding.line) }
        }
        let refused = Self.commentsSpanningDeclarations(comments, evaluations: evaluations, deployments: deployments,
                                                        covering: coveringComments)
        errors += refused.errors
        func coveringComment(_ finding: Finding) -> Int? {
            coveringComments(finding).filter { !refused.comments.contains($0) }.min()
        }
        var usedComments = Set<Int>()
        var usedIgnores = deployments.map { _ in Set<Int>() }
        for (index, deployment) in deployments.enumerated() where index < evaluations.count {
            var ignoresByResource: [String: [Int]] = [:]
            for (position, ignore) in deployment.inlineIgnores.enumerated() {
                ignoresByResource[deployment.resource(ignore.component), default: []].append(position)
            }
            for findingIndex in evaluations[index].findings.indices {
                let finding = evaluations[index].findings[findingIndex]
                if let used = coveringComment(finding) {
                    usedComments.insert(used)
                    let (file, comment) = comments[used]
                    evaluations[index].findings[findingIndex].suppression = Suppression(
                        kind: .inline, justification: comment.reason, location: "\(file.path):\(comment.line)")
                } else if let used = ignoresByResource[finding.resource]?.first(where: {
                    deployment.inlineIgnores[$0].rules.contains(finding.ruleId)
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
        for (index, (file, comment)) in comments.enumerated()
        where !usedComments.contains(index) && !refused.comments.contains(index) {
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

    /// The comments whose findings belong to more than one resource declaration, as errors at the comment: a value
    /// several resources use (a Terraform variable's default or a local, a stack set's body) is placed at one line,
    /// so an ignore reviewed for one resource would silently cover the others, and those added later. Such a comment
    /// covers nothing. Instances of one declaration (`count`, `for_each`, module calls, `Fn::ForEach`) are one.
    private static func commentsSpanningDeclarations(
        _ comments: [(file: SourceFile, comment: InlineCommentScanner.Comment)], evaluations: [Evaluation],
        deployments: [Deployment], covering: (Finding) -> [Int]
    ) -> (comments: Set<Int>, errors: [Diagnostic]) {
        guard !comments.isEmpty else { return ([], []) }
        // Per comment: each declaration it covers, with the first resource name seen for it (to name it).
        var declarations: [Int: [String: String]] = [:]
        for (index, deployment) in deployments.enumerated() where index < evaluations.count {
            for (number, finding) in evaluations[index].findings.enumerated() {
                let covered = covering(finding)
                guard !covered.isEmpty,
                      var declaration = ResourceDeclaration.of(finding.resource, in: deployment) else { continue }
                // A name spelt with a withheld value tells no declaration from another (two unused `NoEcho`
                // defaults `Bastion` and `Db` made both stack-set resources `Web/(sensitive value)`): each such
                // finding counts as its own.
                if finding.resource.contains(SensitiveValues.placeholder) { declaration += "\u{0}\(index)\u{0}\(number)" }
                for comment in covered where declarations[comment]?[declaration] == nil {
                    declarations[comment, default: [:]][declaration] = finding.resource
                }
            }
        }
        var refused = Set<Int>()
        var errors: [Diagnostic] = []
        for (comment, byDeclaration) in declarations.sorted(by: { $0.key < $1.key }) where byDeclaration.count > 1 {
            refused.insert(comment)
            let (file, place) = comments[comment]
            errors.append(Diagnostic(file: file.path, location: SourceLocation(line: place.line, column: place.column),
                                     message: spanningMessage(byDeclaration.values.sorted())))
        }
        return (refused, errors)
    }

    private static func spanningMessage(_ resources: [String]) -> String {
        let shown = resources.prefix(3).map { "'\(Excerpt.quote($0))'" }.joined(separator: ", ")
        let more = resources.count > 3 ? " and \(resources.count - 3) more" : ""
        return "'\(InlineCommentScanner.marker)' covers findings of \(resources.count) resources declared apart "
            + "(\(shown)\(more)), which share a value placed on this line, so it covers none of them: "
            + "waive each resource by name in the waiver file instead"
    }

    private static func staleMessage(_ rules: [String]) -> String {
        "stale inline ignore (\(rules.joined(separator: ", "))) matched no finding; remove it"
    }

    /// Whether a warning is one of `suppress`'s stale ignores.
    package static func isStaleIgnore(_ warning: Diagnostic) -> Bool {
        warning.severity == .warning && warning.message.hasPrefix("stale inline ignore (")
    }
}
