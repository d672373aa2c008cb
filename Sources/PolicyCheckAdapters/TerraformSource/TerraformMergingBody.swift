import PolicyCheckSyntax

/// A block's body with override after override merged into it, as Terraform merges them: an argument replaces the
/// argument of its name (or is added); a nested block's type replaces every nested block (and `dynamic` block) of that
/// type, except `lifecycle`, merged into the first `lifecycle` block argument by argument.
///
/// Arguments are found by name and nested blocks by type through indexes kept across overrides, and replaced blocks
/// are marked rather than taken out, so an override costs its own size, not the block's: 40,000 overrides of one
/// block, each adding an argument, rebuilt or scanned the growing block 40,000 times.
final class TerraformMergingBody {
    private let offset: Int
    private var attributes: [HCLAttribute]
    private var attributeIndex: [String: Int] = [:]
    /// Nested blocks in order; `nil` where a later override replaced one.
    private var blocks: [HCLBlock?]
    /// Positions of the blocks still in place, by type (a `dynamic` block's by the type it generates).
    private var positionsByKind: [String: [Int]] = [:]
    /// Positions of blocks of type `lifecycle`, in order; those replaced since are passed over from the front.
    private var lifecycles: [Int] = []
    private var firstLifecycle = 0
    /// `lifecycle` blocks being merged into, by position.
    private var merging: [Int: TerraformMergingBody] = [:]

    init(_ body: HCLBody) {
        offset = body.offset
        attributes = body.attributes
        blocks = body.blocks
        for (index, attribute) in attributes.enumerated() where attributeIndex[attribute.name] == nil {
            attributeIndex[attribute.name] = index
        }
        for (position, block) in body.blocks.enumerated() { file(block, at: position) }
    }

    /// What a `dynamic` block generates is the type it replaces and is replaced by.
    private static func kind(_ block: HCLBlock) -> String {
        block.type == "dynamic" ? block.labels.first?.text ?? "" : block.type
    }

    private func file(_ block: HCLBlock, at position: Int) {
        positionsByKind[Self.kind(block), default: []].append(position)
        if block.type == "lifecycle" { lifecycles.append(position) }
    }

    /// The first `lifecycle` block still in place.
    private func lifecycle() -> Int? {
        while firstLifecycle < lifecycles.count, blocks[lifecycles[firstLifecycle]] == nil { firstLifecycle += 1 }
        return firstLifecycle < lifecycles.count ? lifecycles[firstLifecycle] : nil
    }

    func merge(_ override: HCLBody) {
        for attribute in override.attributes {
            if let index = attributeIndex[attribute.name] {
                attributes[index] = attribute
            } else {
                attributeIndex[attribute.name] = attributes.count
                attributes.append(attribute)
            }
        }
        var replaced: Set<String> = []
        for block in override.blocks {
            if block.type == "lifecycle", let position = lifecycle() {
                let target = merging[position] ?? TerraformMergingBody(blocks[position]!.body)
                merging[position] = target
                target.merge(block.body)
                continue
            }
            let kind = Self.kind(block)
            if replaced.insert(kind).inserted {
                for position in positionsByKind[kind] ?? [] {
                    blocks[position] = nil
                    merging[position] = nil
                }
                positionsByKind[kind] = nil
            }
            blocks.append(block)
            file(block, at: blocks.count - 1)
        }
    }

    /// The merged body.
    var body: HCLBody {
        var merged: [HCLBlock] = []
        for (position, block) in blocks.enumerated() {
            guard var block else { continue }
            if let target = merging[position] { block.body = target.body }
            merged.append(block)
        }
        return HCLBody(attributes: attributes, blocks: merged, offset: offset)
    }
}
