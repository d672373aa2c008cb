import Foundation
import PolicyCheckModel
import PolicyCheckSyntax

/// Resolves a pack and the chain of packs it `extends` into its effective rules: the parent's rules, minus those
/// it disables, with its overrides applied, plus its own. Cycles and missing parents are located errors.
final class PackResolver {
    private(set) var diagnostics: [Diagnostic] = []
    /// Whether `extends` may name a file outside the checked tree.
    let allowOutsideTree: Bool

    init(allowOutsideTree: Bool = false) {
        self.allowOutsideTree = allowOutsideTree
    }

    /// A rule in force and where it comes from, not yet compiled.
    struct Entry {
        var id: String
        var view: ObjectView
        var packID: String
        var packOrigin: String
        var overrides: [RuleOverride] = []
    }

    struct Resolved {
        var pack: PolicyPack
        var entries: [Entry]
    }

    /// Resolves a pack; `chain` holds the identities of the packs that extend it (to find cycles).
    func resolve(_ source: SourceFile, chain: [String]) -> Resolved? {
        let document: PackDocument
        do {
            document = try PackDocument.read(source)
        } catch {
            diagnostics += error.items
            return nil
        }
        let reader = document.reader
        defer { diagnostics += reader.diagnostics }
        let identity = Self.identity(of: source.path)
        var entries: [Entry] = []
        var parent: Resolved?
        if let extends = document.extends {
            parent = resolveParent(extends, of: source, reader: reader, chain: chain + [identity])
            entries = parent?.entries ?? []
        }
        // Suggestions for unknown ids come from the inherited rules, prepared once for disables and overrides: an
        // override's are among those left in force, as when the list was prepared again after the disables.
        let inherited = entries.map(\.id)
        var suggestions: Suggestion.Candidates?
        let removed = applyDisable(document, to: &entries, suggestions: &suggestions, inherited: inherited)
        let disabled = Set(document.disable.map(\.value))
        let positions = Self.firstPositions(of: entries)
        var changed: Set<String> = []
        for (id, view) in document.overrides where !disabled.contains(id.value) {
            guard let index = positions[id.value] else {
                if document.extends != nil {
                    let candidates = suggestions ?? Suggestion.Candidates(inherited)
                    suggestions = candidates
                    reader.error(at: id.origin.offset, "cannot override '\(Excerpt.quote(id.value))': no inherited rule has that id"
                                 + candidates.clause(for: id.value, including: { !removed[$0] }))
                } else {
                    reader.error(at: id.origin.offset, "'override' changes inherited rules; add 'extends' to name the pack they come from")
                }
                continue
            }
            entries[index].overrides.append(RuleOverride(view: view, packID: document.id, origin: source.path))
            changed.insert(id.value)
        }
        addOwnRules(document, source: source, to: &entries)
        let rules = compile(entries, changed: changed, parent: parent?.pack, reader: reader)
        guard reader.errorCount == 0, (document.extends == nil || parent != nil), let rules else { return nil }
        var pack = PolicyPack(id: document.id, version: document.version, title: document.title, origin: source.path, rules: rules)
        pack.extends = parent?.pack.id
        pack.disabled = document.disable.map(\.value)
        pack.overridden = Self.overrideDescriptions(document, applied: changed, parent: parent?.pack, rules: rules)
        return Resolved(pack: pack, entries: entries)
    }

