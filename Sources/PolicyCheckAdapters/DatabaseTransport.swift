import PolicyCheckModel
import PolicyCheckSyntax

/// What RDS, Aurora and DocumentDB need to refuse unencrypted connections, by engine: the parameter that forces TLS, the values
/// that turn it on, and whether the engine's default parameter group already does
/// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html: `rds.force_ssl`
/// is 1 by default from RDS for PostgreSQL 15, 0 before;
/// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html:
/// `require_secure_transport` is OFF by default for MySQL 8.4 and lower;
/// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html: OFF for MariaDB
/// 11.4 and lower; https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html:
/// `rds.force_ssl` is 0 by default on Aurora PostgreSQL).
struct DatabaseTransport {
    /// The parameter that forces TLS, e.g. `rds.force_ssl`.
    let parameter: String
    /// The engine's own default when no parameter group sets it; `nil` when it depends on a version not stated.
    let requiredByDefault: Bool?
    /// What the default is, for messages ("RDS for PostgreSQL 15 and later require TLS by default").
    let defaultNote: String

    /// The engine version as the input gives it.
    enum Version: Equatable {
        /// `15.4`, or a parameter group family such as `postgres16`.
        case stated(String)
        /// Not given: RDS creates the engine's default version (PostgreSQL 15 or later, MySQL 8.0 or 8.4, MariaDB
        /// 11.4 or earlier, as RDS's defaults stand: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_PostgreSQL.html).
        case awsDefault
        /// Given, but not known from the input (a variable, a parameter).
        case unknown
    }

    /// The rules for an engine (`postgres`, `aurora-mysql`, …) at a version; `nil` for engines that take TLS from
    /// elsewhere (Oracle's option group) or are unknown.
    init?(engine: String, version: Version) {
        let engine = engine.lowercased()
        var major: (Int, Int)?
        switch version {
        case .stated(let text): major = Self.majorMinor(text)
        case .awsDefault: major = engine == "postgres" ? (15, 0) : (0, 0)
        case .unknown: major = nil
        }
        switch engine {
        case "postgres":
            parameter = "rds.force_ssl"
            requiredByDefault = major.map { $0.0 >= 15 }
            defaultNote = "RDS for PostgreSQL requires TLS by default only from version 15, its default version for new databases"
        case "aurora-postgresql":
            parameter = "rds.force_ssl"
            requiredByDefault = false
            defaultNote = "Aurora PostgreSQL's default rds.force_ssl is 0"
        case "mysql":
            parameter = "require_secure_transport"
            requiredByDefault = major.map { $0.0 > 9 || ($0.0 == 9 && $0.1 >= 7) }
            defaultNote = "RDS for MySQL 8.4 and lower default require_secure_transport to OFF"
        case "mariadb":
            parameter = "require_secure_transport"
            requiredByDefault = major.map { $0.0 > 11 || ($0.0 == 11 && $0.1 >= 8) }
            defaultNote = "RDS for MariaDB 11.4 and lower default require_secure_transport to OFF"
        case "aurora", "aurora-mysql":
            parameter = "require_secure_transport"
            requiredByDefault = false
            defaultNote = "Aurora MySQL's default require_secure_transport is OFF"
        case "docdb":
            // "Amazon DocumentDB clusters have TLS enabled by default"; the cluster parameter group's `tls` is
            // `enabled` (or `tls1.2+`, `tls1.3+`, `fips-140-3`) or `disabled`
            // (https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html).
            parameter = "tls"
            requiredByDefault = true
            defaultNote = "Amazon DocumentDB's default tls is enabled"
        case _ where engine.hasPrefix("db2"):
            // RDS for Db2 (`db2-se`, `db2-ae`) takes TLS through `DB2COMM` and `SSL_SVCENAME` in a custom parameter
            // group ("You can't modify the default parameter group for RDS for Db2"); `TCPIP,SSL` adds a TLS port
            // beside the clear-text one ("both clear text and SSL-encrypted communication"), so only `SSL` alone
            // refuses clear text (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Db2.Concepts.SSL.html).
            parameter = "db2comm"
            requiredByDefault = false
            defaultNote = "RDS for Db2 accepts clear-text connections unless a parameter group of its own sets DB2COMM to SSL alone"
        case _ where engine.hasPrefix("sqlserver"):
            parameter = "rds.force_ssl"
            requiredByDefault = false
            defaultNote = "RDS for SQL Server's default rds.force_ssl is 0"
        default:
            return nil
        }
    }

    /// The engine's default, when no parameter group sets the parameter: `note` says which group is used, `input`
    /// names the input for the unknown case ("plan", "template").
    func defaultSetting(at origin: Origin, input: String, note: String) -> StoreSetting<Bool> {
        guard let byDefault = requiredByDefault else {
            return StoreSetting(.unknown(reason: "\(note), and whether it requires TLS depends on the engine version, which the \(input) does not state (\(defaultNote))"),
                                at: origin)
        }
        return StoreSetting(.known(byDefault), at: origin, note: "\(note); \(defaultNote)")
    }

