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
        let types = Set(template.resources.map(\.type))
        for section in globals {
            guard let type = globalSections.first(where: { $0.name == section.key })?.type, types.contains(type),
                  section.value.entries != nil else { continue }
            let resource = TemplateResource(logicalID: "Globals.\(section.key)", type: type, keyOffset: section.keyOffset,
                                            node: section.value)
            let context = ResourceContext(resource: resource, template: template, resolver: resolver)
            var found: [RegionReference] = []
            visitSection(section.value, path: "Globals.\(section.key)", key: section.key, context: context, into: &found)
            for reference in found where placed.insert(Placement(region: reference.region, origin: reference.origin)).inserted {
                deployment.regions.append(reference)
            }
        }
    }
}
