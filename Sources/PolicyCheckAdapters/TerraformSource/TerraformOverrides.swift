import PolicyCheckSyntax

/// Terraform's override files (`override.tf`, `*_override.tf`, and their `.tf.json` forms), merged into the
/// module's other files after them, in name order, as Terraform merges them: each block overrides the block of the
/// same type and labels; an argument replaces the argument of its name; nested blocks of a type replace every
/// nested block (and `dynamic` block) of that type, except `lifecycle`, merged argument by argument; `locals`
/// replace local values by name. A block that overrides nothing is an error, as in Terraform.
/// https://developer.hashicorp.com/terraform/language/files/override
enum TerraformOverrides {
    static func isOverride(_ name: String) -> Bool {
        let stem = name.hasSuffix(".tf.json") ? String(name.dropLast(8)) : name.hasSuffix(".tf") ? String(name.dropLast(3)) : name
        return stem == "override" || stem.hasSuffix("_override")
    }

    /// The primary files with every override file merged in. Merged parts keep their override file's place: their
    /// offsets are made packed (file and offset), which `TerraformSourceFile.packed` and the evaluator keep as is.
    static func merge(_ primaries: [TerraformSourceFile], _ overrides: [TerraformSourceFile]) throws(TerraformSourceError) -> [TerraformSourceFile] {
        var bodies = primaries.map(\.body)
        for override in overrides {
            let moved = override.body.shifted(by: override.base)
            for (position, block) in moved.blocks.enumerated() {
                let local = override.body.blocks[position].offset
                func refuse(_ what: String) -> TerraformSourceError {
                    .syntax(override.source, SyntaxError(offset: local, message: "\(what) in an override file overrides nothing: the module's other files do not declare it"))
                }
                switch block.type {
                case "terraform", "moved", "import", "check", "removed":
                    continue
                case "locals":
                    for attribute in block.body.attributes {
                        guard let (file, index) = locate(bodies, { $0.type == "locals" && $0.body[attribute: attribute.name] != nil }) else {
                            throw refuse("local.\(attribute.name)")
                        }
                        bodies[file].blocks[index].body = mergeBody(bodies[file].blocks[index].body, HCLBody(attributes: [attribute], offset: block.body.offset))
                    }
                default:
                    let key = identity(block)
                    guard let (file, index) = locate(bodies, { identity($0) == key }) else {
                        throw refuse(([block.type] + block.labels.map { "\"\($0.text)\"" }).joined(separator: " "))
                    }
                    bodies[file].blocks[index].body = mergeBody(bodies[file].blocks[index].body, block.body)
                }
            }
        }
        return zip(primaries, bodies).map { TerraformSourceFile(source: $0.source, body: $1, index: $0.index) }
    }

    /// Type and labels; a provider by its name and alias.
    private static func identity(_ block: HCLBlock) -> [String] {
        var key = [block.type] + block.labels.map(\.text)
        if block.type == "provider" { key.append(block.body[attribute: "alias"]?.value.literalText ?? "") }
        return key
    }

    private static func locate(_ bodies: [HCLBody], _ matches: (HCLBlock) -> Bool) -> (Int, Int)? {
        for (file, body) in bodies.enumerated() {
            if let index = body.blocks.firstIndex(where: matches) { return (file, index) }
        }
        return nil
    }

    private static func mergeBody(_ original: HCLBody, _ override: HCLBody) -> HCLBody {
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
                merged.blocks[index].body = mergeBody(merged.blocks[index].body, block.body)
                continue
            }
            let type = kind(block)
            if replaced.insert(type).inserted { merged.blocks.removeAll { kind($0) == type } }
            merged.blocks.append(block)
        }
        return merged
    }
}
