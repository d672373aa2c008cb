/// Reads YAML streams into `SourceNode` trees, with limits that keep hostile input from hurting the reader.
///
/// Plain scalars are resolved with the YAML 1.2 core schema; quoted scalars are always strings. A plain word that
/// YAML 1.1 reads as a boolean (`on`, `off`, `yes`, …) is a string marked as such, for readers of inputs whose tools
/// read YAML 1.1 (`YAMLBooleans`, `SourceNode.boolean(_:)`). Local tags such as
/// CloudFormation's `!Ref` are kept on the node for adapters to interpret; language-specific global tags
/// (`!!python/object:…`) are rejected. Merge keys (`<<`) are applied. Aliases are expanded under a node budget so an
/// alias bomb fails fast instead of exhausting memory: one read's, or one shared by all the texts of an input
/// (`YAMLAliasBudget`).
public struct YAMLReader: Sendable {
    /// Bounds on what one stream may expand to.
    public struct Limits: Sendable {
        /// Most nodes one stream may produce once aliases are expanded.
        public var maxNodes: Int = 2_000_000
        /// Deepest nesting of collections.
        public var maxDepth: Int = 256
        /// Most documents in one stream.
        public var maxDocuments: Int = 10_000

        public init() {}
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Reads every document of a stream. An empty stream yields no documents.
    public func read(_ utf8: [UInt8]) throws(SyntaxError) -> [SourceNode] {
        try read(utf8, preferringTape: true)
    }

    /// Reads every document of a stream whose aliases may expand only to what is left of `budget`, shared with the
    /// input's other texts (`YAMLAliasBudget`; with its `nodeLimit`, every node too), and charges it what they made.
    public func read(_ utf8: [UInt8], sharing budget: YAMLAliasBudget) throws(SyntaxError) -> [SourceNode] {
        try read(utf8, preferringTape: true, budget: budget)
    }

    /// Reads into a tape when `preferringTape` and the stream allows one, else into a tree (tests and the fuzz
    /// target compare the two).
    package func read(_ utf8: [UInt8], preferringTape: Bool, budget: YAMLAliasBudget? = nil) throws(SyntaxError) -> [SourceNode] {
        guard !utf8.isEmpty else { return [] }
        let lines = LineTable(utf8)
        try YAMLPrescan.check(utf8, maxDepth: limits.maxDepth)
        // libyaml refuses ill-formed UTF-8; as before, such bytes are read as U+FFFD. (Inputs reach here validated;
        // other callers may not.) libyaml's reader then counts bytes of the repaired text, which can run past the
        // end of the original: its offsets are kept inside it.
        guard (try? TextDecoding.UTF8Validator.validate(utf8, from: 0)) == nil else {
            return try compose(utf8, lines: lines, preferringTape: preferringTape, budget: budget)
        }
        do throws(SyntaxError) {
            return try compose(Array(String(decoding: utf8, as: UTF8.self).utf8), lines: lines, preferringTape: preferringTape,
                               budget: budget)
        } catch {
            throw SyntaxError(offset: min(error.offset, utf8.count), message: error.message)
        }
    }

    private func compose(_ input: [UInt8], lines: LineTable, preferringTape: Bool,
                         budget: YAMLAliasBudget?) throws(SyntaxError) -> [SourceNode] {
        try input.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> [SourceNode] in
            // A compact tape, unless the input is too large for one or merges keys (then composed again as a tree:
            // only that composition is charged to the budget).
            if preferringTape, buffer.count < YAMLTapeBuilder.largestInput {
                let tape = YAMLTapeBuilder(input: input, maxNodes: limits.maxNodes)
                let composer = YAMLComposer(input: buffer, lines: lines, limits: limits, budget: budget, builder: tape)
                do throws(SyntaxError) {
                    return try Self.documents(of: composer, charging: budget)
                } catch {
                    guard error.offset == YAMLTapeBuilder.needsTree.offset, error.message == YAMLTapeBuilder.needsTree.message else {
                        budget?.charge(aliases: composer.expanded, nodes: composer.produced)
                        throw error
                    }
                }
            }
            let composer = YAMLComposer(input: buffer, lines: lines, limits: limits, budget: budget, builder: YAMLTreeBuilder())
            do throws(SyntaxError) {
                return try Self.documents(of: composer, charging: budget)
            } catch {
                budget?.charge(aliases: composer.expanded, nodes: composer.produced)
                throw error
            }
        }
    }

