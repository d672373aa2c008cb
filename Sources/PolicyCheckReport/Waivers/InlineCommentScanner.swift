#if canImport(Glibc)
import Glibc
#endif
import PolicyCheckModel
import PolicyCheckSyntax

/// Finds `# policycheck:ignore RULE-ID[,RULE-ID…] reason` comments in YAML source text (native manifests,
/// Kubernetes YAML and CloudFormation YAML alike: the scan reads the text's comments, not the parsed document), and
/// `#` or `//` ones in Terraform's HCL files (`.tf`, `.tfvars`).
///
/// A comment covers findings on its own line, and — when it stands alone on its line — findings on the next line.
/// A comment without a rule id or without a reason, or naming an unknown rule, is an error: an ignore nobody can
/// justify must not silently pass.
public struct InlineCommentScanner: Sendable {
    public static let marker = "policycheck:ignore"

    /// One well-formed ignore comment.
    public struct Comment: Sendable, Hashable {
        /// The 1-based line the comment is on.
        public var line: Int
        public var column: Int
        /// Whether nothing but the comment is on the line (then it also covers the next line).
        public var standsAlone: Bool
        public var rules: [String]
        public var reason: String

        /// Whether the comment covers a finding of `ruleId` on `line`.
        public func covers(ruleId: String, line findingLine: Int) -> Bool {
            rules.contains(ruleId) && (findingLine == line || (standsAlone && findingLine == line + 1))
        }
    }

    /// The rules in force, to catch misspelt ids.
    public var ruleIds: [String] { didSet { known = KnownRules(ruleIds) } }
    private var known: KnownRules

    public init(ruleIds: [String]) {
        self.init(known: KnownRules(ruleIds))
    }

    /// A scanner for rules already prepared (one preparation for every file of a run).
    init(known: KnownRules) {
        ruleIds = known.ids
        self.known = known
    }

    /// The comments of a source, and the malformed ones as located errors.
    ///
    /// Only real comments count: JSON has none (a `#` in a JSON string is data — in a one-line `terraform show
    /// -json` plan it would otherwise cover every resource of the plan), and in YAML a `#` inside a quoted scalar or
    /// a block scalar is data too.
    public func scan(_ source: SourceFile) -> (comments: [Comment], errors: [Diagnostic]) {
        var comments: [Comment] = []
        var errors: [Diagnostic] = []
        let marker = Array(Self.marker.utf8)
        let bytes = source.bytes
        guard bytes.count >= marker.count, Self.contains(bytes, marker) else { return ([], []) }
        let openers: [HCLComments.Comment]
        let isYAML: Bool
        if Self.isHCL(source.path) {
            openers = HCLComments.lineComments(in: bytes)
            isYAML = false
        } else if SourceSyntax(detecting: bytes) == .yaml {
            openers = YAMLComments.offsets(in: bytes).map { HCLComments.Comment(offset: $0, openerLength: 1) }
            isYAML = true
        } else {
            return ([], [])
        }
        var aliased = AliasedLines(bytes)
        // YAML readers also end lines at a lone CR, NEL, LS and PS, where the comment scan does not: a `#` in a block
        // scalar's data after `|<U+2028>` looked like a comment and its ignore covered the lines the break hid
        // (reviewer, round 28). Such a file's ignores are errors, and cover nothing.
        let otherBreakLine = isYAML ? YAMLLineBreaks.firstOther(in: bytes).map { source.location(ofOffset: $0).line } : nil
        for opener in openers where Self.isIgnore(bytes, at: opener.offset + opener.openerLength, marker) {
            if let otherBreakLine {
                errors.append(Diagnostic(source, offset: opener.offset, "'\(Self.marker)' is not read in a file whose lines "
                    + "also break at a lone CR, NEL, U+2028 or U+2029 (line \(otherBreakLine)), "
                    + "where YAML readers and the comment scan would see different comments: break lines with LF or CRLF"))
                continue
            }
            let hash = opener.offset
            var lineStart = hash
            while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            var lineEnd = hash
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let standsAlone = bytes[lineStart..<hash].allSatisfy { $0 == 0x20 || $0 == 0x09 }
            let body = String(decoding: bytes[(hash + opener.openerLength)..<lineEnd], as: UTF8.self)
            switch parse(body) {
            case .success(let (rules, reason)):
                let location = source.location(ofOffset: hash)
                // The line whose findings it covers: its own, or the next when it stands alone.
                if isYAML, let span = aliased.span(at: standsAlone ? location.line + 1 : location.line) {
                    errors.append(Diagnostic(source, offset: hash, "'\(Self.marker)' covers a line of the node anchored "
                        + "'&\(Excerpt.quote(span.anchor))', which the alias on line \(span.aliasLine) repeats, and findings "
                        + "there are placed here too: write the value out where it is used, or waive the other resource by name"))
                    continue
                }
                comments.append(Comment(line: location.line, column: location.column, standsAlone: standsAlone,
                                        rules: rules, reason: reason))
            case .failure(let problem):
                errors.append(Diagnostic(source, offset: hash, problem.message))
            }
        }
        return (comments, errors)
    }

