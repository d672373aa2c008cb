/// One input of the population a run covered — evaluated, skipped or not checkable — for evidence bundles.
public struct InputRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// Read and evaluated (holds at least one deployment).
        case evaluated
        /// Found in a directory and not checked (not a manifest, empty, binary); `reason` says why.
        case skipped
        /// Named or found but could not be checked; `reason` holds the first error.
        case error
    }

    /// The path as shown in reports (`-` for standard input).
    public var file: String
    public var status: Status
    public var reason: String?
    /// Lowercase hex SHA-256 of the bytes read, when the run hashes inputs and the file could be read.
    public var sha256: String?
    /// Deployments read from it.
    public var deployments: Int
    /// For a Terraform module folder: the files its `sha256` is the digest of (`ModuleManifest`).
    public var manifest: ModuleManifest?

    public init(file: String, status: Status, reason: String? = nil, sha256: String? = nil, deployments: Int = 0,
                manifest: ModuleManifest? = nil) {
        self.file = file
        self.status = status
        self.reason = reason
        self.sha256 = sha256
        self.deployments = deployments
        self.manifest = manifest
    }
}
