import PolicyCheckModel
import PolicyCheckSyntax

/// Problems the Terraform readers record in a deployment's notices, each in the file its offset is in.
enum TerraformNotices {
    /// The source reader's files, by index, so that a problem in source names its own `.tf` file: a source document's
    /// offsets carry their file's index (`Origin.fileIndex`). Empty for a plan, whose offsets are in its one file.
    @TaskLocal static var sourceFiles: [SourceFile] = []

    /// Records a problem at a (packed) offset: in the deployment's notices, which name the file the offset is in —
    /// the plan, or in source the `.tf` file (`sourceFiles`). `located`: the diagnostic as a reader (the Kubernetes one)
    /// placed it, kept when its file is the deployment's own.
    static func report(_ message: String, at offset: Int, severity: DiagnosticSeverity = .error,
                        located: Diagnostic? = nil, into deployment: inout Deployment) {
        let place = Origin(offset: offset, path: "")
        let files = sourceFiles
        if place.fileIndex == 0 || place.fileIndex >= files.count {
            deployment.notices.append(located ?? Diagnostic(deployment.source, offset: place.offset, message, severity: severity))
        } else {
            deployment.notices.append(Diagnostic(files[place.fileIndex], offset: place.offset, message, severity: severity))
        }
    }
}
