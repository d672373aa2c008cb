@testable import PolicyCheckAdapters
import PolicyCheckSyntax
import PolicyCheckTestSupport
import Testing

/// Overrides merged through indexes kept across overrides give what merging them one at a time, scanning the block
/// each time, gave (the code before: kept here as the reference), on random blocks and overrides, `dynamic` and
/// `lifecycle` blocks included.
@Suite struct TerraformMergingBodyTests {
    static func reference(_ original: HCLBody, _ override: HCLBody) -> HCLBody {
        var merged = original
        for attribute in override.attributes {
            if let index = merged.attributes.firstIndex(where: { $0.name == attribute.name }) {
                merged.attributes[index] = attribute
            } else {
                merged.attributes.append(attribute)
            }
        }
        func kind(_ block: HCLBlock) -> String { block.type == "dynamic" ? block.labels.first?.text ?? "" : block.type }
        var replaced: Set<String> = []
        for block in override.blocks {
            if block.type == "lifecycle", let index = merged.blocks.firstIndex(where: { $0.type == "lifecycle" }) {
                merged.blocks[index].body = reference(merged.blocks[index].body, block.body)
                continue
            }
            let type = kind(block)
            if replaced.insert(type).inserted { merged.blocks.removeAll { kind($0) == type } }
            merged.blocks.append(block)
        }
        return merged
    }

    /// Every attribute, block type, label and offset, nested bodies included.
    static func spell(_ body: HCLBody) -> String {
        let attributes = body.attributes.map { "\($0.name)@\($0.offset)" }.joined(separator: ",")
        let blocks = body.blocks.map { block in
            "\(block.type)(\(block.labels.map(\.text).joined(separator: ".")))@\(block.offset){\(spell(block.body))}"
        }.joined(separator: ",")
        return "[\(attributes)|\(blocks)]"
    }

    static func body(_ random: inout SplitMix64, next: inout Int, depth: Int = 0) -> HCLBody {
        func offset() -> Int { next += 1; return next }
        let attributes = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            HCLAttribute(name: ["a", "b", "c", "d"].randomElement(using: &random)!, offset: offset(),
                         value: HCLExpression(.null, at: 0))
        }
        let blocks: [HCLBlock] = depth > 1 ? [] : (0..<Int.random(in: 0...3, using: &random)).map { _ in
            let type = ["ingress", "egress", "lifecycle", "dynamic", "tag"].randomElement(using: &random)!
            let labels = type == "dynamic" ? [HCLLabel(text: ["ingress", "lifecycle", "tag"].randomElement(using: &random)!, offset: 0)] : []
            return HCLBlock(type: type, offset: offset(), labels: labels, body: body(&random, next: &next, depth: depth + 1))
        }
        return HCLBody(attributes: attributes, blocks: blocks, offset: offset())
    }

    @Test func randomOverridesMergeAsMergingThemOneAtATimeDid() {
        var random = SplitMix64(seed: 23)
        for _ in 0..<2000 {
            var next = 0
            let original = Self.body(&random, next: &next)
            let overrides = (0..<Int.random(in: 1...4, using: &random)).map { _ in Self.body(&random, next: &next) }
            let expected = overrides.reduce(original, Self.reference)
            let merging = TerraformMergingBody(original)
            for override in overrides { merging.merge(override) }
            #expect(Self.spell(merging.body) == Self.spell(expected))
        }
    }
}
