/// Reads HCL native syntax (HashiCorp's HCL2, as in `.tf` and `.tfvars` files) into an `HCLBody` tree.
///
/// Written to HashiCorp's native syntax specification (`hclsyntax/spec.md`): bodies of attributes and blocks,
/// `#`, `//` and `/* */` comments, and every expression form (templates with interpolations and directives,
/// heredocs, tuples, objects, operators, conditionals, `for` expressions, splats, calls with `...`). The reader
/// recurses, so nesting is bounded by `Limits.maxDepth`; strings and heredocs by `Limits.maxStringBytes`.
public struct HCLReader: Sendable {
    /// Bounds on what one file may contain.
    public struct Limits: Sendable, Equatable {
        /// Deepest nesting of blocks, brackets, parentheses and templates.
        public var maxDepth: Int
        /// Longest string or heredoc, in bytes.
        public var maxStringBytes: Int

        public init(maxDepth: Int = 128, maxStringBytes: Int = 1 << 20) {
            self.maxDepth = maxDepth
            self.maxStringBytes = maxStringBytes
        }
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// The body of one file of UTF-8 text.
    public func read(_ utf8: [UInt8]) throws(SyntaxError) -> HCLBody {
        var parser = HCLParser(bytes: utf8, limits: limits)
        return try parser.parseFile()
    }

    /// One expression alone (a `--tf-var` value, a `.tfvars` value), the whole text.
    public func readExpression(_ utf8: [UInt8]) throws(SyntaxError) -> HCLExpression {
        var parser = HCLParser(bytes: utf8, limits: limits)
        return try parser.parseStandaloneExpression()
    }
}
