import Dispatch
import PolicyCheckModel
import PolicyCheckSyntax

/// Evaluates a compiled policy against deployments: a pure function of (policy, deployments, clock).
public struct Evaluator: Sendable {
    public let policy: CompiledPolicy
    /// Record every rule's outcome for every resource (`Evaluation.outcomes`); runs whose reports do not list them
    /// turn this off and keep only the findings.
    public var recordsOutcomes = true
    /// Threads a large deployment's rules may be evaluated on (`concurrentChecksFromBytes`): a run gives its spare
    /// cores here, as when one large plan is the only input of a run with `--jobs 2`.
    public var checkThreads = 1
    /// The smallest input whose rules run on several threads (`checkThreads`): below it, handing the rules out
    /// costs more than it saves.
    public var concurrentChecksFromBytes = 1 << 20

    public init(policy: CompiledPolicy) {
        self.policy = policy
    }

    /// Findings and per-rule outcomes for one deployment, in report order.
    public func evaluate(_ deployment: Deployment, context: CheckContext) -> Evaluation {
        var context = context
        context.parsedAllowlists = ParsedAllowlist.enabled(in: deployment)
        context.declaredKeys = DeclaredKeys(deployment)
        let rules = policy.rules
        var evaluation = Evaluation()
        if checkThreads > 1, deployment.source.bytes.count >= concurrentChecksFromBytes, rules.count > 1 {
            // Each rule's evaluation is pure and its own; their results are joined in rule order, as the loop
            // below appends them, so the report is the same bytes however the threads ran.
            let slots = ResultSlots<Evaluation>(count: rules.count)
            let frozen = context
            DispatchQueue.concurrentPerform(iterations: rules.count) { index in
                var part = Evaluation()
                evaluate(rules[index], deployment, context: frozen, into: &part)
                slots.set(index, part)
            }
            for part in slots.values {
                evaluation.findings += part.findings
                evaluation.outcomes += part.outcomes
            }
        } else {
            for rule in rules { evaluate(rule, deployment, context: context, into: &evaluation) }
        }
        evaluation.findings.sortForReport()
        evaluation.findings.removeRepeatedFindings()
        return evaluation
    }

    /// One rule's findings and outcomes for a deployment, appended to `evaluation`.
    private func evaluate(_ compiled: CompiledRule, _ deployment: Deployment, context: CheckContext,
                          into evaluation: inout Evaluation) {
        let rule = compiled.rule
        // What the rule's findings take from it, made once for all of them (on its first failure).
        var facts: CopyOnWriteFields<Finding.RuleFacts>?
        func ruleFacts() -> CopyOnWriteFields<Finding.RuleFacts> {
            if let facts { return facts }
            let made = CopyOnWriteFields(Finding.RuleFacts(ruleId: rule.id, title: rule.title, category: rule.category,
                                                           remediation: rule.remediation, controls: rule.controls))
            facts = made
            return made
        }
        guard rule.appliesTo.includes(deployment) else {
            if recordsOutcomes {
                evaluation.outcomes.append(RuleOutcome(ruleId: rule.id, resource: deployment.name,
                                                       file: deployment.source.path, status: .notApplicable))
            }
            return
        }
        for result in compiled.check.evaluate(deployment, context: context) {
            let status: RuleOutcome.Status
            switch result.outcome {
            case .pass:
                status = .pass
            case .notApplicable:
                status = .notApplicable
            case .fail(let evidence):
                status = .fail
                let resource = deployment.resource(result.component)
                let facts = ruleFacts()
                evaluation.findings += evidence.map { finding(rule, facts, resource, $0, deployment, cannotVerify: false) }
            case .cannotVerify(let evidence):
                status = .cannotVerify
                let resource = deployment.resource(result.component)
                let facts = ruleFacts()
                evaluation.findings += evidence.map { finding(rule, facts, resource, $0, deployment, cannotVerify: true) }
            }
            if recordsOutcomes {
                evaluation.outcomes.append(RuleOutcome(ruleId: rule.id, resource: deployment.resource(result.component),
                                                       file: deployment.source.path, status: status))
            }
        }
    }

    private func finding(_ rule: PolicyRule, _ facts: CopyOnWriteFields<Finding.RuleFacts>, _ resource: String,
                         _ evidence: Evidence, _ deployment: Deployment, cannotVerify: Bool) -> Finding {
        let location = deployment.locate(evidence.origin)
        // A key-material finding may point into a secret: its value must not reach a published fingerprint. Nor
        // may a value the input marks sensitive, nor reach a message.
        let sensitive = deployment.sensitiveValues
        var text = rule.category == .keyMaterial ? nil : OffendingValue.text(at: location.offset, in: location.file.bytes)
        var message = sensitive.redact(evidence.message)
        if let value = text, sensitive.occurs(in: value) { text = SensitiveValues.placeholder }
        if text == SensitiveValues.placeholder || message != evidence.message {
            message = Self.withheld(message, title: rule.title)
        }
        return Finding(
            rule: facts, severity: cannotVerify ? .info : rule.severity, resource: resource, file: location.file.path,
            line: location.line, column: location.column, utf16Column: location.utf16Column,
            path: sensitive.isEmpty ? evidence.origin.spelling : PathSpelling(sensitive.redact(evidence.origin.spelling.text)), message: message, cannotVerify: cannotVerify,
            // The scope (the ports a world-open entry opens) is counted even when a plan marks the block holding
            // it: ports are no secret worth guessing, and widening a baselined entry must stay a new finding.
            value: rule.category == .keyMaterial ? nil : Self.value(text, scope: evidence.scope)
        )
    }
}

extension Evaluator {
    /// The message of a finding about a value marked sensitive: what a check says of it beyond the placeholder
    /// derives from it (the network `10.20.30.41/31` means, the key id inside a key ARN, the region of an
    /// availability zone), so only the rule's title and what it expects are said.
    static func withheld(_ message: String, title: String) -> String {
        let expected = message.range(of: "; expected ", options: .backwards).map { String(message[$0.lowerBound...]) } ?? ""
        return "'\(SensitiveValues.placeholder)' fails: \(title) (what the check found in it is not shown, as it would tell of a value marked sensitive)\(expected)"
    }

    /// The value a fingerprint counts: the source text, then (after a NUL, which source text as read never holds)
    /// the evidence's scope (fingerprint version 4).
    static func value(_ text: String?, scope: String?) -> String? {
        guard let scope else { return text }
        return (text ?? "") + "\u{0}" + scope
    }
}

/// What evaluating one deployment produced.
public struct Evaluation: Sendable {
    public var findings: [Finding]
    public var outcomes: [RuleOutcome]

    public init(findings: [Finding] = [], outcomes: [RuleOutcome] = []) {
        self.findings = findings
        self.outcomes = outcomes
    }
}
