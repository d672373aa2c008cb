import Foundation
import PolicyCheckInput
import PolicyCheckModel

/// Which of a walk's kustomizations are built, and which builds take in each one.
///
/// Every `Kustomization` is built, bases as well as overlays: each is something `kubectl apply -k` can deploy, and an
/// overlay can as easily break a compliant base as fix a broken one. A `Component` is not built on its own: it means
/// something only inside the kustomizations that list it, and is checked in every build that reaches it through
/// `resources`, `bases` or `components`. A Component no kustomization in the walk reaches is built on its own
/// (through `components:` of a throwaway kustomization), since `kubectl apply -k` deploys one that can be: so
/// calling a deployed kustomization a Component hides nothing. Components reached only from such a one are built on
/// their own too.
struct KustomizePlan: Sendable {
    struct Entry: Sendable {
        var source: RenderSource
        var file: KustomizationFile
        /// Built by policycheck: every Kustomization, and every Component no Kustomization reaches.
        var isBuilt: Bool
        /// The builds that take this kustomization in (indices into `entries`, in walk order), its own included.
        var builtWith: [Int] = []
        /// For a build: the kustomizations it takes in (indices into `entries`), its own first.
        var members: [Int] = []
    }

    /// The walk's kustomizations, in walk order.
    var entries: [Entry]

    init(_ sources: [RenderSource]) {
        let cwd = FileManager.default.currentDirectoryPath
        let files = sources.map { KustomizationFile(directory: $0.directory) }
        var index: [String: Int] = [:]
        for (position, source) in sources.enumerated() {
            let key = InputPath.standardized(source.directory, in: cwd)
            if index[key] == nil { index[key] = position }
        }
        // The kustomizations each one names (directories of the walk only: files and remote targets match none).
        let uses: [[Int]] = zip(sources, files).map { source, file in
            file.references.compactMap { reference in
                let path = reference.hasPrefix("/") ? reference : source.directory + "/" + reference
                return reference.isEmpty ? nil : index[InputPath.standardized(path, in: cwd)]
            }
        }
        func reach(from start: Int) -> [Int] {
            var seen: Set<Int> = [start]
            var stack = [start]
            while let next = stack.popLast() {
                for used in uses[next] where seen.insert(used).inserted { stack.append(used) }
            }
            return seen.sorted()
        }
        var built = files.map { !$0.isComponent }
        let reached = Set(built.indices.filter { built[$0] }.flatMap(reach(from:)))
        for position in built.indices where !built[position] && !reached.contains(position) {
            built[position] = true
        }
        entries = zip(sources, files).enumerated().map { position, pair in
            Entry(source: pair.0, file: pair.1, isBuilt: built[position])
        }
        for position in built.indices where built[position] {
            let members = reach(from: position)
            entries[position].members = [position] + members.filter { $0 != position }
            for member in members { entries[member].builtWith.append(position) }
        }
    }

    /// A Component built on its own because no Kustomization of the walk uses it.
    func isUnusedComponent(_ position: Int) -> Bool {
        entries[position].file.isComponent && entries[position].isBuilt
    }

    /// The kustomization file and the patch files of an entry: applied by its builds, never objects of their own.
    func appliedFiles(_ position: Int) -> [String] {
        let entry = entries[position]
        return entry.file.files + entry.file.patches.map { entry.source.directory + "/" + $0 }
    }

    /// The patch files a build applies, with their targets: its own first, then those of the kustomizations it
    /// takes in, in walk order.
    func patches(ofBuild build: Int) -> [(path: String, target: RenderedStream.Target?)] {
        entries[build].members.flatMap { member in
            let entry = entries[member]
            return entry.file.patches.map { (entry.source.directory + "/" + $0, entry.file.patchTargets[$0]) }
        }
    }
}
