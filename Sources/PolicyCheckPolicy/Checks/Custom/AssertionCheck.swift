import PolicyCheckModel

/// A custom rule's assertion as a check: select resources of one kind, judge each against a condition tree.
///
/// Compiled once per run from the rule's `select`/`assert`/`message` (or, as `check: custom.assert`, from the same
/// keys under `parameters`); the evaluator treats it like every built-in check.
public struct AssertionCheck: Check {
    public static let name = "custom.assert"

    public let selector: ResourceSelector
    public let condition: Condition
    public let message: MessageTemplate?

    public init(selector: ResourceSelector, condition: Condition, message: MessageTemplate?) {
        self.selector = selector
        self.condition = condition
        self.message = message
    }

    /// Reads `select`, `assert` and `message` from the parameters (the long form of a custom rule).
    public init(parameters: CheckParameters) {
        let compiled = parameters.withRawAccess { view in
            view.allowOnly(["select", "assert", "message"])
            return AssertionCompiler(reader: view.reader).compile(
                select: view.value("select"), selectPath: view.childPath("select"),
                assert: view.value("assert", required: true), assertPath: view.childPath("assert"),
                message: view.string("message"), ruleOffset: view.node.offset
            )
        }
        // On a pack error the rule is rejected by the loader; this value is never evaluated.
        self = compiled ?? AssertionCheck(selector: ResourceSelector(kind: .deployment), condition: .all([]), message: nil)
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        guard selector.formats.isEmpty || selector.formats.contains(deployment.format) else {
            return [CheckResult("", .notApplicable)]
        }
        var results: [CheckResult] = []
        for resource in ResourceCatalog.resources(selector.kind, in: deployment, keys: context.declaredKeys) {
            if let filter = selector.filter {
                let selected = filter.evaluate(resource)
                switch selected.verdict {
                case .fail: continue
                case .unknown:
                    results.append(CheckResult(resource.component, .cannotVerify(unknown(selected.witnesses, resource))))
                    continue
                case .pass: break
                }
            }
            let result = condition.evaluate(resource)
            switch result.verdict {
            case .pass:
                results.append(CheckResult(resource.component, .pass))
            case .fail:
                let witness = result.witnesses.first { $0.attribute != nil } ?? result.witnesses.first
                let name = deployment.resource(resource.component)
                let text = message?.render(resource: resource, name: name, witness: witness)
                    ?? result.witnesses.prefix(3).map(\.explanation).joined(separator: "; ")
                results.append(CheckResult(resource.component, .fail([Evidence(text, at: location(witness, resource))])))
            case .unknown:
                results.append(CheckResult(resource.component, .cannotVerify(unknown(result.witnesses, resource))))
            }
        }
        return results.isEmpty ? [CheckResult("", .notApplicable)] : results
    }

    /// The attribute's origin when it is set, else the resource's.
    private func location(_ witness: Condition.Witness?, _ resource: CustomResource) -> Origin {
        witness?.attribute?.origin ?? resource.origin
    }

    private func unknown(_ witnesses: [Condition.Witness], _ resource: CustomResource) -> [Evidence] {
        let witness = witnesses.first
        let reason = witness?.unknownReason ?? "unknown"
        return [Evidence("'\(witness?.path ?? "")' cannot be verified: \(reason)", at: location(witness, resource))]
    }
}
