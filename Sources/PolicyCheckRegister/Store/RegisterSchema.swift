/// The register's schema, as migrations applied in order. Never edit a released step: add one.
public enum RegisterSchema {
    public static let bookkeeping = """
        CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
        """

    public static let migrations: [Migration] = [
        Migration(version: 1, name: "runs", statements: [
            """
            CREATE TABLE runs (
              run_id TEXT PRIMARY KEY, repository TEXT NOT NULL, ref TEXT NOT NULL, commit_sha TEXT, run_url TEXT,
              actor TEXT, pull_request TEXT, ci_system TEXT, generated_at BIGINT NOT NULL, started_at BIGINT,
              finished_at BIGINT, evaluated_at BIGINT NOT NULL, verdict TEXT NOT NULL, exit_code BIGINT NOT NULL,
              fail_on TEXT NOT NULL, tool_version TEXT NOT NULL, settings TEXT NOT NULL,
              inputs_expected BIGINT NOT NULL, inputs_evaluated BIGINT NOT NULL, inputs_skipped BIGINT NOT NULL,
              inputs_error BIGINT NOT NULL, evidence_sha256 TEXT NOT NULL, bundle_path TEXT NOT NULL,
              verified_signer TEXT, previous_run_id TEXT, previous_sha256 TEXT, chain_status TEXT NOT NULL)
            """,
            "CREATE INDEX runs_by_time ON runs (generated_at)",
            "CREATE INDEX runs_by_chain ON runs (repository, ref, generated_at)",
            "CREATE INDEX runs_by_previous ON runs (previous_run_id)",
        ]),
        Migration(version: 2, name: "run contents", statements: [
            "CREATE TABLE run_packs (run_id TEXT NOT NULL, position BIGINT NOT NULL, pack_id TEXT NOT NULL, version TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (run_id, position))",
            "CREATE TABLE run_rules (run_id TEXT NOT NULL, position BIGINT NOT NULL, rule_id TEXT NOT NULL, severity TEXT NOT NULL, controls TEXT NOT NULL, PRIMARY KEY (run_id, position))",
            """
            CREATE TABLE run_controls (run_id TEXT NOT NULL, position BIGINT NOT NULL, control TEXT NOT NULL, pass BIGINT NOT NULL,
              fail BIGINT NOT NULL, waived BIGINT NOT NULL, not_applicable BIGINT NOT NULL, cannot_verify BIGINT NOT NULL,
              PRIMARY KEY (run_id, position))
            """,
            """
            CREATE TABLE run_findings (run_id TEXT NOT NULL, position BIGINT NOT NULL, fingerprint TEXT NOT NULL, rule_id TEXT NOT NULL,
              severity TEXT NOT NULL, resource TEXT NOT NULL, file TEXT NOT NULL, line BIGINT NOT NULL, status TEXT NOT NULL,
              suppression_kind TEXT, justification TEXT, controls TEXT NOT NULL, PRIMARY KEY (run_id, position))
            """,
            "CREATE INDEX run_findings_by_fingerprint ON run_findings (fingerprint)",
            """
            CREATE TABLE run_waivers (run_id TEXT NOT NULL, position BIGINT NOT NULL, rule TEXT NOT NULL, resource TEXT,
              file_pattern TEXT, reason TEXT NOT NULL, requested_by TEXT, approved_by TEXT NOT NULL, approved_on TEXT NOT NULL,
              expires TEXT, ticket TEXT, status TEXT NOT NULL, matched BIGINT NOT NULL, PRIMARY KEY (run_id, position))
            """,
        ]),
        Migration(version: 3, name: "refusals", statements: [
            """
            CREATE TABLE refusals (refusal_id TEXT PRIMARY KEY, bundle_path TEXT NOT NULL, reason TEXT NOT NULL,
              evidence_sha256 TEXT, claimed_run_id TEXT, claimed_repository TEXT, claimed_ref TEXT, occurred_at BIGINT NOT NULL)
            """,
            "CREATE INDEX refusals_by_time ON refusals (occurred_at)",
        ]),
        // Until 4, occurred_at held the time a refused bundle claims when it claimed one; from 4 on it is the push
        // time and the claim is kept apart (docs/audit.md, "A push").
        Migration(version: 4, name: "refusal claimed time", statements: [
            "ALTER TABLE refusals ADD COLUMN claimed_at BIGINT",
        ]),
        // From 5 on a run records the inputs its bundle lists, so the period report counts a finding fixed only at a
        // run that evaluated its file (docs/audit.md, "Fixed means evaluated"). Each distinct list is one row, keyed
        // by the SHA-256 of its text (`StoredInputList`); runs stored before 5 keep a NULL `input_list`: they record
        // none and fix nothing. A finding's `deployment` names the input it was reached through.
        Migration(version: 5, name: "run inputs", statements: [
            "CREATE TABLE input_lists (list_sha256 TEXT PRIMARY KEY, inputs TEXT NOT NULL)",
            "ALTER TABLE runs ADD COLUMN input_list TEXT",
            "ALTER TABLE run_findings ADD COLUMN deployment TEXT",
        ]),
    ]

    public static var latestVersion: Int { migrations.last?.version ?? 0 }
}
