import PolicyCheckModel
import PolicyCheckSyntax

/// Reads a native manifest's `spec.logging`: the audit trail, S3 server access logging of the file store, the
/// database's log exports, and where and how long logs are kept. Absent settings ask for nothing; an audit trail that does not say
/// whether it records every region or validates its log files does neither, as AWS's defaults.
struct LoggingReader {
    let logging: ObjectView
    /// The database's `engine`, when the manifest states it: its own logs are the ones that must be exported.
    let engine: String?

    /// Log types RDS exports to CloudWatch Logs (PostgreSQL: postgresql, upgrade, iam-db-auth-error; MySQL and
    /// MariaDB: audit, error, general, slowquery, iam-db-auth-error).
    static let logTypes = ["postgresql", "upgrade", "iam-db-auth-error", "audit", "error", "general", "slowquery"]

    func read(into deployment: inout Deployment) {
        logging.allowOnly(["region", "retentionDays", "auditTrail", "accessLogs", "databaseLogExports"])
        if let region = logging.string("region") {
            deployment.regions.append(RegionReference(region.value, at: region.origin, component: "logging", role: "log region"))
        }
        // CloudWatch Logs keeps events 1 day to 10 years; 0 is until deleted.
        if let days = logging.int("retentionDays", range: 0...3653) {
            deployment.logRetentions.append(LogRetention(component: "logging",
                                                         days: StoreSetting(.known(days.value), at: days.origin)))
        }
        if let trail = logging.object("auditTrail") { readTrail(trail, into: &deployment) }
        if let flag = logging.bool("accessLogs"),
           let index = deployment.dataStores.firstIndex(where: { $0.kind == .fileStore && $0.component == "fileStore" }),
           ["s3", nil].contains(deployment.dataStores[index].storageType?.value) {
            deployment.dataStores[index].accessLogging = StoreSetting(.known(flag.value), at: flag.origin)
        }
        if logging.value("databaseLogExports") != nil {
            let exports = logging.strings("databaseLogExports")
            for export in exports where !Self.logTypes.contains(export.value) {
                logging.reader.error(at: export.origin.offset,
                                     "'\(export.origin.path)' must be one of \(Self.logTypes.joined(separator: ", ")), found '\(Excerpt.quote(export.value))'"
                                        + Suggestion.clause(for: export.value, among: Self.logTypes))
            }
            if let index = deployment.dataStores.firstIndex(where: { $0.kind == .database && $0.component == "database" }) {
                let origin = logging.origin(of: "databaseLogExports")
                deployment.dataStores[index].logExports = DatabaseLogTypes.setting(
                    engine: engine, exports: exports.map { .known($0.value) }, at: origin,
                    empty: StoreSetting(.known(false), at: origin, note: "databaseLogExports is empty"))
            }
        }
    }

    private func readTrail(_ trail: ObjectView, into deployment: inout Deployment) {
        trail.allowOnly(["enabled", "multiRegion", "logFileValidation", "kmsKey"])
        let component = "logging/auditTrail"
        var result = AuditTrail(component: component, origin: trail.origin)
        result.logging = trail.bool("enabled").map { Located(.known($0.value), at: $0.origin) }
        result.multiRegion = flag(trail, "multiRegion")
        result.logFileValidation = flag(trail, "logFileValidation")
        deployment.auditTrails.append(result)
        var logs = DataStore(kind: .logs, component: component, origin: trail.origin,
                             encryption: Encryption(origin: trail.origin(of: "kmsKey")))
        logs.rawNode = trail.node
        logs.encryption.atRest = Located(.known(true), at: trail.origin(of: "kmsKey"))
        logs.encryption.kmsKey = SpecReader.readKey(trail, component: component, into: &deployment)
        deployment.dataStores.append(logs)
    }

    /// A flag whose AWS default is false.
    private func flag(_ object: ObjectView, _ key: String) -> Located<Fact<Bool>> {
        object.bool(key).map { Located(.known($0.value), at: $0.origin) } ?? Located(.known(false), at: object.origin(of: key))
    }
}
