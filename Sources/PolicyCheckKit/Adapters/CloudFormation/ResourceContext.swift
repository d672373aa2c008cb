/// What a mapper needs to read one resource: the resource, the template around it and the resolver.
struct ResourceContext {
    let resource: TemplateResource
    let template: Template
    let resolver: IntrinsicResolver

    /// The logical id: the resource name findings use.
    var component: String { resource.logicalID }

    /// The resource as a whole, at its logical id.
    var origin: Origin { Origin(offset: resource.keyOffset, path: resource.path) }
}

/// Maps the resources of some CloudFormation types into the model.
protocol ResourceMapper: Sendable {
    /// The resource types it reads, e.g. `AWS::S3::Bucket`.
    static var types: [String] { get }
    static func map(_ context: ResourceContext, into deployment: inout Deployment)
}
