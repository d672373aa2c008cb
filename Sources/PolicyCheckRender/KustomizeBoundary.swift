import Foundation
import PolicyCheckInput
import PolicyCheckModel
import PolicyCheckSyntax

/// Keeps a kustomize build inside the checked tree: before a kustomization is built, every local file or directory
/// it names — and every one named by the kustomizations of the local directories it builds on, however deep — must
/// resolve (links followed) inside the tree.
///
/// kustomize reads what a kustomization names wherever it lies: `resources: [../../private-infra/prod]` in a pull
/// request built a directory beside the checkout and printed its objects' names, paths and CIDRs into the CI log.
/// As for a Terraform module `source` leading out, such an entry is refused at the entry (one located error, exit
/// 2) and the build is not run, unless the run says `--allow-outside-tree`. Remote targets (`https://…`, `git@…`,
/// `github.com/…`) are not local paths: kubectl fetches them as before.
///
/// The fields read are those of the kustomization reference
/// (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/) that name files or directories.
enum KustomizeBoundary {
    /// The refusals for a build of `directory`, in reading order; empty when everything it names is in the tree.
    static func refusals(building directory: String, tree: CheckedTree) -> [Diagnostic] {
        let cwd = FileManager.default.currentDirectoryPath
        var seen: Set<String> = []
        var pending = [directory]
        var refusals: [Diagnostic] = []
        while let next = pending.popLast() {
            guard seen.insert(InputPath.standardized(next, in: cwd)).inserted else { continue }
            let source: SourceFile
            let references: [Reference]
            switch read(next) {
            case .none: continue
            case .unreadable(let refusal):
                // What it names cannot be judged, so it is not built: padding a file past the limit must not pass.
                refusals.append(refusal)
                continue
            case .read(let file, let found):
                source = file
                references = found
            }
            for reference in references {
                let path = reference.value.hasPrefix("/") ? reference.value : next + "/" + reference.value
                guard tree.contains(path) else {
                    refusals.append(Diagnostic(source, offset: reference.offset,
                        "'\(reference.field)' names '\(Excerpt.quote(reference.value, limit: 160))', which \(CheckedTree.refusal) (the kustomization is not built)"))
                    continue
                }
                // A directory it builds on is a kustomization of its own, whose references count too.
                if !RenderSource.kustomizationFiles(in: path).isEmpty { pending.append(InputPath.standardized(path, in: cwd)) }
            }
        }
        return refusals
    }

    /// One local path a kustomization names: the field as a reader finds it (`patches[].path`), the value as written,
    /// and where the value is.
    struct Reference {
        var field: String
        var value: String
        var offset: Int
    }

    /// What reading a directory's kustomization file found.
    enum Reading {
        /// No single kustomization file (kustomize's build then fails on its own, naming nothing outside).
        case none
        /// A file that cannot be judged (too large, not read, not YAML policycheck reads): the refusal.
        case unreadable(Diagnostic)
        case read(SourceFile, [Reference])
    }

    /// The kustomization file of a directory and its local references.
    static func read(_ directory: String) -> Reading {
        let files = RenderSource.kustomizationFiles(in: directory)
        guard files.count == 1, let file = files.first else { return .none }
        func unjudged(_ reason: String, _ source: SourceFile? = nil, at offset: Int = 0) -> Reading {
            let message = "\(reason), so what it names cannot be checked against the checked tree (the kustomization is not built; --allow-outside-tree builds it)"
            guard let source else { return .unreadable(Diagnostic(file: InputPath.display(file), location: nil, message: message)) }
            return .unreadable(Diagnostic(source, offset: offset, message))
        }
        guard let handle = FileHandle(forReadingAtPath: file),
              let data = try? handle.read(upToCount: KustomizationFile.readLimit + 1) else {
            return unjudged("the kustomization file cannot be read")
        }
        try? handle.close()
        guard data.count <= KustomizationFile.readLimit else {
            return unjudged("the kustomization file is over \(KustomizationFile.readLimit >> 20) MB")
        }
        let source = SourceFile(path: InputPath.display(file), bytes: Array(data))
        let root: SourceNode?
        do {
            root = try YAMLReader().read(source.bytes).first
        } catch {
            return unjudged("the kustomization file is not YAML policycheck reads (\(error.message))", source, at: error.offset)
        }
        // An empty file, or one that is not a mapping, names nothing (kustomize refuses the latter itself).
        guard let entries = root?.entries else { return .read(source, []) }
        var references: [Reference] = []
        func add(_ field: String, _ node: SourceNode?, dropKey: Bool = false) {
            guard let node, var value = node.string else { return }
            // `files: [key=path]` names the file after the key.
            if dropKey, let equals = value.firstIndex(of: "=") { value = String(value[value.index(after: equals)...]) }
            guard isLocalPath(value) else { return }
            references.append(Reference(field: field, value: value, offset: node.offset))
        }
        func field(_ entry: SourceNode, _ key: String) -> SourceNode? {
            entry.entries?.first { KustomizationFile.folded($0.key) == key }?.value
        }
        // Every spelling counts, even one written twice (which kustomize reads one way or refuses).
        for entry in entries {
            let name = entry.key
            switch KustomizationFile.folded(name) {
            case "resources", "bases", "components", "crds", "configurations", "patchesstrategicmerge",
                 "transformers", "generators", "validators":
                for item in entry.value.items ?? [] { add(name, item) }
            case "patches", "patchesjson6902", "replacements":
                for item in entry.value.items ?? [] { add("\(name)[].path", field(item, "path")) }
            case "openapi":
                add("\(name).path", field(entry.value, "path"))
            case "configmapgenerator", "secretgenerator":
                for item in entry.value.items ?? [] {
                    for file in field(item, "files")?.items ?? [] { add("\(name)[].files", file, dropKey: true) }
                    for file in field(item, "envs")?.items ?? [] { add("\(name)[].envs", file) }
                    add("\(name)[].env", field(item, "env"))
                }
            case "helmcharts":
                for item in entry.value.items ?? [] {
                    add("\(name)[].valuesFile", field(item, "valuesfile"))
                    for file in field(item, "additionalvaluesfiles")?.items ?? [] {
                        add("\(name)[].additionalValuesFiles", file)
                    }
                }
            case "helmglobals":
                add("\(name).chartHome", field(entry.value, "charthome"))
                add("\(name).configHome", field(entry.value, "confighome"))
            default:
                continue
            }
        }
        return .read(source, references)
    }

    /// Whether an entry names a local file or directory: not a remote target (`https://…`, `git@…`, `ssh://…`;
    /// `github.com/org/repo` stays in the tree as a path, so it needs no test) and not an inline patch or
    /// transformer (YAML text, which spans lines).
    static func isLocalPath(_ value: String) -> Bool {
        !value.isEmpty && !value.contains("://") && !value.hasPrefix("git@") && !value.hasPrefix("git::")
            && !value.contains("\n")
    }
}
