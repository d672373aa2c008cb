/// One run as the register stores it: what an evidence bundle's `evidence.json` says, after the bundle verified.
public struct RunRecord: Sendable, Hashable {
    /// One finding of the run, matched across runs by its fingerprint.
    public struct Finding: Sendable, Hashable {
        public var fingerprint: String
        public var ruleId: String
        public var severity: String
        public var resource: String
        public var file: String
        public var line: Int
        /// `open`, `cannot-verify` or `suppressed`.
        public var status: String
        /// `waiver`, `inline` or `baseline` when suppressed.
        public var suppressionKind: String?
        public var justification: String?
        public var controls: [String]
        /// The input a finding outside its input's own file or folder was reached through (a Terraform root module
        /// calling a shared module, a kustomize overlay building a base), as `report` names it; nil otherwise.
        public var deployment: String? = nil
    }

    /// One input of the run, as its bundle lists it (`population.inputs[]`).
    public struct Input: Sendable, Hashable {
        /// The path as the bundle records it (relative to the run's working directory when below it).
        public var file: String
        /// `evaluated`, `skipped` or `error`.
        public var status: String
    }

    /// A policy pack in force.
    public struct Pack: Sendable, Hashable {
        public var id: String
        public var version: String
        public var sha256: String
    }

    /// A rule in force and what it maps to.
    public struct Rule: Sendable, Hashable {
        public var id: String
        public var severity: String
        public var controls: [String]
    }

    /// One row of the run's control matrix.
    public struct Control: Sendable, Hashable {
        public var control: String
        public var pass: Int
        public var fail: Int
        public var waived: Int
        public var notApplicable: Int
        public var cannotVerify: Int
    }

    /// One waiver of the run's waiver register.
    public struct Waiver: Sendable, Hashable {
        public var rule: String
        public var resource: String?
        public var filePattern: String?
        public var reason: String
        public var requestedBy: String?
        public var approvedBy: String
        public var approvedOn: String
        public var expires: String?
        public var ticket: String?
        /// `active`, `expired` or `stale`.
        public var status: String
        public var matched: Int
    }

    public var runId: String
    /// `GITHUB_REPOSITORY` / `CI_PROJECT_PATH`; `(unknown)` when the run recorded none.
    public var repository: String
    public var ref: String
    public var commit: String?
    public var runURL: String?
    public var actor: String?
    public var pullRequest: String?
    public var ciSystem: String?
    /// Seconds since 1970 (UTC).
    public var generatedAt: Int64
    public var startedAt: Int64?
    public var finishedAt: Int64?
    public var evaluatedAt: Int64
    /// `pass`, `fail` or `error`.
    public var verdict: String
    public var exitCode: Int
    public var failOn: String
    public var toolVersion: String
    /// The run's recorded settings (scope, threshold, configuration files, and the `settings` object when the
    /// bundle has one), as canonical JSON.
    public var settings: String
    public var inputsExpected: Int
    public var inputsEvaluated: Int
    public var inputsSkipped: Int
    public var inputsError: Int
    /// Every input the bundle lists, in its order; nil when the bundle lists none (`population.inputs` absent).
    /// Stored once per distinct list (`StoredInputList`), so the runs of a tree that did not change share one.
    public var inputs: [Input]?
    public var packs: [Pack]
    public var rules: [Rule]
    public var controls: [Control]
    public var findings: [Finding]
    public var waivers: [Waiver]
    /// SHA-256 of the bundle's `evidence.json` bytes.
    public var evidenceSHA256: String
    /// Where the bundle was pushed from, as given.
    public var bundlePath: String
    /// The signer's SPKI SHA-256 when the signature was verified against a configured public key.
    public var verifiedSigner: String?
    public var previousRunId: String?
    public var previousSHA256: String?
}

extension RunRecord {
    /// The repository/ref chain the run belongs to.
    public var chain: String { "\(repository) \(ref)" }
}
