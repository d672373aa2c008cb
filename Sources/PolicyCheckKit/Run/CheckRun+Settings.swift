import PolicyCheckConfig
import PolicyCheckModel
import PolicyCheckPolicy

extension CheckRun {
    /// A run with the effective settings of `check` and `report`: threshold, scope, format, offering, parallelism
    /// and size limit.
    public init(policy: CompiledPolicy, now: Timestamp, settings: RunSettings) {
        self.init(policy: policy, now: now, failOn: settings.failOn.value, toolVersion: PolicyCheckVersion.current)
        excludeGlobs = settings.exclude.value
        includeGlobs = settings.include.value
        jobs = settings.jobs.value
        inputFormat = settings.inputFormat.value
        adapterOptions.offering = settings.offering.value
        maxFileBytes = settings.maxFileBytes.value
        render = settings.render
        adapterOptions.terraformVariableInputs = settings.terraformVariables.value
    }
}
