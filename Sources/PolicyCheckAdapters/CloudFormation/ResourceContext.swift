import PolicyCheckModel
import PolicyCheckSyntax

/// What a mapper needs to read one resource: the resource, the template around it and the resolver.
struct ResourceContext {
    let resource: TemplateResource
    let template: Template
    let resolver: IntrinsicResolver
    /// What other resources of the template say about this one (bucket policies, log destinations), indexed once.
    var relations: TemplateRelations?

    /// The logical id: the resource name findings use.
    var component: String { resource.logicalID }

    /// The resource as a whole, at its logical id.
    var origin: Origin { Origin(offset: resource.keyOffset, path: resource.path) }

    /// Where the model values that stand for the whole resource (data stores, keys) are: its `Properties` mapping
    /// (`Resources.X.Properties`, so that `raw.<path>` reads `Resources.X.Properties.<path>`), else the logical id.
    var modelOrigin: Origin {
        guard let entry = resource.properties, entry.value.entries != nil else { return origin }
        return Origin(offset: entry.keyOffset, path: "\(resource.path).Properties")
    }

    /// The node a model value's origin names, for custom rules' `raw.<path>`: the `Properties` mapping, or a node
    /// below it at exactly that path and offset. `nil` when the value is not written literally there (absent, or
    /// reached through a parameter, `!If` or other intrinsic function).
    func rawNode(at origin: Origin) -> SourceNode? {
        guard let properties = resource.properties, properties.value.entries != nil else { return nil }
        let prefix = "\(resource.path).Properties"
        if origin.path == prefix { return origin.offset == properties.keyOffset ? properties.value : nil }
        guard origin.path.hasPrefix(prefix + "."),
              let steps = RawPath.parse(String(origin.path.dropFirst(prefix.count + 1))),
              let node = RawPath.node(properties.value, steps) else { return nil }
        return node.offset == origin.offset ? node : nil
    }
}

/// Maps the resources of some CloudFormation types into the model.
protocol ResourceMapper: Sendable {
    /// The resource types it reads, e.g. `AWS::S3::Bucket`.
    static var types: [String] { get }
    static func map(_ context: ResourceContext, into deployment: inout Deployment)
}
