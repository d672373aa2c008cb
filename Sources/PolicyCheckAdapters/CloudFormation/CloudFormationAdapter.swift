import PolicyCheckModel
import PolicyCheckSyntax

/// Reads AWS CloudFormation templates, JSON or YAML (with short-form tags such as `!Ref` and `!GetAtt`), into a
/// `Deployment` per template document.
///
/// Components are the resources' logical ids; paths look like `Resources.MyDB.Properties.KmsKeyId`. Intrinsic
/// functions are resolved as far as the template says (see `IntrinsicResolver`); what it cannot say is unknown and
/// reported as "cannot be verified". Resource-level `Condition`s are not evaluated: every resource is judged as if
/// created. `docs/cloudformation.md` describes the mapping.
public struct CloudFormationAdapter: DocumentAdapter {
    public static let format = InputFormat.cloudFormation

    /// The resource mappers, by the types they read.
    static let mappers: [any ResourceMapper.Type] = [
        DatabaseMapper.self, BucketMapper.self, KeyMapper.self, SecurityGroupMapper.self, ClusterMapper.self,
        EmbeddedManifestMapper.self,
        BackupMapper.self, CacheMapper.self, VolumeMapper.self, SecretMapper.self, TrailMapper.self, ListenerMapper.self,
        ListenerRuleMapper.self, LogGroupMapper.self, FileSystemMapper.self, DocumentGraphMapper.self, GlobalDatabaseMapper.self, DynamoDBMapper.self,
        SearchDomainMapper.self, InstanceVolumeMapper.self, ClassicListenerMapper.self, CacheClusterMapper.self,
        RedshiftMapper.self, DAXMapper.self, KinesisStreamMapper.self, KafkaClusterMapper.self, MessageBrokerMapper.self, NodegroupMapper.self, NeptuneInstanceMapper.self, SpotFleetMapper.self,
        MemoryDBMapper.self, FSxMapper.self, ServerlessCacheMapper.self, DatabaseProxyMapper.self,
        NetworkLoadBalancerMapper.self, WorkspaceMapper.self, ServerlessCollectionMapper.self, LightsailDatabaseMapper.self, DMSReplicationInstanceMapper.self,
        RedshiftWorkgroupMapper.self, WAFIPSetMapper.self,
    ]

    public init() {}

    /// A mapping with `AWSTemplateFormatVersion`, or with `Resources` whose values have `Type: AWS::…`.
    public static func recognises(_ document: SourceNode) -> Bool {
        Template.recognises(document) || CDKAssemblyManifest.recognises(document) || SAMConfig.recognises(document)
    }

    /// One deployment per template document, each followed by those of the stack sets' templates it holds
    /// (`NestedTemplates`); the problems of every document are reported together.
    public func deployments(from documents: [SourceNode], source: SourceFile,
                            options: AdapterOptions) throws(Diagnostics) -> [Deployment] {
        var deployments: [Deployment] = []
        var problems: [Diagnostic] = []
        for document in documents where Self.recognises(document) {
            if !Template.recognises(document) {
                if SAMConfig.recognises(document) {
                    // Only under SAM's own file names: `sam` reads no other.
                    if SAMConfigNames.names(source.path) {
                        deployments.append(SAMConfig.deployment(document, source: source, options: options))
                    }
                } else {
                    deployments.append(CDKAssemblyManifest.deployment(document, source: source, options: options))
                }
                continue
            }
            do {
                deployments += try read(document, source: source, options: options, prefix: "", depth: 0)
            } catch {
                problems += error.items
            }
        }
        guard problems.isEmpty else { throw Diagnostics(problems) }
        return deployments
    }

    /// Reads one template document: its own deployment, without those of the stack sets' templates it holds.
    public func deployment(from root: SourceNode, source: SourceFile,
                           options: AdapterOptions = AdapterOptions()) throws(Diagnostics) -> Deployment {
        try read(root, source: source, options: options, prefix: "", depth: 0)[0]
    }

