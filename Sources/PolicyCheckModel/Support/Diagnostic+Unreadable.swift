/// The recurring "cannot read …" diagnostics, worded in one place: each names what could not be read, so a user
/// can tell a missing policy file from an unreadable directory without the wording drifting between call sites.
extension Diagnostic {
    /// What could not be read.
    package enum Unreadable {
        /// An input file (a manifest, plan, template or key file).
        case file
        /// An input file that is not a regular file or may not be opened.
        case fileNotOpenable
        /// A directory being walked.
        case directory
        /// A directory entry whose kind (file, directory, link) could not be found out.
        case fileAttributes
        case policyFile
        case configurationFile
        case testFile
        /// A file named by an option (`--waivers`, `--baseline`): missing or not permitted.
        case waiverFile, baselineFile

        var message: String {
            switch self {
            case .file: "cannot read file"
            case .fileNotOpenable: "cannot open file (permission denied or not a regular file)"
            case .directory: "cannot read directory"
            case .fileAttributes: "cannot read file attributes"
            case .policyFile: "cannot read policy file"
            case .configurationFile: "cannot read configuration file"
            case .testFile: "cannot read test file"
            case .waiverFile: "cannot read waiver file (no such file or permission denied)"
            case .baselineFile: "cannot read baseline file (no such file or permission denied)"
            }
        }
    }

    /// `file: cannot read …`, with no position (the file itself could not be read).
    package static func cannotRead(_ file: String, _ what: Unreadable) -> Diagnostic {
        Diagnostic(file: file, location: nil, message: what.message)
    }
}
