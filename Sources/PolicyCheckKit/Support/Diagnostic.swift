import PolicyCheckSyntax

/// A reason an input could not be checked: one line naming the file, line and column.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var location: SourceLocation?
    public var message: String

    public init(file: String, location: SourceLocation?, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// A diagnostic at a byte offset of a source file.
    public init(_ source: SourceFile, offset: Int, _ message: String) {
        self.init(file: source.path, location: source.location(ofOffset: offset), message: message)
    }

    /// `file:line:col: error: message`.
    public var description: String {
        let line = location?.line ?? 1
        let column = location?.column ?? 1
        return "\(file):\(line):\(column): error: \(message)"
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.location?.line ?? 0, lhs.location?.column ?? 0, lhs.message)
            < (rhs.file, rhs.location?.line ?? 0, rhs.location?.column ?? 0, rhs.message)
    }
}

/// Several diagnostics thrown together (all the problems found in one file).
public struct Diagnostics: Error, Sendable {
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic]) {
        self.items = items
    }
}
