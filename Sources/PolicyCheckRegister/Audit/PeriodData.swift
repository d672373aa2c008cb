/// Everything the period report is computed from, read from the register in one go (`PeriodLoader`).
public struct PeriodData: Sendable {
    /// One run in the period, with what the register knows of the run its bundle names as previous.
    public struct Run: Sendable, Hashable {
        public var runId: String
        public var repository: String
        public var ref: String
        public var commit: String?
        public var actor: String?
        public var runURL: String?
        public var generatedAt: Int64
        public var verdict: String
        public var evidenceSHA256: String
        public var bundlePath: String
        public var verifiedSigner: String?
        public var previousRunId: String?
        public var previousSHA256: String?
        public var predecessor: ChainStatus.Predecessor?
        /// How many inputs the run evaluated: a run that evaluated none (every input skipped, or charts left
        /// unrendered with `--allow-unrendered`) passes having checked nothing, and so proves no fix.
        public var inputsEvaluated: Int = 0
        /// The key of the run's input list (`InputLists`); nil for a run stored before schema 5, which records none.
        public var inputList: String? = nil

        public var chain: String { "\(repository) \(ref)" }
    }

    public struct ControlRow: Sendable, Hashable {
        public var runId: String
        public var control: String
        public var fail: Int
        public var evaluated: Int
    }

    public struct FindingRow: Sendable, Hashable {
        public var runId: String
        public var fingerprint: String
        public var ruleId: String
        public var severity: String
        public var resource: String
        public var file: String
        public var status: String
        public var suppressionKind: String?
        public var justification: String?
        /// The input the finding was reached through, when not its own file (`RunRecord.Finding.deployment`).
        public var deployment: String? = nil
    }

    /// One waiver as one run recorded it.
    public struct WaiverRow: Sendable, Hashable {
        public var runId: String
        public var waiver: RunRecord.Waiver
    }

    public struct RefusalRow: Sendable, Hashable {
        public var bundlePath: String
        public var reason: String
        public var evidenceSHA256: String?
        public var claimedRunId: String?
        public var claimedRepository: String?
        public var claimedRef: String?
        /// When the refusal was recorded: the push's time.
        public var occurredAt: Int64
        /// The time the unverified bundle claims (`run.generatedAt`), a claim only; nil when it states none, and for
        /// refusals recorded before schema 4.
        public var claimedAt: Int64?
    }

    /// Runs ordered by repository, ref, time, run id.
    public var runs: [Run]
    public var controls: [ControlRow]
    public var findings: [FindingRow]
    public var waivers: [WaiverRow]
    public var refusals: [RefusalRow]
    /// Chains (`repository ref`) that have runs before the period starts.
    public var chainsWithEarlierRuns: Set<String>
    /// The input lists the runs name.
    public var inputLists = InputLists()
}
