/// A configuration that cannot be evaluated the way Terraform would refuse it: the run stops with exit 2.
struct TerraformEvaluationError: Error, Sendable {
    /// Offset in the module's combined source.
    var offset: Int
    var message: String

    init(_ message: String, at offset: Int) {
        self.offset = offset
        self.message = message
    }

    static func cycle(_ kind: String, _ name: String, at offset: Int) -> TerraformEvaluationError {
        TerraformEvaluationError("\(kind) '\(name)' refers to itself through a cycle of references", at: offset)
    }

    static func call(_ function: String, _ problem: String, at offset: Int) -> TerraformEvaluationError {
        TerraformEvaluationError("\(function)(): \(problem)", at: offset)
    }
}
