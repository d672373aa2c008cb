import PolicyCheckModel
import PolicyCheckSyntax

/// One policy pack file as written, before its rules are compiled: metadata, the pack it `extends`, the inherited
/// rules it `disable`s and `override`s, and its own rules.
struct PackDocument {
    static let fields = ["apiVersion", "kind", "metadata", "extends", "disable", "override", "rules"]

    let source: SourceFile
    let reader: NodeReader
    var id = ""
    var version = ""
    var title = ""
    var extends: Located<String>?
    var disable: [Located<String>] = []
    /// Rule id (located at the key) → the changes.
    var overrides: [(id: Located<String>, view: ObjectView)] = []
    var rules: [ObjectView] = []

    /// Parses a pack file; syntax errors are thrown, every other problem is recorded in `reader`.
    static func read(_ source: SourceFile) throws(Diagnostics) -> PackDocument {
        if let root = EmbeddedPackTree.root(of: source) {
            var document = PackDocument(source: source, reader: NodeReader(source: source))
            document.read(root)
            return document
        }
        let parsed = try SettingsDocument.parse(source.bytes, path: source.path)
        let root = try parsed.requireRoot("the policy pack is empty")
        var document = PackDocument(source: parsed.source, reader: NodeReader(source: parsed.source))
        document.read(root)
        return document
    }

    private mutating func read(_ root: SourceNode) {
        guard let view = reader.object(root, path: "") else { return }
        view.allowOnly(Self.fields)
        if let version = view.string("apiVersion", required: true), version.value != PolicyLoader.apiVersion {
            reader.error(at: version.origin.offset, "unsupported apiVersion '\(Excerpt.quote(version.value))'; expected '\(PolicyLoader.apiVersion)'")
        }
        _ = view.choice("kind", ["PolicyPack"], required: true)
        let metadata = view.object("metadata", required: true)
        metadata?.allowOnly(["id", "version", "title", "description"])
        id = metadata?.string("id", required: true)?.value ?? ""
        version = metadata?.string("version", required: true)?.value ?? ""
        title = metadata?.string("title", required: true)?.value ?? ""
        _ = metadata?.string("description")
        extends = view.string("extends")
        disable = view.strings("disable")
        if let override = view.object("override") {
            for entry in override.node.entries ?? [] {
                let key = Located(entry.key, at: Origin(offset: entry.keyOffset, path: override.childPath(entry.key)))
                guard let changes = reader.object(entry.value, path: key.origin.path) else { continue }
                changes.allowOnly(RuleOverride.fields)
                if changes.node.entries?.isEmpty ?? true {
                    reader.error(at: entry.value.offset, "'\(key.origin.path)' changes nothing; give severity, parameters, controls or remediation")
                }
                overrides.append((key, changes))
            }
        }
        let items = view.list("rules", required: extends == nil)
        if extends == nil, let items, items.isEmpty {
            reader.error(at: view.origin(of: "rules").offset, "the pack has no rules")
        }
        if extends != nil, (items ?? []).isEmpty, disable.isEmpty, overrides.isEmpty {
            reader.error(at: view.node.offset, "the pack adds, disables and overrides nothing; it is the same as the pack it extends")
        }
        for (node, path) in items ?? [] {
            if let rule = reader.object(node, path: path) { rules.append(rule) }
        }
    }
}
