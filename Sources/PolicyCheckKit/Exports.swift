// PolicyCheckKit is the top of the library: code that imports it (the CLI, the register, library users) sees the
// phases below it too, as it did when they were one target. See docs/architecture.md for what each target may import.
@_exported import PolicyCheckAdapters
@_exported import PolicyCheckConfig
@_exported import PolicyCheckEvidence
@_exported import PolicyCheckInput
@_exported import PolicyCheckModel
@_exported import PolicyCheckPolicy
@_exported import PolicyCheckPolicyTest
@_exported import PolicyCheckRender
@_exported import PolicyCheckReport
