import PolicyCheckModel
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

    /// The packed offset of a local byte offset in this file; an offset that is packed already (a part merged in
    /// from an override file) is kept.
    func packed(_ offset: Int) -> Int { Self.place(offset, base: base) }

    /// Offsets at or above this carry a file index other than 0: they are packed already. (Override files are
    /// read after the files they override, so they are never file 0.)
    static let packedThreshold = Origin(file: 1, offset: 0, path: "").packedOffset

    /// A node's offset in the combined source: local offsets are added to their file's base.
    static func place(_ offset: Int, base: Int) -> Int { offset >= packedThreshold ? offset : base + offset }

    /// The packed offset of the file's start (the evaluator adds local offsets to it).
    var base: Int { Origin(file: index, offset: 0, path: "").packedOffset }
}
