import KeyMaterial
import PolicyCheckModel
import PolicyCheckNetwork

/// Projects a deployment onto the resources of one kind, with the attributes `ResourceKind` documents.
public enum ResourceCatalog {
    /// The resources of a kind, in model order, sharing one cache of their `raw.<path>` values.
    public static func resources(_ kind: ResourceKind, in deployment: Deployment) -> [CustomResource] {
        resources(kind, in: deployment, keys: nil)
    }

    /// `resources(_:in:)` with the deployment's declared keys as the evaluator indexed them (else indexed here).
    static func resources(_ kind: ResourceKind, in deployment: Deployment, keys: DeclaredKeys?) -> [CustomResource] {
        var resources = projection(kind, in: deployment, keys: keys)
        guard resources.contains(where: { $0.rawNode != nil }) else { return resources }
        let rawValues = RawValueCache()
        for index in resources.indices { resources[index].rawValues = rawValues }
        return resources
    }

    private static func projection(_ kind: ResourceKind, in deployment: Deployment, keys: DeclaredKeys?) -> [CustomResource] {
        switch kind {
        case .dataStore:
            let keys = keys ?? DeclaredKeys(deployment.keys)
            return deployment.dataStores.map { dataStore($0, in: deployment, keys: keys) }
        case .key: return deployment.keys.map(key)
        case .keyMaterial: return deployment.keys.flatMap { key in key.materials.map { material($0, of: key) } }
        case .allowlist: return deployment.allowlists.map(allowlist)
        case .allowlistEntry: return deployment.allowlists.flatMap(entries)
        case .region: return deployment.regions.map(region)
        case .deployment: return [self.deployment(deployment)]
        case .keyFile: return deployment.keyFiles.map(keyFile)
        }
    }

    // MARK: - Data stores and keys

    /// A data store; its key reference is resolved through `keys`, the index of the deployment's declared keys
    /// (scanning every key for every store made 10,000 buckets over 10,000 keys quadratic).
    static func dataStore(_ store: DataStore, in deployment: Deployment, keys: DeclaredKeys) -> CustomResource {
        var resource = CustomResource(kind: .dataStore, component: store.component, origin: store.origin,
                                      rawNode: store.rawNode)
        resource.set("kind", .string(store.kind.rawValue), at: store.origin)
        resource.set("component", .string(store.component), at: store.origin)
        if let encrypted = store.encryption.declaredEncrypted {
            let origin = store.encryption.atRest?.origin ?? store.encryption.algorithm?.origin ?? store.encryption.kmsKey?.origin
            resource.set("encrypted", Attribute(Attribute.fact(encrypted, AttributeValue.bool), at: origin))
        }
        resource.set("encryption.atRest", Attribute.bool(store.encryption.atRest))
        resource.set("encryption.algorithm", Attribute.string(store.encryption.algorithm))
        resource.set("storageType", Attribute.string(store.storageType))
        resource.set("publicAccess", Attribute.bool(store.publicAccess))
        guard let key = store.encryption.kmsKey else { return resource }
        resource.set("encryption.kmsKey", Attribute.string(key))
        let derived = ["encryption.kmsKey.account", "encryption.kmsKey.region", "encryption.kmsKey.awsManaged",
                       "encryption.kmsKey.declared"]
        guard let text = key.value.known else {
            for path in derived { resource.set(path, Attribute(key.value.map(AttributeValue.string), at: key.origin)) }
            return resource
        }
        resource.set("encryption.kmsKey.awsManaged", .bool(KeyReference.isAWSManaged(text)), at: key.origin)
        var arnText: String? = text
        if case .declared(let index) = keys.classify(text) {
            resource.set("encryption.kmsKey.declared", .bool(true), at: key.origin)
            arnText = deployment.keys[index].arn?.value.known
        } else {
            resource.set("encryption.kmsKey.declared", .bool(false), at: key.origin)
        }
        if let arn = arnText.flatMap(AmazonResourceName.init) {
            if !arn.account.isEmpty { resource.set("encryption.kmsKey.account", .string(arn.account), at: key.origin) }
            if let region = arn.region { resource.set("encryption.kmsKey.region", .string(region), at: key.origin) }
        }
        return resource
    }

