import PolicyCheckModel
import PolicyCheckSyntax

/// Reads a native manifest's `spec` into the normalised model.
struct SpecReader {
    let spec: ObjectView

    static let fields = [
        "offering", "region", "customDomain", "highAvailability", "database", "fileStore", "backups", "keys",
        "network", "maintenance", "logging",
    ]

    func read(into deployment: inout Deployment) {
        spec.allowOnly(Self.fields)
        if let offering = spec.choice("offering", Offering.allCases.map(\.rawValue), required: true) {
            deployment.offering = Located(Offering(rawValue: offering.value)!, at: offering.origin)
        }
        if let region = spec.string("region", required: true) {
            deployment.region = region
            deployment.regions.append(RegionReference(region.value, at: region.origin, component: "", role: "deployment region"))
        }
        // An empty value asks for nothing: the workspace keeps the URL Mattermost Cloud assigns.
        if let domain = spec.string("customDomain"), !domain.value.isBlank {
            deployment.customDomain = domain
            deployment.capabilities.append(CapabilityRequest(.customDomain, at: domain.origin, component: ""))
        }
        readHighAvailability(into: &deployment)
        let engine = spec.object("database").flatMap { readDatabase($0, into: &deployment) }
        if let fileStore = spec.object("fileStore") { readFileStore(fileStore, into: &deployment) }
        if let backups = spec.object("backups") { readBackups(backups, into: &deployment) }
        if let keys = spec.list("keys") {
            if !keys.isEmpty {
                deployment.capabilities.append(CapabilityRequest(.encryptionKeys, at: spec.origin(of: "keys"), component: "keys"))
            }
            for (node, path) in keys {
                guard let key = spec.reader.object(node, path: path) else { continue }
                KeyReader(key: key).read(into: &deployment)
            }
        }
        if let network = spec.object("network") { NetworkReader(network: network).read(into: &deployment) }
        if let maintenance = spec.object("maintenance") { readMaintenance(maintenance, into: &deployment) }
        // Last: logging settings apply to the stores read above.
        if let logging = spec.object("logging") { LoggingReader(logging: logging, engine: engine).read(into: &deployment) }
    }

    // MARK: - Components

    private func readHighAvailability(into deployment: inout Deployment) {
        guard let ha = spec.object("highAvailability") else { return }
        ha.allowOnly(["mattermost", "kubernetes", "database"])
        let asks: [(String, Capability)] = [
            ("mattermost", .highAvailabilityCluster), ("kubernetes", .kubernetesHighAvailability),
            ("database", .databaseHighAvailability),
        ]
        for (field, capability) in asks {
            if let flag = ha.bool(field), flag.value {
                deployment.capabilities.append(CapabilityRequest(capability, at: flag.origin, component: "highAvailability"))
            }
        }
    }

    /// Reads the database and returns its engine, when stated.
    private func readDatabase(_ database: ObjectView, into deployment: inout Deployment) -> String? {
        database.allowOnly(["engine", "region", "encryption", "backupRetentionDays"])
        let engine = database.choice("engine", ["postgres", "mysql"])
        readRegion(database, component: "database", role: "database region", into: &deployment)
        var store = DataStore(kind: .database, component: "database", origin: database.origin,
                              encryption: Encryption(origin: database.origin(of: "encryption")))
        store.rawNode = database.node
        if let encryption = database.object("encryption") {
            encryption.allowOnly(["atRest", "kmsKey"])
            store.encryption.atRest = encryption.bool("atRest").map { Located(.known($0.value), at: $0.origin) }
            store.encryption.kmsKey = Self.readKey(encryption, component: "database", into: &deployment)
        }
        // RDS keeps automated backups (point-in-time recovery) 0 to 35 days.
        store.backupRetentionDays = database.int("backupRetentionDays", range: 0...35).map { StoreSetting(.known($0.value), at: $0.origin) }
        deployment.dataStores.append(store)
        return engine?.value
    }

