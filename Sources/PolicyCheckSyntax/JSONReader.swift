/// A strict (RFC 8259), position-aware JSON reader producing `SourceNode` trees.
///
/// Beyond the RFC it rejects duplicate keys in one object (ambiguous in a security check) and nesting deeper than
/// `Limits.maxDepth`. Numbers are kept as their literal text. Parsing is iterative, so deep input can never
/// overflow the stack.
///
/// The input is expected to be valid UTF-8, as produced by `TextDecoding.utf8Text(from:)`; the reader does not
/// re-validate it, but ill-formed bytes inside strings are repaired to U+FFFD rather than trusted, and outside
/// strings they are syntax errors.
public struct JSONReader: Sendable {
    /// The limits this reader enforces.
    public var limits: Limits

    /// A reader enforcing `limits`.
    public init(limits: Limits = .init()) {
        self.limits = limits
    }

    /// The single JSON value in `utf8`, whose nodes carry byte offsets into `utf8`.
    public func read(_ utf8: [UInt8]) throws(SyntaxError) -> SourceNode {
        try utf8.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> SourceNode in
            var parser = JSONParser(bytes: buffer, source: utf8, maxDepth: limits.maxDepth)
            return try parser.parseDocument()
        }
    }

    /// Reads `utf8` with the default limits.
    public static func parse(_ utf8: [UInt8]) throws(SyntaxError) -> SourceNode {
        try JSONReader().read(utf8)
    }
}
