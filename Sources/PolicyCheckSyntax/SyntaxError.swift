/// A reason a file could not be read as JSON or YAML, located at a byte offset of its text.
public struct SyntaxError: Error, Sendable, Equatable {
    /// Byte offset in the UTF-8 text where the problem was found.
    public var offset: Int
    /// One line, never quoting more than a short excerpt of the input.
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}
