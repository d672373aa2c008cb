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
        try read(utf8, stream: false)[0]
    }

    /// The documents of a JSON stream in `utf8`: one top-level value, or several top-level objects one after
    /// another, separated by whitespace or by nothing (`{…}{…}`, `{…}\n{…}`, newline-delimited JSON), as Kubernetes
    /// reads a file (`yaml.NewYAMLOrJSONDecoder`, whose JSON side decodes a stream of values).
    ///
    /// Only objects follow one another. Kubernetes' decoder would split `[…][…]` too, but kubectl then decodes each
    /// value as an object, and a manifest document is an object in every format policycheck reads: a stream of
    /// arrays could only ever be "not a manifest", so it stays the precise syntax error it is (a top-level array or
    /// scalar must end the input). After an object, anything but whitespace or `{` (`{…} x`, `{…},{…}`, `{…}]`) is a
    /// syntax error at that byte. The documents share one tape, so a single document costs what `read(_:)` costs;
    /// each document has the depth limit of a whole input, and duplicate keys are per object as ever.
    public func readStream(_ utf8: [UInt8]) throws(SyntaxError) -> [SourceNode] {
        try read(utf8, stream: true)
    }

    /// Reads `utf8` with the default limits.
    public static func parse(_ utf8: [UInt8]) throws(SyntaxError) -> SourceNode {
        try JSONReader().read(utf8)
    }

    private func read(_ utf8: [UInt8], stream: Bool) throws(SyntaxError) -> [SourceNode] {
        try utf8.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> [SourceNode] in
            var parser = JSONParser(bytes: buffer, source: utf8, maxDepth: limits.maxDepth)
            return try parser.parseDocuments(stream: stream, maxDocuments: limits.maxDocuments)
        }
    }
}
