extension JSONReader {
    /// Bounds on the input a `JSONReader` accepts.
    public struct Limits: Sendable, Equatable {
        /// The deepest nesting of arrays and objects accepted (the top-level container is depth 1).
        public var maxDepth: Int

        /// Limits with the given maximum nesting depth (256 by default).
        public init(maxDepth: Int = 256) {
            self.maxDepth = maxDepth
        }
    }
}