    static func key(_ key: KeyDeclaration) -> CustomResource {
        var resource = CustomResource(kind: .key, component: key.component, origin: key.origin, rawNode: key.rawNode)
        resource.set("id", Attribute.string(key.id))
        resource.set("component", .string(key.component), at: key.origin)
        resource.set("arn", Attribute.string(key.arn))
        if let arn = key.arn, let text = arn.value.known, let parsed = AmazonResourceName(text) {
            if !parsed.account.isEmpty { resource.set("arn.account", .string(parsed.account), at: arn.origin) }
            if let region = parsed.region { resource.set("arn.region", .string(region), at: arn.origin) }
        } else if let arn = key.arn, case .unknown(let reason) = arn.value {
            resource.set("arn.account", Attribute(.unknown(reason: reason), at: arn.origin))
            resource.set("arn.region", Attribute(.unknown(reason: reason), at: arn.origin))
        }
        resource.set("origin", Attribute.string(key.keyOrigin))
        resource.set("keySpec", Attribute.string(key.keySpec))
        resource.set("rotation.mode", Attribute.string(key.rotation?.mode))
        resource.set("rotation.periodDays", Attribute.number(key.rotation?.periodDays))
        resource.set("multiRegion", Attribute.bool(key.multiRegion))
        if !key.replicaRegions.isEmpty {
            resource.set("replicaRegions", .list(key.replicaRegions.map { .string($0.value) }),
                         at: key.replicaRegions.first?.origin)
        }
        resource.set("materialCount", .number(Double(key.materials.count)), at: key.origin)
        return resource
    }

    static func material(_ material: KeyMaterialDeclaration, of key: KeyDeclaration) -> CustomResource {
        var resource = CustomResource(kind: .keyMaterial, component: key.component, origin: material.origin,
                                      rawNode: material.rawNode)
        resource.set("id", Attribute.string(material.id))
        resource.set("key", Attribute.string(key.id))
        resource.set("current", Attribute.bool(material.current))
        if let imported = material.importedAt { resource.set("importedAt", .string(imported.value.description), at: imported.origin) }
        if let validTo = material.validTo { resource.set("validTo", .string(validTo.value.description), at: validTo.origin) }
        resource.set("expirationModel", Attribute.string(material.expirationModel))
        resource.set("wrappingAlgorithm", Attribute.string(material.wrappingAlgorithm))
        resource.set("wrappingPublicKey", Attribute.string(material.wrappingPublicKey))
        resource.set("encryptedKeyMaterial", Attribute.string(material.encryptedKeyMaterial))
        return resource
    }

    // MARK: - Network

    static func allowlist(_ list: Allowlist) -> CustomResource {
        var resource = CustomResource(kind: .allowlist, component: list.component, origin: list.origin,
                                      rawNode: list.rawNode, rawPath: list.rawPath)
        resource.set("kind", .string(list.kind.rawValue), at: list.origin)
        resource.set("component", .string(list.component), at: list.origin)
        resource.set("enabled", .bool(list.isEnabled), at: list.enabled?.origin ?? list.origin)
        resource.set("internetFacing", .bool(list.internetFacing), at: list.origin)
        resource.set("entryCount", .number(Double(list.effectiveEntries.count)), at: list.origin)
        return resource
    }

    static func entries(_ list: Allowlist) -> [CustomResource] {
        list.entries.map { entry in
            var resource = CustomResource(kind: .allowlistEntry, component: list.component, origin: entry.origin,
                                          rawNode: entry.rawNode, rawPath: entry.rawPath)
            resource.set("cidr", Attribute.string(entry.cidr))
            switch entry.cidr.value {
            case .known(let text):
                if case .success(let parsed) = CIDRParser.parse(text) {
                    resource.set("prefixLength", .number(Double(parsed.cidr.prefixLength)), at: entry.cidr.origin)
                    resource.set("version", .string(parsed.cidr.version == .v4 ? "ipv4" : "ipv6"), at: entry.cidr.origin)
                }
            case .unknown(let reason):
                resource.set("prefixLength", Attribute(.unknown(reason: reason), at: entry.cidr.origin))
                resource.set("version", Attribute(.unknown(reason: reason), at: entry.cidr.origin))
            }
            resource.set("description", Attribute.string(entry.description))
            resource.set("enabled", .bool(entry.enabled), at: entry.origin)
            if let ports = entry.ports {
                resource.set("ports.from", .number(Double(ports.lower)), at: entry.origin)
                resource.set("ports.to", .number(Double(ports.upper)), at: entry.origin)
            }
            resource.set("allowlist.kind", .string(list.kind.rawValue), at: list.origin)
            resource.set("allowlist.component", .string(list.component), at: list.origin)
            resource.set("allowlist.enabled", .bool(list.isEnabled), at: list.enabled?.origin ?? list.origin)
            resource.set("allowlist.internetFacing", .bool(list.internetFacing), at: list.origin)
            return resource
        }
    }

