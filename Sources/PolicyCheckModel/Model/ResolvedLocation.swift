import PolicyCheckSyntax

/// An origin resolved to the file it is in and a 1-based line and column there (`Deployment.locate`).
public struct ResolvedLocation: Sendable {
    public let file: SourceFile
    /// The byte offset in `file`.
    public let offset: Int
    public let line: Int
    /// Column in Unicode scalars, as editors and libyaml count.
    public let column: Int

    init(file: SourceFile, offset: Int) {
        self.file = file
        self.offset = offset
        let location = file.location(ofOffset: offset)
        self.line = location.line
        self.column = location.column
    }

    /// Column in UTF-16 code units (SARIF's default unit).
    public var utf16Column: Int { file.utf16Column(ofOffset: offset) }

    public var sourceLocation: SourceLocation { SourceLocation(line: line, column: column) }
}
