/// A configuration that cannot be evaluated the way Terraform would refuse it: the run stops with exit 2.
struct TerraformEvaluationError: Error, Sendable {
    /// Offset in the module's combined source.
    var offset: Int
    var message: String
    /// Whether Terraform refuses the configuration whatever the values (a cycle, an undeclared name, a limit), rather
    /// than because of the values met (an index out of range): only the latter may be an artefact of an instance
    /// standing for an unknown number of them (`TerraformEvaluator.evaluateArgument`).
    var isStatic = false

    init(_ message: String, at offset: Int, isStatic: Bool = false) {
        self.offset = offset
        self.message = message
        self.isStatic = isStatic
    }

    static func cycle(_ kind: String, _ name: String, at offset: Int) -> TerraformEvaluationError {
        TerraformEvaluationError("\(kind) '\(name)' refers to itself through a cycle of references", at: offset, isStatic: true)
    }

    static func call(_ function: String, _ problem: String, at offset: Int) -> TerraformEvaluationError {
        TerraformEvaluationError("\(function)(): \(problem)", at: offset)
    }
}
