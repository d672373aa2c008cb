/// What an expression's references resolve to in one module instance: input variables, locals, resources, module
/// outputs and `path.*`. Implemented by the module instance, which evaluates what is asked for on demand.
protocol TerraformScope: AnyObject {
    func variable(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue
    func local(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue
    /// `module.NAME`: the call's outputs (a list or map of them for `count`/`for_each` calls).
    func module(_ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue
    /// `module.NAME.OUTPUT` or `module.NAME[KEY].OUTPUT`: one output, evaluated without the call's other outputs.
    func moduleOutput(_ name: String, key: TerraformValue?, output: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue
    /// `TYPE.NAME`: the resource's instances (one, a list for `count`, a map for `for_each`).
    func resource(_ type: String, _ name: String, at offset: Int) throws(TerraformEvaluationError) -> TerraformValue
    /// `path.module`, `path.root`, `path.cwd`.
    func path(_ name: String) -> String?
    /// Records a warning about the configuration (shown on stderr; the run goes on).
    func notice(_ message: String, at offset: Int)
    /// Reads a file for `file()`, relative to the working directory as Terraform does; `nil` when it cannot.
    func readFile(_ path: String) -> String?
}
