/// One managed resource instance as evaluated from source: what a plan's resource change would hold.
struct TerraformResourceInstance {
    /// `module.db[0].aws_db_instance.main["a"]`.
    let address: String
    /// `module.db[0]`, empty at the root.
    let moduleAddress: String
    let resource: TerraformModuleConfig.Resource
    /// `[0]`, `["a"]`, or empty.
    let key: String
    /// The configured attributes and nested blocks (lists of objects), evaluated.
    let values: [String: TerraformValue]
    /// The provider configuration key it uses, as `configuration.provider_config` names it.
    let providerKey: String
    /// The packed offset of the resource block.
    var offset: Int { resource.file.packed(resource.block.offset) }
}