    /// The composer's documents, what it made charged to `budget` when it succeeds (a failure is charged by the
    /// caller, unless it only asks for a tree).
    private static func documents<Builder>(of composer: YAMLComposer<Builder>,
                                           charging budget: YAMLAliasBudget?) throws(SyntaxError) -> [SourceNode] {
        let documents = try composer.documents()
        budget?.charge(aliases: composer.expanded, nodes: composer.produced)
        return documents
    }

    static func clean(_ message: String) -> String {
        var line = String.UnicodeScalarView()
        line.append(contentsOf: message.unicodeScalars.lazy.map { $0 == "\n" ? " " : $0 })
        return Excerpt.quote(String(line), limit: 200)
    }
}

// MARK: - Positions

/// Turns libyaml's 1-based line and column (Unicode scalars) into byte offsets.
struct LineTable: Sendable {
    private let index: LineIndex
    /// Where libyaml's lines start, when the text breaks lines otherwise than with LF or CRLF: libyaml (YAML 1.1)
    /// also breaks at a lone CR, NEL (U+0085), LS (U+2028) and PS (U+2029), so its line numbers run ahead of the
    /// index's, and a place converted through the index landed lines further on — on another resource, whose inline
    /// ignore then covered it (reviewer, round 28). `nil` for the usual text.
    private let libyamlLineStarts: [Int]?
    /// The last place asked for. libyaml reports places in document order, so a column is counted on from the
    /// previous one on the same line: from the line's start, one long line of non-ASCII text (a flow list of
    /// 50,000 items) cost the line's length per node.
    private var last = (line: 0, column: 0, offset: 0)

    init(_ bytes: [UInt8]) {
        index = LineIndex(bytes)
        libyamlLineStarts = YAMLLineBreaks.firstOther(in: bytes) != nil ? Self.libyamlLineStarts(bytes) : nil
    }

    /// The index's 1-based line (lines broken at LF, as every other place policycheck reports) of a byte offset.
    func indexLine(ofOffset offset: Int) -> Int { index.location(ofOffset: offset).line }

    /// The index's line and column of a byte offset.
    func location(ofOffset offset: Int) -> SourceLocation { index.location(ofOffset: offset) }


    /// The byte offsets where libyaml's lines start: after LF, CRLF, a lone CR, NEL, LS and PS.
    private static func libyamlLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var at = 0
        while at < bytes.count {
            var width = 0
            switch bytes[at] {
            case 0x0A: width = 1
            case 0x0D: width = at + 1 < bytes.count && bytes[at + 1] == 0x0A ? 2 : 1
            case 0xC2 where at + 1 < bytes.count && bytes[at + 1] == 0x85: width = 2
            case 0xE2 where at + 2 < bytes.count && bytes[at + 1] == 0x80 && (bytes[at + 2] == 0xA8 || bytes[at + 2] == 0xA9):
                width = 3
            default: break
            }
            if width > 0 {
                at += width
                starts.append(at)
            } else {
                at += 1
            }
        }
        return starts
    }

    /// The byte at an offset, if any.
    func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < index.bytes.count ? index.bytes[offset] : nil
    }

    mutating func offset(line: Int, column: Int) -> Int {
        if let starts = libyamlLineStarts {
            // Columns count Unicode scalars from the line's start.
            guard line >= 1 else { return 0 }
            guard line <= starts.count else { return index.bytes.count }
            var at = starts[line - 1]
            var remaining = column - 1
            while remaining > 0, at < index.bytes.count {
                at += 1
                while at < index.bytes.count, index.bytes[at] & 0xC0 == 0x80 { at += 1 }
                remaining -= 1
            }
            return at
        }
        let offset = line == last.line
            ? index.offset(line: line, column: column, from: (last.column, last.offset))
            : index.offset(line: line, column: column)
        last = (line, column, offset)
        return offset
    }
}

/// Line breaks libyaml (YAML 1.1) reads beside LF and CRLF: a lone CR, NEL (U+0085), LS (U+2028) and PS (U+2029).
public enum YAMLLineBreaks {
    /// The offset of the first such break in a text, or `nil` (the usual text).
    public static func firstOther(in bytes: [UInt8]) -> Int? {
        var at = 0
        while at < bytes.count {
            switch bytes[at] {
            case 0x0D where at + 1 >= bytes.count || bytes[at + 1] != 0x0A: return at
            case 0xC2 where at + 1 < bytes.count && bytes[at + 1] == 0x85: return at
            case 0xE2 where at + 2 < bytes.count && bytes[at + 1] == 0x80 && (bytes[at + 2] == 0xA8 || bytes[at + 2] == 0xA9):
                return at
            default: at += 1
            }
        }
        return nil
    }
}
