import PolicyCheckConfig
import PolicyCheckModel

/// What an evidence bundle records beyond the check report: the run's identity, the tool, the times, the files
/// that configured the run, the previous bundle in the chain and the signer.
public struct EvidenceContext: Sendable {
    /// When the bundle was made.
    public enum Time: Sendable, Hashable {
        /// `SOURCE_DATE_EPOCH` is set: that time is used throughout and no wall-clock time is recorded.
        case reproducible(Timestamp)
        /// Real start and end times.
        case wallClock(started: Timestamp, finished: Timestamp)

        /// The time the bundle states it was generated.
        public var generatedAt: Timestamp {
            switch self {
            case .reproducible(let time): return time
            case .wallClock(_, let finished): return finished
            }
        }

        public var isReproducible: Bool {
            if case .reproducible = self { return true }
            return false
        }
    }

    /// A file that shaped the run (waivers, baseline), by hash.
    public struct ConfigFile: Sendable, Hashable {
        public var role: String
        public var path: String
        public var sha256: String

        public init(role: String, path: String, sha256: String) {
            self.role = role
            self.path = path
            self.sha256 = sha256
        }
    }

    /// The configuration file and every setting that changed what was checked or how strictly.
    public struct Configuration: Sendable, Hashable {
        /// The `.policycheck.yaml` in force, if any.
        public var file: String?
        public var sha256: String?
        /// Found upward from the working directory rather than named with `--config`.
        public var discovered: Bool
        /// `--allow-tree-config` let a discovered file weaken the gate.
        public var treeConfigAllowed: Bool
        public var settings: [SettingsAudit.Entry]

        public init(settings: RunSettings, audit: SettingsAudit, treeConfigAllowed: Bool) {
            file = settings.configFile
            sha256 = settings.configSHA256
            discovered = settings.configDiscovered
            self.treeConfigAllowed = treeConfigAllowed
            self.settings = audit.entries
        }

        public init() {
            discovered = false
            treeConfigAllowed = false
            settings = []
        }

        /// The settings that weaken the gate or may.
        public var weakening: [SettingsAudit.Entry] { settings.filter { $0.effect == .weakens || $0.effect == .changes } }
    }

    /// The bundle this one follows.
    public struct PreviousLink: Sendable, Hashable {
        /// SHA-256 of the previous `evidence.json` bytes.
        public var sha256: String
        public var runId: String?

        public init(sha256: String, runId: String?) {
            self.sha256 = sha256
            self.runId = runId
        }
    }

    /// The key that signs `evidence.json`, recorded before signing.
    public struct SignerIdentity: Sendable, Hashable {
        public var algorithm: String
        /// SHA-256 of the signer's DER SubjectPublicKeyInfo.
        public var publicKeySPKISha256: String

        public init(algorithm: String, publicKeySPKISha256: String) {
            self.algorithm = algorithm
            self.publicKeySPKISha256 = publicKeySPKISha256
        }
    }

    /// The paths checked, as given on the command line.
    public var scope: [String]
    public var time: Time
    public var ci: CIEnvironment
    /// SHA-256 of the policycheck executable, when it could be read.
    public var binarySHA256: String?
    public var openSSLVersion: String
    public var configFiles: [ConfigFile] = []
    public var configuration = Configuration()
    public var previous: PreviousLink?
    public var signer: SignerIdentity?

    public init(scope: [String], time: Time, ci: CIEnvironment, binarySHA256: String?, openSSLVersion: String) {
        self.scope = scope
        self.time = time
        self.ci = ci
        self.binarySHA256 = binarySHA256
        self.openSSLVersion = openSSLVersion
    }
}
