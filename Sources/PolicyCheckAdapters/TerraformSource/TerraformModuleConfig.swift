import PolicyCheckSyntax

/// The declarations of one module directory (all its `.tf` files together), as Terraform reads a module.
struct TerraformModuleConfig {
    /// A declaration and the file it is in.
    struct Declared<Value> {
        var value: Value
        var file: TerraformSourceFile
    }

    struct Resource {
        /// `managed` or `data`.
        var mode: String
        var type: String
        var name: String
        var block: HCLBlock
        var file: TerraformSourceFile
        var address: String { mode == "data" ? "data.\(type).\(name)" : "\(type).\(name)" }
    }

    struct ModuleCall {
        var name: String
        var source: String
        var block: HCLBlock
        var file: TerraformSourceFile
    }

    struct Provider {
        var name: String
        var alias: String?
        var block: HCLBlock
        var file: TerraformSourceFile
        /// `aws` or `aws.replica`.
        var key: String { alias.map { "\(name).\($0)" } ?? name }
    }

    /// The directory as given (relative to the working directory when it was).
    let directory: String
    let files: [TerraformSourceFile]
    private(set) var variables: [String: Declared<HCLBlock>] = [:]
    private(set) var locals: [String: Declared<HCLAttribute>] = [:]
    private(set) var resources: [Resource] = []
    /// Position in `resources` by address (`aws_s3_bucket.logs`, `data.aws_iam_policy_document.key`).
    private var resourceIndex: [String: Int] = [:]
    private(set) var moduleCalls: [ModuleCall] = []
    /// Position in `moduleCalls` by call name.
    private var moduleCallIndex: [String: Int] = [:]
    private(set) var outputs: [String: Declared<HCLBlock>] = [:]
    private(set) var providers: [Provider] = []
    /// The keys of `providers` (`aws`, `aws.replica`).
    private(set) var providerKeys: Set<String> = []
    /// Declarations Terraform would reject as repeated, kept first-wins and reported as notices.
    private(set) var notices: [(offset: Int, message: String)] = []

    init(directory: String, files: [TerraformSourceFile]) {
        self.directory = directory
        self.files = files
        var seenCalls: Set<String> = []
        for file in files {
            for block in file.body.blocks {
                let labels = block.labels.map(\.text)
                switch (block.type, labels.count) {
                case ("variable", 1):
                    if variables[labels[0]] == nil { variables[labels[0]] = Declared(value: block, file: file) }
                case ("locals", 0):
                    for attribute in block.body.attributes where locals[attribute.name] == nil {
                        locals[attribute.name] = Declared(value: attribute, file: file)
                    }
                case ("resource", 2), ("data", 2):
                    let resource = Resource(mode: block.type == "data" ? "data" : "managed", type: labels[0],
                                            name: labels[1], block: block, file: file)
                    if resourceIndex[resource.address] == nil {
                        resourceIndex[resource.address] = resources.count
                        resources.append(resource)
                    } else {
                        notices.append((file.packed(block.offset),
                                        "\(resource.address) is declared twice in the module; the first declaration is checked"))
                    }
                case ("module", 1):
                    guard seenCalls.insert(labels[0]).inserted else { continue }
                    let source = block.body[attribute: "source"]?.value.literalText ?? ""
                    moduleCallIndex[labels[0]] = moduleCalls.count
                    moduleCalls.append(ModuleCall(name: labels[0], source: source, block: block, file: file))
                case ("output", 1):
                    if outputs[labels[0]] == nil { outputs[labels[0]] = Declared(value: block, file: file) }
                case ("provider", 1):
                    let alias = block.body[attribute: "alias"]?.value.literalText
                    let provider = Provider(name: labels[0], alias: alias, block: block, file: file)
                    // Terraform refuses a second configuration of one key ("Duplicate provider configuration"):
                    // said, not silently dropped, as a resource declared twice is.
                    guard providerKeys.insert(provider.key).inserted else {
                        notices.append((file.packed(block.offset),
                                        "provider \(provider.key) is configured twice in the module, which Terraform refuses; the first configuration is checked"))
                        continue
                    }
                    providers.append(provider)
                default:
                    continue
                }
            }
        }
    }

    /// The managed or data resource at an address inside the module.
    func resource(_ address: String) -> Resource? {
        resourceIndex[address].map { resources[$0] }
    }

    /// The module call named `name`.
    func moduleCall(_ name: String) -> ModuleCall? {
        moduleCallIndex[name].map { moduleCalls[$0] }
    }
}
