import PolicyCheckModel
import PolicyCheckSyntax

/// Reads one provisioner installation (mattermost-cloud's `Installation`, its DTO, or a create-installation
/// request) into a `Deployment`. `docs/provisioner.md` documents the mapping.
struct InstallationReader {
    let installation: ObjectView
    let options: AdapterOptions

    /// `isolated` installations get their own cluster (Dedicated); `multitenant` ones share one (Shared).
    static let affinities: [String: Offering] = ["isolated": .dedicated, "multitenant": .shared]

    /// What the provisioner puts in an empty `Affinity`, `Database` or `Filestore` before it validates a request
    /// (mattermost-cloud `CreateInstallationRequest.SetDefaults`): an empty value is the default, not an error.
    static let defaults = ["Affinity": "isolated", "Database": "mysql-operator", "Filestore": "minio-operator"]

    /// One of the allowed values, an empty string read as the provisioner's default for the field.
    private func choice(_ field: String, _ allowed: [String]) -> Located<String>? {
        if installation.value(field)?.string == "", let value = Self.defaults[field] {
            return Located(value, at: installation.origin(of: field))
        }
        return installation.choice(field, allowed)
    }

    func read(source: SourceFile) -> Deployment {
        let name = installation.string("Name")?.value ?? installation.string("ID")?.value ?? source.path
        var deployment = Deployment(name: name.isEmpty ? source.path : name, source: source, format: .provisioner,
                                    origin: installation.origin)
        if let affinity = choice("Affinity", Self.affinities.keys.sorted()) {
            deployment.offering = Located(Self.affinities[affinity.value]!, at: affinity.origin)
        } else if let offering = options.offering {
            deployment.offering = Located(offering, at: installation.origin)
        }
        readDNS(into: &deployment)
        readStore("Database", kind: .database, types: ProvisionerStoreType.databases, into: &deployment)
        readStore("Filestore", kind: .fileStore, types: ProvisionerStoreType.filestores, into: &deployment)
        readRegions(into: &deployment)
        if let ranges = installation.value("AllowedIPRanges"),
           let allowlist = IPRangesReader(reader: installation.reader)
            .allowlist(ranges, path: installation.childPath("AllowedIPRanges"), component: "AllowedIPRanges") {
            if !allowlist.effectiveEntries.isEmpty {
                deployment.capabilities.append(CapabilityRequest(.ipFiltering, at: allowlist.origin, component: "AllowedIPRanges"))
            }
            deployment.allowlists.append(allowlist)
        }
        return deployment
    }

    /// `DNSNames`, the legacy `DNS`, and the DTO's `DNSRecords[].DomainName`: a name outside the platform's domains
    /// is a custom URL.
    private func readDNS(into deployment: inout Deployment) {
        var names = installation.strings("DNSNames").map { ($0, "DNSNames") }
        if let legacy = installation.string("DNS"), !legacy.value.isEmpty { names.append((legacy, "DNS")) }
        for (node, path) in installation.list("DNSRecords") ?? [] {
            if let record = installation.reader.object(node, path: path), let domain = record.string("DomainName") {
                names.append((domain, "DNSRecords"))
            }
        }
        for (name, field) in names where !isPlatformName(name.value) {
            if deployment.customDomain == nil { deployment.customDomain = name }
            deployment.capabilities.append(CapabilityRequest(.customDomain, at: name.origin, component: field))
        }
    }

    private func isPlatformName(_ name: String) -> Bool {
        let host = name.lowercased().trimmingSuffix(".")
        return options.platformDomains.contains { domain in
            let domain = domain.lowercased().trimmingSuffix(".")
            return host == domain || host.hasSuffix("." + domain)
        }
    }

    /// A `Database` or `Filestore` type: the data store it implies and the dedicated capability it asks for.
    private func readStore(_ field: String, kind: DataStoreKind, types: [String: ProvisionerStoreType?],
                           into deployment: inout Deployment) {
        guard let type = choice(field, types.keys.sorted()), let implied = types[type.value],
              let implied else { return }
        var store = DataStore(kind: kind, component: field, origin: type.origin, encryption: Encryption(origin: type.origin))
        store.encryption.atRest = implied.atRest.map { Located($0, at: type.origin) }
        store.storageType = implied.storageType.map { Located($0, at: type.origin) }
        deployment.dataStores.append(store)
        if let capability = implied.capability {
            deployment.capabilities.append(CapabilityRequest(capability, at: type.origin, component: field))
        }
    }

    /// Regions the installation names: S3 settings in `MattermostEnv`/`PriorityEnv`, and an external database's
    /// secret ARN.
    private func readRegions(into deployment: inout Deployment) {
        for field in ["MattermostEnv", "PriorityEnv"] {
            // An `EnvVarMap` is a Go map: its variable names are keys, matched exactly, not fields.
            guard let env = installation.object(field, isMap: true) else { continue }
            let regionRole = "file store region (MM_FILESETTINGS_AMAZONS3REGION)"
            switch envValue(env, "MM_FILESETTINGS_AMAZONS3REGION") {
            case .value(let region) where !region.value.isEmpty:
                deployment.regions.append(RegionReference(region.value, at: region.origin, component: "Filestore", role: regionRole))
            case .valueFrom(let origin):
                deployment.regions.append(RegionReference(unknown: Self.valueFromReason, at: origin, component: "Filestore",
                                                          role: regionRole))
            default: break
            }
            let endpointRole = "file store region (S3 endpoint)"
            switch envValue(env, "MM_FILESETTINGS_AMAZONS3ENDPOINT") {
            case .value(let endpoint):
                if let region = S3Endpoint.region(in: endpoint.value) {
                    deployment.regions.append(RegionReference(region, at: endpoint.origin, component: "Filestore", role: endpointRole))
                }
            case .valueFrom(let origin):
                deployment.regions.append(RegionReference(unknown: Self.valueFromReason, at: origin, component: "Filestore",
                                                          role: endpointRole))
            case nil: break
            }
        }
        if let secret = installation.object("ExternalDatabaseConfig")?.string("SecretName"),
           let region = AmazonResourceName(secret.value)?.region {
            deployment.regions.append(RegionReference(region, at: secret.origin, component: "Database",
                                                      role: "region in the external database secret ARN"))
        }
    }

    /// An `EnvVarMap` entry: `{"NAME": {"value": "…"}}` (mattermost-cloud's `EnvVar`, `json:"value"`, matched in
    /// any case), or `{"valueFrom": …}` — a secret's or config map's key, whose value is not in the installation.
    /// Variable names are a map's keys, which Go matches exactly.
    private enum EnvValue {
        case value(Located<String>)
        case valueFrom(Origin)
    }

    static let valueFromReason = "the variable's value comes from valueFrom (a secret or config map), which the installation does not hold"

    private func envValue(_ env: ObjectView, _ name: String) -> EnvValue? {
        guard let variable = env.node[name].flatMap({ installation.reader.object($0, path: env.childPath(name)) }) else { return nil }
        if let value = variable.string("Value") { return .value(value) }
        if variable.value("ValueFrom") != nil { return .valueFrom(variable.origin(of: "ValueFrom")) }
        return nil
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
