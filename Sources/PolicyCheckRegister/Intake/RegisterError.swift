/// What can go wrong with the register; `description` is the one-line message the CLI prints.
public enum RegisterError: Error, Sendable, CustomStringConvertible {
    /// A bundle failed verification or cannot be read: refused, nothing stored (exit 2).
    case refused(bundle: String, reason: String)
    /// The run id is already stored with a different evidence.json.
    case conflict(runId: String, bundle: String)
    /// The register cannot be opened or is not a register (corrupt file, unreachable server).
    case unavailable(location: String, reason: String)
    /// A statement failed.
    case database(location: String, reason: String)
    /// `--register` names neither a file nor a postgres:// URL that can be used.
    case badLocation(String, reason: String)

    public var description: String {
        switch self {
        case .refused(let bundle, let reason):
            return "\(bundle): error: refused: \(reason); nothing stored"
        case .conflict(let runId, let bundle):
            return "\(bundle): error: run \(runId) is already in the register with a different evidence.json; nothing stored"
        case .unavailable(let location, let reason):
            return "\(location): error: cannot open the register: \(reason)"
        case .database(let location, let reason):
            return "\(location): error: register: \(reason)"
        case .badLocation(let location, let reason):
            return "\(location): error: \(reason)"
        }
    }
}

extension RegisterError {
    /// `audit` on a SQLite path where there is no file: a mistyped path, not an empty register.
    static func noRegisterFile(_ path: String) -> RegisterError {
        .unavailable(location: path, reason: "no register at \(path) (no such file); `register push` creates one")
    }

    /// A database without the register's bookkeeping table, opened for reading.
    static func notARegister(_ location: String) -> RegisterError {
        .unavailable(location: location, reason: "not a policycheck register (it has no schema_migrations table)")
    }

    /// A database with other tables and no register, opened for writing.
    static func foreignDatabase(_ location: String) -> RegisterError {
        .unavailable(location: location,
                     reason: "not a policycheck register (it holds other tables and no schema_migrations table); give an empty database or a new file")
    }

    static func newerSchema(_ location: String, version: Int) -> RegisterError {
        .unavailable(location: location,
                     reason: "its schema version \(version) is newer than this policycheck knows (\(RegisterSchema.latestVersion)); upgrade policycheck")
    }

    /// A register an older policycheck made, opened for reading: reading never migrates.
    static func olderSchema(_ location: String, version: Int) -> RegisterError {
        .unavailable(location: location,
                     reason: "its schema version \(version) is older than this policycheck's (\(RegisterSchema.latestVersion)), and audit never migrates; run `policycheck register migrate --register …` with a role that may write, then audit again")
    }
}