    private func readFileStore(_ fileStore: ObjectView, into deployment: inout Deployment) {
        fileStore.allowOnly(["type", "bucket", "region", "encryption", "versioning"])
        let type = fileStore.choice("type", ["s3", "multitenant-s3", "minio", "local"])
        _ = fileStore.string("bucket")
        if let type, type.value == "s3" {
            deployment.capabilities.append(CapabilityRequest(.objectStorage, at: type.origin, component: "fileStore"))
        }
        readRegion(fileStore, component: "fileStore", role: "file store region", into: &deployment)
        var store = DataStore(kind: .fileStore, component: "fileStore", origin: fileStore.origin,
                              encryption: Encryption(origin: fileStore.origin(of: "encryption")))
        store.rawNode = fileStore.node
        store.storageType = type
        if let encryption = fileStore.object("encryption") {
            encryption.allowOnly(["algorithm", "kmsKey"])
            store.encryption.algorithm = encryption.choice("algorithm", ["AES256", "aws:kms", "aws:kms:dsse"])
                .map { Located(.known($0.value), at: $0.origin) }
            store.encryption.kmsKey = Self.readKey(encryption, component: "fileStore", into: &deployment)
        }
        store.versioning = fileStore.bool("versioning").map { StoreSetting(.known($0.value), at: $0.origin) }
        deployment.dataStores.append(store)
    }

    private func readBackups(_ backups: ObjectView, into deployment: inout Deployment) {
        backups.allowOnly(["schedule", "retentionDays", "region", "copyRegions", "encryption", "vaultLock"])
        var policy = BackupPolicy(component: "backups", origin: backups.origin)
        // An empty schedule asks for nothing: the offering's default schedule applies.
        policy.schedule = backups.string("schedule").flatMap { $0.value.isBlank ? nil : $0 }
        if let schedule = policy.schedule {
            deployment.capabilities.append(CapabilityRequest(.customBackupSchedule, at: schedule.origin, component: "backups"))
        }
        policy.retentionDays = backups.int("retentionDays", range: 0...36_500)
        deployment.backups = policy
        readRegion(backups, component: "backups", role: "backup region", into: &deployment)
        for copy in backups.strings("copyRegions") {
            deployment.regions.append(RegionReference(copy.value, at: copy.origin, component: "backups",
                                                      role: "backup copy region", isReplica: true))
        }
        var store = DataStore(kind: .backups, component: "backups", origin: backups.origin,
                              encryption: Encryption(origin: backups.origin(of: "encryption")))
        store.rawNode = backups.node
        if let encryption = backups.object("encryption") {
            encryption.allowOnly(["atRest", "kmsKey"])
            store.encryption.atRest = encryption.bool("atRest").map { Located(.known($0.value), at: $0.origin) }
            store.encryption.kmsKey = Self.readKey(encryption, component: "backups", into: &deployment)
        }
        store.vaultLock = backups.bool("vaultLock").map { StoreSetting(.known($0.value), at: $0.origin) }
        deployment.dataStores.append(store)
    }

    private func readMaintenance(_ maintenance: ObjectView, into deployment: inout Deployment) {
        maintenance.allowOnly(["window", "soakHours", "emergency"])
        var result = Maintenance(component: "maintenance", origin: maintenance.origin)
        result.window = maintenance.string("window")
        result.soakHours = maintenance.int("soakHours", range: 0...8760)
        if let emergency = maintenance.object("emergency") {
            emergency.allowOnly(["reason", "ticket"])
            var change = EmergencyChange(origin: emergency.origin)
            change.reason = emergency.string("reason")
            change.ticket = emergency.string("ticket")
            result.emergency = change
        }
        deployment.maintenance = result
    }

    // MARK: - Shared fields

    private func readRegion(_ object: ObjectView, component: String, role: String, into deployment: inout Deployment) {
        if let region = object.string("region") {
            deployment.regions.append(RegionReference(region.value, at: region.origin, component: component, role: role))
        }
    }

    /// A `kmsKey` field: its region (for ARNs) and the BYOK request it implies.
    static func readKey(_ encryption: ObjectView, component: String,
                         into deployment: inout Deployment) -> Located<Fact<String>>? {
        guard let key = encryption.string("kmsKey") else { return nil }
        if let arn = AmazonResourceName(key.value), let region = arn.region, !region.isEmpty {
            deployment.regions.append(RegionReference(region, at: key.origin, component: component,
                                                      role: "region in the KMS key ARN"))
        }
        if !KeyReference.isAWSManaged(key.value) {
            deployment.capabilities.append(CapabilityRequest(.encryptionKeys, at: key.origin, component: component))
        }
        return Located(.known(key.value), at: key.origin)
    }
}
