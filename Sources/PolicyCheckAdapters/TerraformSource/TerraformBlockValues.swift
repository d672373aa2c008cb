import PolicyCheckSyntax

/// A block body's attributes and nested blocks as one object value, the shape a plan gives resource values:
/// nested blocks become lists of objects, `dynamic` blocks expand over their `for_each`.
enum TerraformBlockValues {
    /// Arguments that steer Terraform rather than configure the resource.
    static let metaArguments: Set<String> = ["count", "for_each", "provider", "depends_on", "source", "version", "providers"]
    /// Blocks that steer Terraform — only directly in a resource's body: a nested block of the same name is the
    /// provider's (`aws_backup_plan`'s `rule { lifecycle { delete_after = … } }`).
    /// https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle
    static let metaBlocks: Set<String> = ["lifecycle", "provisioner", "connection"]

    /// A resource's body (skipping its meta-arguments and meta-blocks) or, with `nested`, a nested block's.
    static func evaluate(_ body: HCLBody, _ evaluator: TerraformEvaluator,
                         nested: Bool = false) throws(TerraformEvaluationError) -> [String: TerraformValue] {
        let skipped = nested ? [] : metaArguments
        let skippedBlocks = nested ? [] : metaBlocks
        var values: [String: TerraformValue] = [:]
        for attribute in body.attributes where !skipped.contains(attribute.name) {
            values[attribute.name] = try evaluator.evaluateArgument(attribute.value)
        }
        var lists: [String: [TerraformValue]] = [:]
        // Where each list's first block is written: a `dynamic` block that generates nothing still names the place
        // its blocks would be (a finding on the empty list points there, not at the file's first byte).
        var firstBlock: [String: Int] = [:]
        // Blocks of a `dynamic` whose for_each is unknown: one unknown item each, in its place among the others.
        var unknown: [String: (value: TerraformValue, count: Int)] = [:]
        for block in body.blocks where !skippedBlocks.contains(block.type) {
            if block.type == "dynamic", let label = block.labels.first?.text {
                if firstBlock[label] == nil { firstBlock[label] = evaluator.place(block.offset) }
                switch try dynamic(block, label: label, evaluator) {
                case .known(let items): lists[label, default: []] += items
                case .unknown(let value):
                    lists[label, default: []].append(value)
                    unknown[label] = (unknown[label]?.value ?? value, (unknown[label]?.count ?? 0) + 1)
                }
                continue
            }
            let inner = try evaluate(block.body, evaluator, nested: true)
            if firstBlock[block.type] == nil { firstBlock[block.type] = evaluator.place(block.offset) }
            lists[block.type, default: []].append(TerraformValue(.object(inner), at: evaluator.place(block.offset)))
        }
        for (name, items) in lists {
            // Only unknown dynamic blocks: how many blocks there are, and what they say, is unknown. Beside blocks
            // that are known (a static `ingress` open to 0.0.0.0/0 with a `dynamic "ingress"` over a variable), those
            // stay known and judged, and each unknown one stands as an unknown item (round 24: the unknown dynamic
            // block made the whole list unknown, hiding the static rule's critical finding behind an info).
            if let dynamic = unknown[name], dynamic.count == items.count {
                values[name] = dynamic.value
                continue
            }
            let offset = items.first?.offset ?? firstBlock[name] ?? 0
            values[name] = TerraformValue(.list(items), at: offset)
        }
        return values
    }

    private enum Dynamic {
        case known([TerraformValue])
        case unknown(TerraformValue)
    }

    /// `dynamic "label" { for_each = …, iterator = name, content { … } }`.
    private static func dynamic(_ block: HCLBlock, label: String,
                                _ evaluator: TerraformEvaluator) throws(TerraformEvaluationError) -> Dynamic {
        let offset = evaluator.place(block.offset)
        guard let forEach = block.body[attribute: "for_each"] else {
            throw TerraformEvaluationError("a dynamic block needs for_each", at: offset)
        }
        guard let content = block.body.blocks("content").first else {
            throw TerraformEvaluationError("a dynamic block needs a content block", at: offset)
        }
        let iterator = block.body[attribute: "iterator"]?.value.traversalText ?? label
        let collection = try evaluator.evaluateArgument(forEach.value)
        if let reason = collection.unknownReason {
            return .unknown(.unknown("the \(label) blocks come from a dynamic block whose for_each is unknown (\(reason))", at: collection.offset))
        }
        var items: [TerraformValue] = []
        for (key, value) in try TerraformForExpression.elements(of: collection, at: collection.offset) {
            let binding = TerraformValue(.object(["key": key, "value": value]), at: value.offset)
            let inner = try evaluate(content.body, evaluator.binding(iterator, binding), nested: true)
            items.append(TerraformValue(.object(inner), at: evaluator.place(content.offset)))
        }
        return .known(items)
    }
}
