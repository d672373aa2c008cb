import Foundation
import PolicyCheckPolicy
import PolicyCheckSyntax

/// A tool's rendered YAML stream and, for each stretch of it, the file it came from: helm's `# Source:` comments,
/// kustomize's `config.kubernetes.io/origin` annotations. Findings in the stream are placed back in those files.
public struct RenderedStream: Sendable {
    /// The rendered bytes (a YAML stream of Kubernetes objects).
    public var text: [UInt8]
    /// Where each source's part of the stream starts (1-based line), in stream order.
    public var parts: [Part]
    /// The patch files a build applied to its objects, its own first: where a value a patch set is found when its
    /// object's own file does not hold it. Empty for helm.
    public var patches: [Patch]

    /// A patch file a kustomize build applied.
    public struct Patch: Sendable, Hashable {
        /// Its path as reports show it.
        public var file: String
        /// The objects the kustomization's `target` selects; `nil`: a strategic merge patch naming its objects.
        public var target: Target?

        public init(file: String, target: Target?) {
            self.file = file
            self.target = target
        }
    }

    /// A kustomization patch's `target`: the kind and name it selects, each `nil` when not given (any).
    public struct Target: Sendable, Hashable {
        public var kind: String?
        public var name: String?

        public init(kind: String?, name: String?) {
            self.kind = kind
            self.name = name
        }

        /// Whether it selects an object of this kind and name (both as rendered). A name kustomize would read as a
        /// pattern is compared as written, so it selects only an object so named (never a wrong file).
        func selects(kind objectKind: Substring?, name objectName: Substring?) -> Bool {
            func matches(_ wanted: String?, _ actual: Substring?) -> Bool {
                guard let wanted else { return true }
                return actual.map { $0 == wanted } ?? false
            }
            return matches(kind, objectKind) && matches(name, objectName)
        }
    }

    public struct Part: Sendable, Hashable {
        public var firstLine: Int
        /// The source file's path as reports show it, or `nil` when the tool did not say.
        public var file: String?
    }

    public init(text: [UInt8], parts: [Part], patches: [Patch] = []) {
        self.text = text
        self.parts = parts
        self.patches = patches
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

    /// The index of the part holding a 1-based line of the stream (parts are in stream order).
    func partIndex(containing line: Int) -> Int? {
        let after = parts.partitioningIndex { $0.firstLine <= line }
        return after == 0 ? nil : after - 1
    }
}
