import PolicyCheckSyntax

/// A reason an input could not be checked: one line naming the file, line and column.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var location: SourceLocation?
    public var message: String
    /// Errors stop a run; warnings (from `policy lint`) are advice.
    public var severity: DiagnosticSeverity = .error

    public init(file: String, location: SourceLocation?, message: String, severity: DiagnosticSeverity = .error) {
        self.file = file
        self.location = location
        // A URL a message names (a module's source, a nested stack's template, what kubectl could not fetch) is
        // printed without the credentials it may carry, in every format.
        self.message = URLCredentials.withheld(in: message)
        self.severity = severity
    }

    /// A diagnostic at a byte offset of a source file.
    public init(_ source: SourceFile, offset: Int, _ message: String, severity: DiagnosticSeverity = .error) {
        self.init(file: source.path, location: source.location(ofOffset: offset), message: message, severity: severity)
    }

    /// A diagnostic at a resolved origin (`Deployment.locate`), in whichever of the deployment's files it is.
    public init(at location: ResolvedLocation, _ message: String, severity: DiagnosticSeverity = .error) {
        self.init(file: location.file.path, location: location.sourceLocation, message: message, severity: severity)
    }

    /// `file:line:col: error: message` (or `warning:`).
    public var description: String {
        let line = location?.line ?? 1
        let column = location?.column ?? 1
        return "\(file):\(line):\(column): \(severity.rawValue): \(message)"
    }

    /// Whether the diagnostic is an error (not a warning).
    public var isError: Bool { severity == .error }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.location?.line ?? 0, lhs.location?.column ?? 0, lhs.message)
            < (rhs.file, rhs.location?.line ?? 0, rhs.location?.column ?? 0, rhs.message)
    }
}

/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable, Hashable, Comparable {
    case warning, error

    public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool { lhs == .warning && rhs == .error }
}

/// Several diagnostics thrown together (all the problems found in one file).
public struct Diagnostics: Error, Sendable {
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic]) {
        self.items = items
    }
}
