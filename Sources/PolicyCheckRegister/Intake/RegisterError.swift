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
