import Foundation
import PolicyCheckPolicy

/// A tool's rendered YAML stream and, for each stretch of it, the file it came from: helm's `# Source:` comments,
/// kustomize's `config.kubernetes.io/origin` annotations. Findings in the stream are placed back in those files.
public struct RenderedStream: Sendable {
    /// The rendered bytes (a YAML stream of Kubernetes objects).
    public var text: [UInt8]
    /// Where each source's part of the stream starts (1-based line), in stream order.
    public var parts: [Part]

    public struct Part: Sendable, Hashable {
        public var firstLine: Int
        /// The source file's path as reports show it, or `nil` when the tool did not say.
        public var file: String?
    }

    public init(text: [UInt8], parts: [Part]) {
        self.text = text
        self.parts = parts
    }

    /// The stream split at `---` lines, each document attributed by `attribute` (given its lines).
    static func documents(_ text: [UInt8], attribute: ([Substring]) -> String?) -> RenderedStream {
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var parts: [Part] = []
        var start = 0
        func close(_ end: Int) {
            guard end > start else { return }
            parts.append(Part(firstLine: start + 1, file: attribute(Array(lines[start..<end]))))
        }
        for (index, line) in lines.enumerated() where line.hasPrefix("---") {
            close(index)
            start = index
        }
        close(lines.count)
        return RenderedStream(text: text, parts: parts)
    }

    /// The part holding a 1-based line of the stream.
    func part(containing line: Int) -> Part? {
        parts.last(where: { $0.firstLine <= line })
    }

    /// A finding in the stream moved to its source file: the line whose text matches the rendered line (the
    /// key and value as written, else the key alone), or the file's first line when the template spells it
    /// differently (a value set by an expression).
    package func place(_ finding: Finding, readFile: (String) -> [UInt8]?) -> Finding {
        guard let file = part(containing: finding.line)?.file else { return finding }
        var placed = finding
        placed.file = file
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let rendered = finding.line - 1 < lines.count && finding.line >= 1 ? lines[finding.line - 1] : ""
        let location = readFile(file).flatMap { Self.locate(rendered, in: $0) } ?? (line: 1, column: 1)
        placed.line = location.line
        placed.column = location.column
        placed.utf16Column = location.column
        return placed
    }

    /// The first line of `source` equal to `rendered` (trimmed, list dash ignored), else the first holding its key.
    static func locate(_ rendered: Substring, in source: [UInt8]) -> (line: Int, column: Int)? {
        func normal(_ line: Substring) -> Substring {
            var text = line.drop { $0 == " " || $0 == "\t" }
            if text.hasPrefix("- ") { text = text.dropFirst(2).drop { $0 == " " } }
            return text.hasSuffix("\r") ? text.dropLast() : text
        }
        let wanted = normal(rendered)
        guard !wanted.isEmpty else { return nil }
        let lines = String(decoding: source, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let column = { (line: Substring) in line.count - line.drop { $0 == " " || $0 == "\t" || $0 == "-" }.count + 1 }
        if let index = lines.firstIndex(where: { normal($0) == wanted }) { return (index + 1, column(lines[index])) }
        guard let colon = wanted.firstIndex(of: ":") else { return nil }
        let key = wanted[...colon]
        if let index = lines.firstIndex(where: { normal($0).hasPrefix(key) }) { return (index + 1, column(lines[index])) }
        return nil
    }
}
