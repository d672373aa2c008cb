import ArgumentParser
import PolicyCheckKit

/// How the gating commands (`check`, `report`, `keys verify`) treat a `.policycheck.yaml` found upward from the working directory.
/// In CI that directory is the pull request's checkout, so such a file may not weaken the gate unless the run opts
/// in; a file named with `--config` is the caller's choice (docs/security.md).
struct GateOptions: ParsableArguments {
    @Flag(name: .customLong("allow-tree-config"), help: """
        Let a .policycheck.yaml found upward from the working directory weaken the gate (disable rules, lower \
        severities, include or exclude files, raise --fail-on, replace packs, force a format or offering). \
        Without it such a file is refused (exit 2); the evidence records its settings either way.
        """)
    var allowTreeConfig = false

    /// The policy in force and its settings audit; a weakening setting in a discovered file is an error at its place.
    func load(_ settings: RunSettings, _ policyOptions: PolicyOptions) throws -> (policy: CompiledPolicy, audit: SettingsAudit) {
        let loaded = try policyOptions.loadAudited(settings)
        guard settings.configDiscovered, !allowTreeConfig else { return loaded }
        let refused = loaded.audit.mayWeakenFromConfig
        guard refused.isEmpty else {
            var failure = CommandFailure("")
            failure.lines = refused.map { entry in
                "\(entry.source): error: '\(entry.name): \(entry.value)' may weaken the gate (\(entry.note)), and "
                    + "this file was found upward from the working directory, not named with --config; "
                    + "name a trusted file with --config FILE, or pass --allow-tree-config"
            }
            throw failure
        }
        return loaded
    }
}
