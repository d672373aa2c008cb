import PolicyCheckModel
import PolicyCheckSyntax

/// Reads Mattermost Cloud provisioner installations (JSON with PascalCase fields: `Affinity`, `Database`,
/// `Filestore`, `DNSNames`, `AllowedIPRanges`, …; one installation or a list of them) and the Mattermost server's
/// IP-filtering settings (`{"allowed_ip_ranges": [...]}` or a bare list of `{cidr_block, description, enabled}`).
/// Both are decoded by Go's `encoding/json`, which matches field names case-insensitively (`allowedIpRanges`,
/// `cidrBlock`, the API's `{"value": …}` environment variables), and so are they here.
///
/// An installation states its offering through its affinity, so resources are qualified with the installation's
/// name (`acme/Database`). `docs/provisioner.md` documents the mapping.
public struct ProvisionerAdapter: InputAdapter {
    public static let format = InputFormat.provisioner

    /// Fields of an installation that other formats do not use at the top level, spelt as the provisioner's Go
    /// structs spell them, with the kind of value each decodes from.
    static let installationFields: [String: FieldKind] = [
        "Affinity": .choice(Set(InstallationReader.affinities.keys)), "OwnerID": .string, "DNSNames": .list, "DNSRecords": .list, "AllowedIPRanges": .listOrMapping,
        "Filestore": .choice(Set(ProvisionerStoreType.filestores.keys)), "SingleTenantDatabaseConfig": .mapping, "ExternalDatabaseConfig": .mapping,
        "PriorityEnv": .mapping, "MattermostEnv": .mapping, "CRVersion": .string, "GroupID": .string,
    ]
    /// The same fields by their folded names.
    static let installationKeys: [String: FieldKind] = Dictionary(
        uniqueKeysWithValues: installationFields.map { (GoFieldName.folded($0.key), $0.value) })

    /// The kind of JSON value a field of an installation decodes from; `choice` a string that marks an installation
    /// only as one of the given values (an affinity, a file store type).
    enum FieldKind {
        case string, list, mapping, listOrMapping
        case choice(Set<String>)

        func admits(_ node: SourceNode) -> Bool {
            switch (self, node.value) {
            case (.string, .string), (.list, .sequence), (.mapping, .mapping), (.listOrMapping, .sequence),
                 (.listOrMapping, .mapping): return true
            case (.choice(let values), .string(let text)): return values.contains(text)
            default: return false
            }
        }
    }

    public init() {}

    /// An installation, the server's settings, or a list of installations or of IP ranges.
    public static func recognises(_ document: SourceNode) -> Bool {
        if let items = document.items {
            return !items.isEmpty && (items.allSatisfy(isIPRange) || items.allSatisfy(isInstallation))
        }
        return isInstallation(document) || isServerSettings(document)
    }

    /// A mapping with installation fields (and no Kubernetes `apiVersion`). A field spelt as the provisioner spells
    /// it marks an installation whatever its value (a value of the wrong kind is then the reader's error); a name
    /// that matches one only case-insensitively (a client's camelCase `allowedIpRanges`) marks it only when its value
    /// is of the field's kind. Otherwise every Helm chart's `values.yaml`, whose `affinity: {}` is a pod's affinity,
    /// was read as an installation and failed the run (`'Affinity' must be a string, found a mapping`); Go's decoder
    /// refuses such a value for the provisioner's string field, so no installation is written so. `Affinity` and
    /// `Filestore` so matched count only with a value the provisioner names (`isolated`, `aws-s3`, …): a chart's
    /// `affinity: ""` is the zero value Go decodes for an absent field (the provisioner then applies its default), so
    /// it says no more than a file without the field.
    static func isInstallation(_ node: SourceNode) -> Bool {
        guard let entries = node.entries, node["apiVersion"] == nil else { return false }
        return entries.contains { entry in
            if installationFields[entry.key] != nil { return true }
            guard let kind = installationKeys[GoFieldName.folded(entry.key)] else { return false }
            return kind.admits(entry.value)
        }
    }

    /// The server's IP-filtering settings: `{"allowed_ip_ranges": …}`.
    static func isServerSettings(_ node: SourceNode) -> Bool {
        field(node, "allowed_ip_ranges") != nil && node["apiVersion"] == nil
    }

    /// One IP range of the server or the provisioner.
    static func isIPRange(_ node: SourceNode) -> Bool {
        field(node, "cidr_block") != nil || field(node, "CIDRBlock") != nil
    }

    /// A field of a mapping as Go matches names (exactly, else case-insensitively).
    private static func field(_ node: SourceNode, _ name: String) -> SourceNode? {
        if let exact = node[name] { return exact }
        let folded = GoFieldName.folded(name)
        return node.entries?.first { GoFieldName.folded($0.key) == folded }?.value
    }

    /// One deployment per installation, and one per server IP-filtering list.
    public func deployments(from documents: [SourceNode], source: SourceFile,
                            options: AdapterOptions) throws(Diagnostics) -> [Deployment] {
        let reader = NodeReader(source: source, matchesNamesLikeGo: true)
        var deployments: [Deployment] = []
        for document in documents where Self.recognises(document) {
            if let items = document.items, items.allSatisfy(Self.isIPRange) {
                deployments.append(serverDeployment(document, path: "", source: source, options: options, reader: reader))
            } else if let items = document.items {
                for (index, item) in items.enumerated() {
                    guard let installation = reader.object(item, path: "[\(index)]") else { continue }
                    deployments.append(InstallationReader(installation: installation, options: options).read(source: source))
                }
            } else if Self.isServerSettings(document), !Self.isInstallation(document) {
                let ranges = Self.field(document, "allowed_ip_ranges")!
                deployments.append(serverDeployment(ranges, path: "allowed_ip_ranges", source: source, options: options,
                                                    reader: reader))
            } else if let installation = reader.object(document, path: "") {
                deployments.append(InstallationReader(installation: installation, options: options).read(source: source))
            }
        }
        guard reader.diagnostics.isEmpty else { throw Diagnostics(reader.diagnostics) }
        return deployments
    }

    /// The server's allowlist: one resource, named by the setting (`allowed_ip_ranges`), with no offering unless
    /// one is assumed.
    private func serverDeployment(_ ranges: SourceNode, path: String, source: SourceFile, options: AdapterOptions,
                                  reader: NodeReader) -> Deployment {
        var deployment = Deployment(name: source.path, source: source, format: .provisioner,
                                    origin: Origin(offset: ranges.offset, path: path))
        deployment.qualifiesResourceNames = false
        if let offering = options.offering { deployment.offering = Located(offering, at: deployment.origin) }
        if let allowlist = IPRangesReader(reader: reader, isServer: true).allowlist(ranges, path: path, component: "allowed_ip_ranges") {
            deployment.allowlists.append(allowlist)
        }
        return deployment
    }
}
