#if canImport(Glibc)
import Glibc
#endif
import PolicyCheckSyntax

/// Finds `# policycheck:ignore RULE-ID[,RULE-ID…] reason` comments in YAML source text (native manifests,
/// Kubernetes YAML and CloudFormation YAML alike: the scan reads text, not the parsed document).
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
    public var ruleIds: [String]

    public init(ruleIds: [String]) {
        self.ruleIds = ruleIds
    }

    /// The comments of a source, and the malformed ones as located errors.
    public func scan(_ source: SourceFile) -> (comments: [Comment], errors: [Diagnostic]) {
        var comments: [Comment] = []
        var errors: [Diagnostic] = []
        let marker = Array(Self.marker.utf8)
        let bytes = source.bytes
        guard bytes.count >= marker.count, Self.contains(bytes, marker) else { return ([], []) }
        var lineStart = 0
        var lineNumber = 1
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            if let hash = commentStart(bytes, lineStart, lineEnd, marker) {
                let standsAlone = bytes[lineStart..<hash].allSatisfy { $0 == 0x20 || $0 == 0x09 }
                let bodyStart = hash + 1
                let body = String(decoding: bytes[bodyStart..<lineEnd], as: UTF8.self)
                switch parse(body) {
                case .success(let (rules, reason)):
                    let location = source.location(ofOffset: hash)
                    comments.append(Comment(line: lineNumber, column: location.column, standsAlone: standsAlone,
                                            rules: rules, reason: reason))
                case .failure(let problem):
                    errors.append(Diagnostic(source, offset: hash, problem.message))
                }
            }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        return (comments, errors)
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

    /// The offset of the `#` that starts an ignore comment on the line, if any: `#` at the line start or after a
    /// blank, then optional blanks, then the marker.
    private func commentStart(_ bytes: [UInt8], _ start: Int, _ end: Int, _ marker: [UInt8]) -> Int? {
        var index = start
        while index < end {
            if bytes[index] == UInt8(ascii: "#"), index == start || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 {
                var cursor = index + 1
                while cursor < end, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
                if cursor + marker.count <= end, bytes[cursor..<cursor + marker.count].elementsEqual(marker) {
                    return index
                }
            }
            index += 1
        }
        return nil
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
            if let unknown = rules.first(where: { !ruleIds.contains($0) }) {
                return .failure(Problem(message: "'\(Self.marker)' names unknown rule '\(Excerpt.quote(unknown))'"
                                            + Suggestion.clause(for: unknown, among: ruleIds)))
            }
            return .success((rules, reason))
        }
    }
}