    /// Whether a file is HCL native syntax (`.tf`, `.tofu`, `.tfvars`), whose comments are `#` and `//` outside strings and
    /// heredocs; `.tf.json` is JSON, which has none.
    static func isHCL(_ path: String) -> Bool {
        path.hasSuffix(".tf") || path.hasSuffix(".tofu") || path.hasSuffix(".tfvars")
    }

    /// Whether the comment whose text starts at `start` (after its `#` or `//`) is an ignore: optional blanks, then
    /// the marker.
    private static func isIgnore(_ bytes: [UInt8], at start: Int, _ marker: [UInt8]) -> Bool {
        var cursor = start
        while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
        return cursor + marker.count <= bytes.count && bytes[cursor..<cursor + marker.count].elementsEqual(marker)
    }

    /// Whether `marker` occurs anywhere in `bytes`: most files (every generated plan) hold no ignore comment, and
    /// a `memchr` pass over the text is far cheaper than looking for `#` line by line.
    private static func contains(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { haystack in
            marker.withUnsafeBytes { needle in
                // Look for the marker's `y` (rare in JSON and YAML), then compare the marker around it.
                guard let base = haystack.baseAddress, let anchor = needle.firstIndex(of: UInt8(ascii: "y")) else {
                    return false
                }
                var cursor = base + anchor
                let last = base + (haystack.count - needle.count + anchor)
                while cursor <= last,
                      let found = memchr(cursor, Int32(UInt8(ascii: "y")), last - cursor + 1) {
                    if memcmp(UnsafeRawPointer(found) - anchor, needle.baseAddress!, needle.count) == 0 { return true }
                    cursor = UnsafeRawPointer(found) + 1
                }
                return false
            }
        }
    }

    struct Problem: Error {
        var message: String
    }

    /// Parses the text after `#`: `policycheck:ignore RULES reason`.
    func parse(_ body: String) -> Result<([String], String), Problem> {
        var rest = Substring(body.trimmingCharacters(in: .whitespaces))
        rest = rest.dropFirst(Self.marker.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else {
            return .failure(Problem(message: "malformed '\(Self.marker)' comment; write '# \(Self.marker) RULE-ID reason'"))
        }
        let parsed = InlineIgnoreParser.rulesAndReason(String(rest))
        switch parsed {
        case .failure(let problem):
            return .failure(Problem(message: "'\(Self.marker)' comment \(problem.message)"))
        case .success(let (rules, reason)):
            if let unknown = rules.first(where: { !known.contains($0) }) {
                return .failure(Problem(message: "'\(Self.marker)' names unknown rule '\(Excerpt.quote(unknown))'"
                                            + known.suggestion(for: unknown)))
            }
            return .success((rules, reason))
        }
    }
}

/// The lines of a YAML text's nodes that aliases repeat (`YAMLAliasedLines`), read once, when a file's first ignore
/// asks: a value an alias repeats is placed at its anchor, so an ignore there would cover the alias's resource too.
struct AliasedLines {
    private let bytes: [UInt8]
    private var byLine: [Int: YAMLAliasedLines.Span]?

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A repeated node holding `line`.
    mutating func span(at line: Int) -> YAMLAliasedLines.Span? {
        if byLine == nil {
            var lines: [Int: YAMLAliasedLines.Span] = [:]
            // Only texts holding an alias indicator can repeat a node.
            if bytes.contains(UInt8(ascii: "*")) {
                for span in YAMLAliasedLines.spans(in: bytes) ?? [] {
                    for covered in span.lines where lines[covered] == nil { lines[covered] = span }
                }
            }
            byLine = lines
        }
        return byLine?[line]
    }
}