    /// What each applied override changed, in the pack's order: a severity from and to, the parameters named,
    /// controls and remediation.
    private static func overrideDescriptions(_ document: PackDocument, applied: Set<String>, parent: PolicyPack?,
                                             rules: [CompiledRule]) -> [String] {
        var described: Set<String> = []
        return document.overrides.compactMap { id, view -> String? in
            guard applied.contains(id.value), described.insert(id.value).inserted else { return nil }
            var changes: [String] = []
            let keys = (view.node.entries ?? []).map(\.key)
            if keys.contains("severity") {
                let before = parent?.rules.first { $0.rule.id == id.value }?.rule.severity.rawValue ?? "?"
                let after = rules.first { $0.rule.id == id.value }?.rule.severity.rawValue ?? "?"
                changes.append("severity \(before) → \(after)")
            }
            if keys.contains("parameters") {
                let names = (view.node["parameters"]?.entries ?? []).map(\.key)
                changes.append(names.isEmpty ? "parameters" : "parameters " + names.joined(separator: ", "))
            }
            if keys.contains("controls") { changes.append("controls") }
            if keys.contains("remediation") { changes.append("remediation") }
            return "\(id.value) " + (changes.isEmpty ? "overridden" : changes.joined(separator: "; "))
        }
    }

    // MARK: - Steps

    private func resolveParent(_ extends: Located<String>, of source: SourceFile, reader: NodeReader,
                               chain: [String]) -> Resolved? {
        guard chain.count <= PolicyLoader.maxDepth else {
            reader.error(at: extends.origin.offset, "'extends' chains more than \(PolicyLoader.maxDepth) packs deep")
            return nil
        }
        guard let parentSource = locate(extends, from: source, reader: reader) else { return nil }
        let parentIdentity = Self.identity(of: parentSource.path)
        if let start = chain.firstIndex(of: parentIdentity) {
            let cycle = (chain[start...] + [parentIdentity]).map(Self.shortName).joined(separator: " → ")
            reader.error(at: extends.origin.offset, "'extends' makes a cycle: \(cycle)")
            return nil
        }
        guard let parent = resolve(parentSource, chain: chain) else {
            reader.error(at: extends.origin.offset, "cannot extend '\(Excerpt.quote(extends.value))': that pack has errors")
            return nil
        }
        return parent
    }

    /// The parent pack's source: the embedded default by its id, else a file relative to the extending pack.
    private func locate(_ extends: Located<String>, from source: SourceFile, reader: NodeReader) -> SourceFile? {
        if extends.value == PolicyLoader.defaultPackID { return PolicyLoader.defaultSource }
        guard !source.path.hasPrefix("<") else {
            reader.error(at: extends.origin.offset, "'extends' must name a pack id ('\(PolicyLoader.defaultPackID)') here")
            return nil
        }
        let base = InputPath.parent(of: source.path)
        let joined = extends.value.hasPrefix("/") || base.isEmpty ? extends.value : base + "/" + extends.value
        let path = InputPath.display(URL(fileURLWithPath: joined).standardizedFileURL.path)
        // A pack in a pull request's checkout must not read any file the CI user can (its lines would be quoted in
        // the errors): a parent lies in the working directory's tree or below the extending pack's own folder.
        if !allowOutsideTree, !CheckedTree.workingDirectory.contains(path),
           !CheckedTree(root: base.isEmpty ? "." : base).contains(path) {
            reader.error(at: extends.origin.offset, "'extends' names '\(Excerpt.quote(extends.value))', which \(CheckedTree.refusal)")
            return nil
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            reader.error(at: extends.origin.offset, "cannot find the pack to extend: '\(Excerpt.quote(extends.value))' is neither the id '\(PolicyLoader.defaultPackID)' nor a readable file (looked for \(path))")
            return nil
        }
        return SourceFile(path: path, bytes: [UInt8](data))
    }

