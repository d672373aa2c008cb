import Foundation
import PolicyCheckInput
import PolicyCheckModel
import PolicyCheckSyntax

/// What policycheck reads of a kustomization file before building it: whether it is a `Component`, the directories
/// it builds on (`resources`, `bases`, `components`), and the files it applies as patches.
///
/// kustomize decodes the file through JSON (`sigs.k8s.io/yaml`), and Go's decoder matches field names
/// case-insensitively (with Unicode simple folding: `ſ` is `s`, the Kelvin sign `K` is `k`), so `Kind:` is `kind:` to it
/// and is read so here. A field spelt twice that way is ambiguous and read as absent: the file is then not a
/// Component (so it is built, and a kubectl error shows anything wrong), and it uses no other directory (so nothing is
/// assumed to be checked through it).
struct KustomizationFile: Sendable {
    /// The file kustomize reads, or `nil` when the directory has none or more than one (kustomize's own error).
    var path: String?
    /// Every file that makes the directory a kustomization (more than one fails its build).
    var files: [String]
    /// `kind: Component` (`kustomize.config.k8s.io/v1alpha1`): applied inside the kustomizations that list it under
    /// `components:`, never deployed on its own.
    var isComponent = false
    /// Entries of `resources`, `bases` and `components`, as written (files, directories and remote targets alike).
    var references: [String] = []
    /// Files named as patches (`patchesStrategicMerge`, `patches[].path`, `patchesJson6902[].path`), as written.
    var patches: [String] = []
    /// The `target` of each patch file that has one (by the path as written): the objects it applies to.
    var patchTargets: [String: RenderedStream.Target] = [:]

    init(directory: String) {
        files = RenderSource.kustomizationFiles(in: directory)
        guard files.count == 1, let file = files.first else { return }
        path = file
        // A kustomization file is a few lines; a huge one is left to kubectl rather than held in memory here.
        guard let handle = FileHandle(forReadingAtPath: file) else { return }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.readLimit + 1), data.count <= Self.readLimit,
              let root = try? YAMLReader().read(Array(data)).first, let entries = root.entries else { return }
        var fields: [String: [SourceNode]] = [:]
        for entry in entries { fields[Self.folded(entry.key), default: []].append(entry.value) }
        func field(_ name: String) -> SourceNode? {
            guard let values = fields[name], values.count == 1 else { return nil }
            return values[0]
        }
        isComponent = field("kind")?.string == "Component"
        for name in ["resources", "bases", "components"] {
            references += field(name)?.items?.compactMap(\.string) ?? []
        }
        patches = field("patchesstrategicmerge")?.items?.compactMap(\.string) ?? []
        for name in ["patches", "patchesjson6902"] {
            for item in field(name)?.items ?? [] {
                guard let path = item.entries?.first(where: { Self.folded($0.key) == "path" })?.value.string else { continue }
                patches.append(path)
                if let target = item.entries?.first(where: { Self.folded($0.key) == "target" })?.value.entries {
                    func value(_ key: String) -> String? { target.first { Self.folded($0.key) == key }?.value.string }
                    patchTargets[path] = RenderedStream.Target(kind: value("kind"), name: value("name"))
                }
            }
        }
    }

    /// Most bytes of a kustomization file read.
    static let readLimit = 4 << 20

    /// A field name as Go's `encoding/json` compares it.
    static func folded(_ key: String) -> String {
        key.lowercased().replacingOccurrences(of: "ſ", with: "s")
    }
}