    static func region(_ reference: RegionReference) -> CustomResource {
        var resource = CustomResource(kind: .region, component: reference.component, origin: reference.origin)
        if let reason = reference.unknownReason {
            resource.set("region", Attribute(.unknown(reason: reason), at: reference.origin))
        } else {
            resource.set("region", .string(reference.region), at: reference.origin)
        }
        resource.set("role", .string(reference.role), at: reference.origin)
        resource.set("component", .string(reference.component), at: reference.origin)
        resource.set("replica", .bool(reference.isReplica), at: reference.origin)
        return resource
    }

    // MARK: - Deployment and key files

    static func deployment(_ deployment: Deployment) -> CustomResource {
        var resource = CustomResource(kind: .deployment, component: "", origin: deployment.origin,
                                      rawNode: deployment.rawNode)
        resource.set("name", .string(deployment.name), at: deployment.origin)
        resource.set("format", .string(deployment.format.rawValue), at: deployment.origin)
        if let offering = deployment.offering { resource.set("offering", .string(offering.value.rawValue), at: offering.origin) }
        resource.set("region", Attribute.string(deployment.region))
        resource.set("customDomain", Attribute.string(deployment.customDomain))
        resource.set("privateConnectivity", Attribute.bool(deployment.privateConnectivity))
        var seen: Set<Capability> = []
        let capabilities = deployment.capabilities.filter { seen.insert($0.capability).inserted }
        resource.set("capabilities", .list(capabilities.map { .string($0.capability.rawValue) }),
                     at: capabilities.first?.origin ?? deployment.origin)
        resource.set("backups.schedule", Attribute.string(deployment.backups?.schedule))
        resource.set("backups.retentionDays", Attribute.number(deployment.backups?.retentionDays))
        resource.set("maintenance.window", Attribute.string(deployment.maintenance?.window))
        resource.set("maintenance.soakHours", Attribute.number(deployment.maintenance?.soakHours))
        if let maintenance = deployment.maintenance {
            resource.set("maintenance.emergency", .bool(maintenance.emergency != nil),
                         at: maintenance.emergency?.origin ?? maintenance.origin)
        }
        resource.set("keyCount", .number(Double(deployment.keys.count)), at: deployment.origin)
        return resource
    }

    static func keyFile(_ file: KeyFile) -> CustomResource {
        var resource = CustomResource(kind: .keyFile, component: file.path, origin: file.origin)
        resource.set("path", .string(file.path), at: file.origin)
        resource.set("role", .string(file.role.rawValue), at: file.origin)
        resource.set("size", .number(Double(file.size)), at: file.origin)
        resource.set("kinds", .list(unique(file.objects.map(\.kind.rawValue)).map(AttributeValue.string)), at: file.origin)
        resource.set("algorithms", .list(unique(file.objects.compactMap(\.algorithm?.rawValue)).map(AttributeValue.string)),
                     at: file.origin)
        if let bits = file.objects.compactMap(\.bits).min() { resource.set("minBits", .number(Double(bits)), at: file.origin) }
        resource.set("secret", .bool(!file.secrets.isEmpty), at: file.origin)
        return resource
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}

extension Fact {
    /// The fact with its known value transformed.
    func map<T>(_ transform: (Value) -> T) -> Fact<T> {
        switch self {
        case .known(let value): return .known(transform(value))
        case .unknown(let reason): return .unknown(reason: reason)
        }
    }
}