    /// Removes the inherited rules the pack disables, each the first left with its id, and says which positions
    /// of `inherited` (the ids of `entries` as they were) left. The entries are found through an index and leave in
    /// one pass at the end: finding and removing each in turn made 10,000 disables quadratic. A suggestion for an
    /// unknown id is among the rules still in force at that point, as before.
    private func applyDisable(_ document: PackDocument, to entries: inout [Entry], suggestions: inout Suggestion.Candidates?,
                              inherited: [String]) -> [Bool] {
        var removed = [Bool](repeating: false, count: entries.count)
        guard !document.disable.isEmpty else { return removed }
        let overridden = Set(document.overrides.map(\.id.value))
        var positions: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() { positions[entry.id, default: []].append(index) }
        var removedOfID: [String: Int] = [:]
        for id in document.disable {
            guard document.extends != nil else {
                document.reader.error(at: id.origin.offset, "'disable' switches off inherited rules; add 'extends' to name the pack they come from")
                continue
            }
            let alreadyRemoved = removedOfID[id.value, default: 0]
            guard let all = positions[id.value], alreadyRemoved < all.count else {
                if positions[id.value] != nil {
                    document.reader.error(at: id.origin.offset, "'\(Excerpt.quote(id.value))' is listed in 'disable' more often than it is inherited; list it once")
                    continue
                }
                let candidates = suggestions ?? Suggestion.Candidates(inherited)
                suggestions = candidates
                document.reader.error(at: id.origin.offset, "cannot disable '\(Excerpt.quote(id.value))': no inherited rule has that id"
                                      + candidates.clause(for: id.value, including: { !removed[$0] }))
                continue
            }
            if overridden.contains(id.value) {
                document.reader.warning(at: id.origin.offset, "'\(id.value)' is both disabled and overridden; the override has no effect")
            }
            removed[all[alreadyRemoved]] = true
            removedOfID[id.value] = alreadyRemoved + 1
        }
        guard !removedOfID.isEmpty else { return removed }
        entries = entries.indices.filter { !removed[$0] }.map { entries[$0] }
        return removed
    }

    private func addOwnRules(_ document: PackDocument, source: SourceFile, to entries: inout [Entry]) {
        let inherited = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var own: [String: Int] = [:]
        for (index, view) in document.rules.enumerated() {
            let id = view.node["id"]?.string ?? ""
            if let first = own[id], !id.isEmpty {
                document.reader.error(at: view.origin(of: "id").offset, "duplicate rule id '\(id)' (also rules[\(first)])")
                continue
            }
            if let previous = inherited[id] {
                document.reader.error(at: view.origin(of: "id").offset,
                                      "rule id '\(id)' is already defined by pack '\(previous.packID)' (\(previous.packOrigin)); change it with 'override' or switch it off with 'disable'")
                continue
            }
            own[id] = index
            entries.append(Entry(id: id, view: view, packID: document.id, packOrigin: source.path))
        }
    }

    /// Compiles the rules in force; an inherited rule this pack does not override keeps its parent's compilation.
    private func compile(_ entries: [Entry], changed: Set<String>, parent: PolicyPack?, reader: NodeReader) -> [CompiledRule]? {
        var rules: [CompiledRule] = []
        var failed = false
        // The parent's first rule with each id, looked up once per entry rather than scanned for.
        let parentRules = Dictionary((parent?.rules ?? []).map { ($0.rule.id, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in entries {
            if !changed.contains(entry.id), let inherited = parentRules[entry.id] {
                rules.append(inherited)
                continue
            }
            let foreign = entry.view.reader !== reader
            let before = entry.view.reader.diagnostics.count
            var compiler = RuleCompiler(view: entry.view, packID: entry.packID)
            compiler.packOrigin = entry.packOrigin
            compiler.overrides = entry.overrides
            let compiled = compiler.compile()
            if foreign { diagnostics += entry.view.reader.diagnostics.dropFirst(before) }
            if let compiled { rules.append(compiled) } else { failed = true }
        }
        return failed ? nil : rules
    }

    /// The position of the first entry with each id.
    static func firstPositions(of entries: [Entry]) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (index, entry) in entries.enumerated() where positions[entry.id] == nil { positions[entry.id] = index }
        return positions
    }

    // MARK: - Names

    static func identity(of path: String) -> String {
        path.hasPrefix("<") ? path : URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func shortName(_ identity: String) -> String {
        InputPath.display(identity)
    }
}