    /// Whether an engine is RDS for Oracle's (`oracle-ee`, `oracle-se2-cdb`, `custom-oracle-ee`, …), whose
    /// connections are encrypted through its option group, not a parameter: the `NATIVE_NETWORK_ENCRYPTION` option
    /// refuses unencrypted connections only with `SQLNET.ENCRYPTION_SERVER` `REQUIRED`
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Oracle.Options.NNE.Options.html), and the default option
    /// group has no such option (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.Oracle.Options.NetworkEncryption.html).
    static func isOracle(_ engine: String) -> Bool {
        let engine = engine.lowercased()
        return engine.hasPrefix("oracle-") || engine.hasPrefix("custom-oracle")
    }

    /// An Oracle database's TLS from the option group it names (`nil`, empty or `default:…`: the default group, which
    /// accepts unencrypted connections). A group of its own is not read: cannot be verified, never a silent pass.
    static func oracle(optionGroup name: String?, at origin: Origin) -> StoreSetting<Bool> {
        guard let name, !name.isEmpty, !name.lowercased().hasPrefix("default:") else {
            return StoreSetting(.known(false), at: origin,
                                note: "the default option group is used, and RDS for Oracle then accepts unencrypted connections")
        }
        return StoreSetting(.unknown(reason: "RDS for Oracle refuses unencrypted connections only through its option group's NATIVE_NETWORK_ENCRYPTION option ('\(Excerpt.quote(name))' here), which policycheck does not read"),
                            at: origin)
    }

    /// An option of an Oracle option group as the input declares it: its name and its `SQLNET.ENCRYPTION_SERVER`
    /// setting; `unknown` when either is not known here.
    struct OracleOption {
        var name: String?
        var encryptionServer: String?
        var unknown: String?
    }

    /// An Oracle database's TLS from an option group the input declares: refused plaintext only with
    /// `NATIVE_NETWORK_ENCRYPTION` and `SQLNET.ENCRYPTION_SERVER` `REQUIRED`. Without that option the database accepts
    /// clear text (the `SSL` option adds a TLS port beside the plain one, "both clear text and SSL-encrypted
    /// communication", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.Oracle.Options.SSL.html).
    static func oracle(options: [OracleOption], group: String, at origin: Origin) -> StoreSetting<Bool> {
        if let unknown = options.lazy.compactMap(\.unknown).first {
            return StoreSetting(.unknown(reason: unknown), at: origin)
        }
        guard let encryption = options.first(where: { $0.name?.uppercased() == "NATIVE_NETWORK_ENCRYPTION" }) else {
            return StoreSetting(.known(false), at: origin,
                                note: "\(group) has no NATIVE_NETWORK_ENCRYPTION option, so RDS for Oracle accepts unencrypted connections")
        }
        if encryption.encryptionServer?.uppercased() == "REQUIRED" { return StoreSetting(.known(true), at: origin) }
        let stated = encryption.encryptionServer.map { "sets SQLNET.ENCRYPTION_SERVER to '\(Excerpt.quote($0))'" }
            ?? "leaves SQLNET.ENCRYPTION_SERVER at its default"
        return StoreSetting(.known(false), at: origin,
                            note: "\(group)'s NATIVE_NETWORK_ENCRYPTION option \(stated), which lets unencrypted connections in")
    }

    /// The oldest TLS version a DocumentDB cluster accepts, from a `tls` value a parameter group states: `enabled`
    /// "accepts secure connections using TLS version 1.0 through 1.3", `tls1.2+` and `tls1.3+` refuse versions before
    /// theirs, `fips-140-3` accepts only connections that meet FIPS 140-3
    /// (https://docs.aws.amazon.com/documentdb/latest/developerguide/API_Parameter.html, `ParameterValue`;
    /// https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html). `nil` for
    /// `disabled` (plaintext, the transit setting's) and values DocumentDB does not document.
    static func documentDBMinimumTLS(_ value: String, group: String, at origin: Origin) -> StoreSetting<Bool>? {
        switch value.lowercased() {
        case "enabled":
            return StoreSetting(.known(false), at: origin,
                                note: "tls is '\(Excerpt.quote(value))' in \(group), which accepts TLS 1.0 to 1.3")
        case "tls1.2+", "tls1.3+", "fips-140-3":
            return StoreSetting(.known(true), at: origin)
        default:
            return nil
        }
    }

    /// Whether this engine's parameter, set to `value`, refuses clear-text connections: Db2's `DB2COMM` only when it
    /// lists `SSL` alone (`TCPIP,SSL` keeps the clear-text port); the others by `isOn`.
    func refusesClearText(_ value: String) -> Bool {
        guard parameter == "db2comm" else { return Self.isOn(value) }
        let protocols = value.split(separator: ",").map { String($0.filter { !$0.isWhitespace }).uppercased() }.filter { !$0.isEmpty }
        return !protocols.isEmpty && protocols.allSatisfy { $0 == "SSL" }
    }

    /// Whether the parameter is `name`: parameter names are matched without regard to case, as Db2's are written both
    /// `DB2COMM` (AWS's guide) and `db2comm`.
    func isNamed(_ name: String) -> Bool { name.lowercased() == parameter }

    /// Whether a parameter value turns TLS on (`1`, `ON`, `true`; DocumentDB's `enabled`, `tls1.2+`, `tls1.3+`,
    /// `fips-140-3`).
    static func isOn(_ value: String) -> Bool {
        ["1", "on", "true", "enabled", "tls1.2+", "tls1.3+", "fips-140-3"]
            .contains(String(value.filter { !$0.isWhitespace }).lowercased())
    }

    /// The engine a parameter group family names (`postgres16` → `postgres`, `aurora-mysql8.0` → `aurora-mysql`).
    static func engine(ofFamily family: String) -> String {
        String(family.prefix { !$0.isNumber })
    }

    /// Major and minor version from `15.4`, `8.0.35` or a family such as `postgres16` / `mysql8.0`.
    static func majorMinor(_ text: String) -> (Int, Int)? {
        let digits = text.drop { !$0.isNumber }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = parts.first, let major = Int(first) else { return nil }
        return (major, parts.count > 1 ? Int(parts[1].prefix { $0.isNumber }) ?? 0 : 0)
    }
}
