import PolicyCheckSyntax
import Testing

/// Reads `text` as JSON with `limits`.
func readJSON(_ text: String, limits: JSONReader.Limits = .init()) throws(SyntaxError) -> SourceNode {
    try JSONReader(limits: limits).read(Array(text.utf8))
}

/// The error reading `bytes` as JSON (as a stream of documents with `stream`), or `nil` if it parsed.
func jsonError(_ bytes: [UInt8], limits: JSONReader.Limits = .init(), stream: Bool = false) -> SyntaxError? {
    do {
        let reader = JSONReader(limits: limits)
        _ = try stream ? reader.readStream(bytes) : [reader.read(bytes)]
        return nil
    } catch {
        return error
    }
}

/// A compact rendering of a tree for comparisons: numbers as their literal, strings with `"` and `\` escaped.
func render(_ node: SourceNode) -> String {
    switch node.value {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let literal): return literal
    case .string(let text): return renderString(text)
    case .sequence(let items): return "[" + items.map(render).joined(separator: ",") + "]"
    case .mapping(let entries):
        return "{" + entries.map { renderString($0.key) + ":" + render($0.value) }.joined(separator: ",") + "}"
    }
}

private func renderString(_ text: String) -> String {
    "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
}

extension String {
    /// The UTF-8 byte offset of the first occurrence of `needle`.
    func byteOffset(of needle: String) -> Int {
        let haystack = Array(utf8), pattern = Array(needle.utf8)
        for start in 0...(haystack.count - pattern.count) where Array(haystack[start..<start + pattern.count]) == pattern {
            return start
        }
        Issue.record("\(needle) not found")
        return -1
    }

    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
