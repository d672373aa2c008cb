import PolicyCheckModel
import PolicyCheckSyntax

extension RegionScanner {
    /// SAM's `Globals` sections and the resource types that inherit them: "declare them once in the Globals section
    /// and let your resources inherit them"
    /// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html).
    static let globalSections: [(name: String, type: String)] = [
        ("Function", "AWS::Serverless::Function"), ("Api", "AWS::Serverless::Api"),
        ("HttpApi", "AWS::Serverless::HttpApi"), ("SimpleTable", "AWS::Serverless::SimpleTable"),
        ("StateMachine", "AWS::Serverless::StateMachine"), ("LayerVersion", "AWS::Serverless::LayerVersion"),
    ]

    /// Adds the regions a `Globals` section names (a layer's or key's ARN in another region), as the properties of
    /// the resources that inherit it: the SAM transform writes them into each. A section no resource of the
    /// template inherits places nothing. Component: `Globals.Function` (before, such ARNs passed where the same ones
    /// on a function failed; tester, round 35).
    static func scanGlobals(_ template: Template, resolver: IntrinsicResolver, placed: inout Set<Placement>,
                            into deployment: inout Deployment) {
        guard let globals = template.root["Globals"]?.entries else { return }
        for section in globals {
            guard let type = globalSections.first(where: { $0.name == section.key })?.type,
                  section.value.entries != nil else { continue }
            let inheriting = template.resources.filter { $0.type == type }
            guard !inheriting.isEmpty else { continue }
            // A value every inheriting resource overrides reaches none of them: "Resources can override properties
            // that you declare in the Globals section" — a primitive (or an intrinsic function) is replaced, while a
            // list is added to and a map merged (the page's "Overridable properties"; review, round 35).
            let node = remaining(section.value, overriddenBy: inheriting.map { $0.properties?.value })
                ?? SourceNode(.mapping([]), offset: section.value.offset, tag: section.value.tag)
            let resource = TemplateResource(logicalID: "Globals.\(section.key)", type: type, keyOffset: section.keyOffset,
                                            node: node)
            let context = ResourceContext(resource: resource, template: template, resolver: resolver)
            var found: [RegionReference] = []
            visitSection(node, path: "Globals.\(section.key)", key: section.key, context: context, into: &found)
            for reference in found where placed.insert(Placement(region: reference.region, origin: reference.origin)).inserted {
                deployment.regions.append(reference)
            }
        }
    }

    /// What of a `Globals` value still reaches some inheriting resource: a primitive (or an intrinsic function) no
    /// resource sets; a list whatever they set (lists are added to); of a map, each entry by the same rule against
    /// the resources' entries, as maps are merged with a resource's entry winning on a duplicate key ("Maps are
    /// merged", SAM's globals documentation). `nil` when nothing does (regression run, round 35: a dead-letter queue
    /// ARN every function overrides failed).
    static func remaining(_ global: SourceNode, overriddenBy resources: [SourceNode?]) -> SourceNode? {
        if global.items != nil { return global }
        guard let entries = global.entries, !isIntrinsic(global) else {
            return resources.allSatisfy({ $0 != nil }) ? nil : global
        }
        guard resources.allSatisfy({ $0 != nil }) else { return global }
        let kept = entries.compactMap { entry -> SourceEntry? in
            remaining(entry.value, overriddenBy: resources.map { $0?[entry.key] }).map {
                SourceEntry(key: entry.key, keyOffset: entry.keyOffset, value: $0)
            }
        }
        return kept.isEmpty ? nil : SourceNode(.mapping(kept), offset: global.offset, tag: global.tag)
    }

    /// A mapping that is an intrinsic function (`{"Fn::Sub": …}`, `{"Ref": …}`), a value as a primitive is.
    private static func isIntrinsic(_ node: SourceNode) -> Bool {
        guard let entries = node.entries, entries.count == 1 else { return false }
        return entries[0].key == "Ref" || entries[0].key.hasPrefix("Fn::")
    }
}
