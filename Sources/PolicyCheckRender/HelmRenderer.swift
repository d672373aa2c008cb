import Foundation
import PolicyCheckInput

/// Renders a Helm chart with `helm template` and attributes the output to templates by helm's `# Source:` comments.
///
/// helm's documented output contract: `helm template` prints the rendered manifests as one YAML stream, each
/// document led by `---` and a `# Source: <chart>/<path in chart>` comment naming the template it came from
/// (https://helm.sh/docs/helm/helm_template/). The tests drive this type with a stub executable that prints such a
/// stream, because helm itself cannot be installed on the build machines; the rendering is always helm's.
struct HelmRenderer: Sendable {
    var tool: ExternalTool
    var valuesFiles: [String]
    var sets: [String]

    /// `helm template <chart> [--values f]… [--set k=v]…`: the chart's own `values.yaml` applies first (helm's
    /// default), then the given files and pairs.
    func arguments(for chart: String) -> [String] {
        var arguments = ["template", chart]
        for file in valuesFiles { arguments += ["--values", file] }
        for pair in sets { arguments += ["--set", pair] }
        return arguments
    }

    func render(_ source: RenderSource) -> Result<RenderedStream, ExternalTool.Failure> {
        var tool = tool
        let sets = sets
        tool.withhold = { Self.withoutSetValues($0, sets: sets) }
        return tool.run(arguments(for: source.directory)).map { Self.stream($0, chart: source.displayPath) }
    }

    /// helm's error with the `--helm-set` values it may quote withheld: its `--set` parser splits a value at commas,
    /// dots and brackets, drops backslashes and quotes what it prints (`failed parsing --set data: key "tail" has no
    /// value`, `… with value …`, `strconv.Atoi: parsing "…"`), so everything after `failed parsing --set` is
    /// withheld; elsewhere each value of 8 characters or more (a secret's length, not a word such as `true` or a
    /// path part) is (reviews, round 36).
    static func withoutSetValues(_ message: String, sets: [String]) -> String {
        var message = message
        for marker in ["failed parsing --set", " with value "] {
            guard let range = message.range(of: marker) else { continue }
            message = message[..<range.upperBound] + (marker.hasSuffix(" ") ? "" : ": ") + ToolMessage.withheld
            return message
        }
        // Replaced through a token the values cannot hold, so the marker text itself is never rewritten.
        let token = "\u{0}"
        for set in sets {
            guard let equals = set.firstIndex(of: "=") else { continue }
            let value = String(set[set.index(after: equals)...])
            let parts = [value] + value.split(whereSeparator: { ",.[]".contains($0) }).map(String.init)
            for part in Set(parts).filter({ $0.count >= 8 }).sorted(by: { $0.count > $1.count }) {
                message = message.replacingOccurrences(of: part, with: token)
            }
        }
        return message.replacingOccurrences(of: token, with: ToolMessage.withheld)
    }

    /// The stream with each document attributed to `<chart dir>/<path below the chart's name>`.
    static func stream(_ bytes: [UInt8], chart: String) -> RenderedStream {
        RenderedStream.documents(bytes) { lines in
            guard let comment = lines.first(where: { $0.hasPrefix("# Source: ") }) else { return nil }
            let named = comment.dropFirst("# Source: ".count).trimmingCharacters(in: .whitespaces)
            // `mychart/templates/x.yaml`: the first part is the chart's name, not a directory on disk.
            guard let slash = named.firstIndex(of: "/") else { return nil }
            let below = named[named.index(after: slash)...]
            // A path that climbs out of the chart is not believed.
            guard !below.split(separator: "/").contains("..") else { return nil }
            let path = chart.isEmpty || chart == "." ? String(below) : chart + "/" + below
            return packagedSubchart(path, chart: chart) ?? path
        }
    }

    /// A subchart `helm dependency build` left packaged (`charts/sub-0.1.0.tgz`): helm names its templates
    /// `<chart>/charts/sub/templates/…`, a path that does not exist, so its documents are attributed to the archive,
    /// the file that holds them (tester, round 36: SARIF and annotations named a missing file). `nil` when the path
    /// exists or is no subchart's.
    static func packagedSubchart(_ path: String, chart: String) -> String? {
        let prefix = chart.isEmpty || chart == "." ? "" : chart + "/"
        let below = path.dropFirst(prefix.count).split(separator: "/")
        guard below.count >= 3, below[0] == "charts", !FileManager.default.fileExists(atPath: path) else { return nil }
        let folder = prefix + "charts"
        let name = String(below[1])
        let archives = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { file in
            file.hasPrefix(name + "-") && file.hasSuffix(".tgz")
                && file.dropFirst(name.count + 1).first.map { $0.isNumber || $0 == "v" } == true
        }.sorted()
        return archives.first.map { folder + "/" + $0 }
    }
}
