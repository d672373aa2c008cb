import PolicyCheckModel

/// Which of the log types an RDS, Aurora, DocumentDB or Neptune database exports to CloudWatch Logs record the engine's own activity.
/// Each engine also exports logs that do not: PostgreSQL's `upgrade`, every engine's `iam-db-auth-error`, Aurora's
/// `instance`, SQL Server's `agent`, Oracle's `oemagent`. A database exporting only those keeps its engine log on the
/// instance, so MMC-LOG-004 fails it. The log types per engine are those of the RDS API's `EnableCloudwatchLogsExports`
/// (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html,
/// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html) and
/// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html.
enum DatabaseLogTypes {
    /// The engine log types of an engine (`postgres`, `aurora-postgresql`, `mysql`, `aurora-mysql`, `mariadb`,
    /// `oracle-ee`, `sqlserver-se`, `db2-se`, …); every engine's when the engine is not known.
    static func engineLogs(of engine: String?) -> Set<String> {
        guard let engine = engine?.lowercased() else { return allEngineLogs }
        if engine.contains("postgres") { return postgreSQL }
        if engine.contains("mysql") || engine.hasPrefix("mariadb") || engine == "aurora" { return mySQL }
        if engine.contains("oracle") { return oracle }
        if engine.contains("sqlserver") { return sqlServer }
        if engine.hasPrefix("db2") { return db2 }
        if engine == "docdb" { return documentDB }
        if engine == "neptune" { return neptune }
        return allEngineLogs
    }

    /// Whether `exports` holds one of the engine's logs: true when one of its known items does; unknown when none
    /// does but an item is unknown; false otherwise, with a note naming what is exported and what is missing.
    /// `empty` is the setting for an empty list, as each input says where.
    static func setting(engine: String?, exports: [Fact<String>], at origin: Origin,
                        empty: @autoclosure () -> StoreSetting<Bool>) -> StoreSetting<Bool> {
        guard !exports.isEmpty else { return empty() }
        let wanted = engineLogs(of: engine)
        let known = exports.compactMap(\.known)
        if known.contains(where: wanted.contains) { return StoreSetting(.known(true), at: origin) }
        for case .unknown(let reason) in exports { return StoreSetting(.unknown(reason: reason), at: origin) }
        let names = wanted.sorted()
        let missing = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
        return StoreSetting(.known(false), at: origin,
                            note: "it exports only \(known.joined(separator: ", ")), not \(missing)")
    }

    private static let postgreSQL: Set<String> = ["postgresql"]
    private static let mySQL: Set<String> = ["audit", "error", "general", "slowquery"]
    private static let oracle: Set<String> = ["alert", "audit", "listener", "trace"]
    private static let sqlServer: Set<String> = ["error"]
    private static let db2: Set<String> = ["diag.log", "notify.log"]
    /// DocumentDB exports `audit` and `profiler` logs, Neptune `audit` and `slowquery`; each records only when its
    /// cluster parameter (`audit_logs`, `profiler`; `neptune_enable_audit_log`, `neptune_enable_slow_query_log`)
    /// turns it on, which policycheck does not judge
    /// (https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html,
    /// https://docs.aws.amazon.com/neptune/latest/userguide/cloudwatch-logs.html).
    private static let documentDB: Set<String> = ["audit", "profiler"]
    private static let neptune: Set<String> = ["audit", "slowquery"]
    private static let allEngineLogs = postgreSQL.union(mySQL).union(oracle).union(sqlServer).union(db2)
        .union(documentDB).union(neptune)
}
