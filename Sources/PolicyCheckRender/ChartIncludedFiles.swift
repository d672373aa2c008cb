import PolicyCheckAdapters
import PolicyCheckInput
import PolicyCheckModel
import PolicyCheckSyntax

/// The files of rendered charts that a render holds whole: a template that includes a data file with
/// `{{ .Files.Get "files/lb.yaml" }}` puts its text in the render, where its objects are checked — reading the file
/// raw as well reported each finding twice.
///
/// Only that is left out. Any other file in a chart is read raw, rendered or not (docs/security.md: a `Chart.yaml`
/// must not hide plain manifests, which `kubectl apply -R` still deploys), and so is a file only part of which, or
/// an altered copy of which, the render holds: every document of the file must be a document of its chart's render,
/// character for character, so the objects the raw read would have judged are exactly the ones judged there.
package struct ChartIncludedFiles: Sendable {
    /// Files larger than this are read raw without comparing (no chart data file that is a manifest comes near it).
    static let maxFileBytes = 1 << 20

    /// Standardized chart directory (with a trailing `/`) → its display path and the documents of its render.
    private var charts: [(directory: String, displayPath: String, documents: Set<String>)] = []

    /// The charts among `rendered` (kustomize builds are accounted for by their origin annotations instead).
    package init(_ rendered: [RenderStage.Rendered], cwd: String) {
        for chart in rendered where chart.build == nil {
            let directory = InputPath.standardized(chart.input.path, in: cwd)
            let documents = Set(Self.documents(chart.stream.text, droppingSourceComments: true))
            guard !documents.isEmpty else { continue }
            charts.append((directory.hasSuffix("/") ? directory : directory + "/", chart.input.displayPath, documents))
        }
    }

    /// Why a walked file is not read raw, or `nil` when it must be: it lies in a rendered chart, is YAML or JSON of
    /// Kubernetes objects only, and each of its documents is a document of that chart's render.
    package func reason(forWalkedFile path: String, cwd: String) -> String? {
        guard !charts.isEmpty else { return nil }
        let standardized = InputPath.standardized(path, in: cwd)
        let lowered = standardized.lowercased()
        guard lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") || lowered.hasSuffix(".json") else { return nil }
        // The chart holding the file (a subchart is rendered with its parent, so its files are held by the parent's).
        let holding = charts.filter { standardized.hasPrefix($0.directory) }
        guard !holding.isEmpty, let bytes = try? FileBytes.read(path, limit: Self.maxFileBytes),
              let text = try? TextDecoding.utf8Text(from: bytes) else { return nil }
        // Split as helm splits, the file must read as YAML reads it: a marker line that carries a document
        // (`--- {kind: Service, …}`), a document end (`...`) or a directive would hide a document from the split.
        guard !Self.hasMarkerWithContent(text) else { return nil }
        let documents = Self.documents(text, droppingSourceComments: false)
        guard !documents.isEmpty, Self.isKubernetesOnly(text, documents: documents.count) else { return nil }
        for chart in holding where documents.allSatisfy(chart.documents.contains) {
            return "Helm chart input: included whole in the render of \(chart.displayPath) (its objects are checked there)"
        }
        return nil
    }

    /// Whether the file holds Kubernetes objects and nothing else, as detection would read it. A render is read as
    /// Kubernetes only, so a CloudFormation template or a Terraform plan that a template includes whole is checked
    /// nowhere but in its own file.
    /// `documents`: how many the split found, which must be how many the parser reads.
    static func isKubernetesOnly(_ text: [UInt8], documents count: Int) -> Bool {
        guard let parsed = try? InputReader().parse(text) else { return false }
        let documents = parsed.filter { !$0.isNull }
        return documents.count == count && documents.allSatisfy { AdapterRegistry.detect([$0])?.format == .kubernetes }
    }

    /// Whether a line starts a document with content on it (`--- {…}`, `--- !!map`, `--- &a …`), ends one (`...`)
    /// or is a directive (`%YAML`, `%TAG`): YAML reads those differently from a split at `---` lines.
    static func hasMarkerWithContent(_ text: [UInt8]) -> Bool {
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("%") || line.hasPrefix("...") { return true }
            guard line.hasPrefix("---") else { continue }
            let rest = line.dropFirst(3).drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if !rest.isEmpty && !rest.hasPrefix("#") { return true }
        }
        return false
    }

    /// The documents of a YAML stream split at `---` lines as helm splits its output, without the blank lines around
    /// them; in a render, helm's `# Source:` lines are not part of the document. Empty documents are dropped.
    static func documents(_ text: [UInt8], droppingSourceComments: Bool) -> [String] {
        var documents: [String] = []
        var current: [Substring] = []
        func close() {
            let isBlank: (Substring) -> Bool = { $0.allSatisfy { $0 == " " || $0 == "\t" } }
            if let first = current.firstIndex(where: { !isBlank($0) }), let last = current.lastIndex(where: { !isBlank($0) }) {
                documents.append(current[first...last].joined(separator: "\n"))
            }
            current = []
        }
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("---") {
                close()
            } else if !(droppingSourceComments && line.hasPrefix("# Source: ")) {
                current.append(line.hasSuffix("\r") ? line.dropLast() : line)
            }
        }
        close()
        return documents
    }
}