    /// The template's deployment, then those of the stack sets' bodies it holds, `depth` stack sets deep, their
    /// resources named after the stack sets that hold them (`prefix`: `Set/`). A stack set's body takes the values
    /// the stack set gives its parameters (`given`).
    func read(_ root: SourceNode, source: SourceFile, options: AdapterOptions, prefix: String, depth: Int,
              given: StackSetParameters? = nil) throws(Diagnostics) -> [Deployment] {
        var template = try Template(root, source: source)
        given?.apply(to: &template.parameters)
        // A template read from its folder takes what the SAM configurations that deploy it give its parameters.
        if depth == 0, prefix.isEmpty, given == nil, let directory = options.inputDirectory, !template.parameters.isEmpty {
            let name = SAMConfigNames.lastComponent(source.path)
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let deploying = (options.samConfigurations ?? SAMConfigurations())
                .deploying(templateAt: path, in: directory, tree: options.tree)
            SAMConfig.apply(deploying, to: &template.parameters)
        }
        var deployment = Deployment(name: source.path, source: source, format: Self.format,
                                    origin: Origin(offset: root.offset, path: ""))
        deployment.qualifiesResourceNames = false
        if let offering = options.offering { deployment.offering = Located(offering, at: deployment.origin) }
        deployment.rawNode = root
        deployment.sensitiveValues = template.noEchoValues
        // A macro policycheck cannot expand (the `Transform` section's or among the resources) fails the run while
        // what the template writes is still checked and reported.
        deployment.notices = template.unreadTransforms.map { $0.notice(source: source) }
        let resolver = IntrinsicResolver(template: template)
        let relations = TemplateRelations(template: template, resolver: resolver)
        // What resources refer to across the template, indexed as it is mapped (a template may hold thousands).
        var placedRegions: Set<RegionScanner.Placement> = []
        for resource in template.resources {
            var context = ResourceContext(resource: resource, template: template, resolver: resolver)
            context.relations = relations
            if let mapper = Self.mappers.first(where: { $0.types.contains(resource.type) }) {
                let before = RawCounts(deployment)
                mapper.map(context, into: &deployment)
                Self.fillRawNodes(context, since: before, in: &deployment)
            }
            RegionScanner.scan(context, placed: &placedRegions, into: &deployment)
        }
        RegionScanner.scanGlobals(template, resolver: resolver, placed: &placedRegions, into: &deployment)
        if options.readsInlineIgnores {
            let reader = NodeReader(source: source)
            for resource in template.resources {
                deployment.inlineIgnores += Self.inlineIgnores(of: resource, reader: reader)
            }
            guard reader.errors.isEmpty else { throw Diagnostics(reader.errors) }
        }
        if prefix.isEmpty { deployment.loopDeclarations = Self.loopDeclarations(template, in: deployment) }
        let nested = NestedTemplates.read(template, resolver: resolver, source: source, options: options,
                                          prefix: prefix, depth: depth)
        deployment.notices += nested.notices
        return [deployment] + nested.deployments
    }

    /// The resources an `Fn::ForEach` loop made, each mapped to the loop's output key (its place in the file): they
    /// share its lines, and an inline ignore there is meant for all of them. Only in a template's own text — a stack
    /// set body's keys are all placed at its `TemplateBody`.
    static func loopDeclarations(_ template: Template, in deployment: Deployment) -> [String: String] {
        var byKey: [Int: [String]] = [:]
        for resource in template.resources { byKey[resource.keyOffset, default: []].append(resource.logicalID) }
        var declarations: [String: String] = [:]
        for (offset, ids) in byKey where ids.count > 1 {
            for id in ids { declarations[deployment.resource(id)] = "Fn::ForEach@\(offset)" }
        }
        return declarations
    }

    /// A resource's `Metadata.policycheck.ignore`, covering the findings named by its logical id.
    static func inlineIgnores(of resource: TemplateResource, reader: NodeReader) -> [InlineIgnore] {
        // A `Metadata` that is not a mapping is CloudFormation's business, not an ignore.
        guard let node = resource.node["Metadata"], node.entries != nil,
              let metadata = reader.object(node, path: "\(resource.path).Metadata") else { return [] }
        return InlineIgnoreParser.cloudFormationMetadata(metadata, component: resource.logicalID, reader: reader)
    }

    /// How many values of each kind with raw nodes the deployment held before a resource was mapped.
    struct RawCounts {
        let dataStores: Int, keys: Int, allowlists: Int

        init(_ deployment: Deployment) {
            dataStores = deployment.dataStores.count
            keys = deployment.keys.count
            allowlists = deployment.allowlists.count
        }
    }

    /// Gives the values a resource's mapper added the nodes at their origins, for custom rules' `raw.<path>`.
    static func fillRawNodes(_ context: ResourceContext, since before: RawCounts, in deployment: inout Deployment) {
        for index in deployment.dataStores.indices.dropFirst(before.dataStores) {
            deployment.dataStores[index].rawNode = context.rawNode(at: deployment.dataStores[index].origin)
        }
        for index in deployment.keys.indices.dropFirst(before.keys) {
            deployment.keys[index].rawNode = context.rawNode(at: deployment.keys[index].origin)
        }
        for index in deployment.allowlists.indices.dropFirst(before.allowlists) {
            deployment.allowlists[index].rawNode = context.rawNode(at: deployment.allowlists[index].origin)
            for entry in deployment.allowlists[index].entries.indices {
                deployment.allowlists[index].entries[entry].rawNode =
                    context.rawNode(at: deployment.allowlists[index].entries[entry].origin)
            }
        }
    }
}
