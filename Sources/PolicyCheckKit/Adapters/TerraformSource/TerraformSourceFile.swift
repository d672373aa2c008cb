import PolicyCheckSyntax

/// One `.tf` (or `.tfvars`) file of a module: its text, its body and its index among the deployment's files.
///
/// Offsets in the evaluated model are packed like `Origin`s (the file index in the high bits), so a value
/// carries the file that decided it through the readers unchanged.
struct TerraformSourceFile {
    let source: SourceFile
    let body: HCLBody
    /// The file's index in `Deployment.sourceFiles`.
    let index: Int

    /// The packed offset of a local byte offset in this file.
    func packed(_ offset: Int) -> Int { Origin(file: index, offset: offset, path: "").packedOffset }

    /// The packed offset of the file's start (the evaluator adds local offsets to it).
    var base: Int { packed(0) }
}
