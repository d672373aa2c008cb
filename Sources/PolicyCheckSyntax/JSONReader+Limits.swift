extension JSONReader {
    /// Bounds on the input a `JSONReader` accepts.
    public struct Limits: Sendable, Equatable {
        /// The deepest nesting of arrays and objects accepted (the top-level container is depth 1).
        ///
        /// Reading never recurses, but releasing a `SourceNode` tree does (one stack frame chain per level), so keep
        /// this in the hundreds or low thousands: around 50,000 levels exhaust an 8 MiB stack when the tree is freed.
        public var maxDepth: Int

        /// The most documents `readStream(_:)` reads from one input: as many as `YAMLReader` reads from one stream.
        public var maxDocuments: Int

        /// Limits with the given maximum nesting depth (256 by default) and number of documents in a stream (10,000).
        public init(maxDepth: Int = 256, maxDocuments: Int = 10_000) {
            self.maxDepth = maxDepth
            self.maxDocuments = maxDocuments
        }
    }
}
