import KeyMaterial
import PolicyCheckSyntax

/// Reads policy packs (YAML) and compiles their rules. Every problem is reported with file, line and column.
public struct PolicyLoader: Sendable {
    public static let apiVersion = "policycheck/v1"

    public init() {}

    /// The default Mattermost Cloud pack embedded in the binary.
    public func loadDefault() throws(Diagnostics) -> PolicyPack {
        try load(source: SourceFile(path: "<embedded>/mattermost-cloud.yaml", bytes: Array(DefaultPolicyPack.yaml.utf8)))
    }

    /// Reads and compiles one pack.
    public func load(source: SourceFile) throws(Diagnostics) -> PolicyPack {
        let root: SourceNode
        do {
            let text = try TextDecoding.utf8Text(from: source.bytes)
            guard let first = try YAMLReader().read(text).first else {
                throw Diagnostics([Diagnostic(source, offset: 0, "the policy pack is empty")])
            }
            root = first
        } catch let error as SyntaxError {
            throw Diagnostics([Diagnostic(source, offset: error.offset, error.message)])
        } catch let error as Diagnostics {
            throw error
        } catch {
            throw Diagnostics([Diagnostic(source, offset: 0, "\(error)")])
        }
        let reader = NodeReader(source: source)
        let pack = compile(root, reader: reader, origin: source.path)
        guard reader.diagnostics.isEmpty, var pack else { throw Diagnostics(reader.diagnostics) }
        pack.sha256 = Digest.sha256(source.bytes)
        return pack
    }

    private func compile(_ root: SourceNode, reader: NodeReader, origin: String) -> PolicyPack? {
        guard let document = reader.object(root, path: "") else { return nil }
        document.allowOnly(["apiVersion", "kind", "metadata", "rules"])
        if let version = document.string("apiVersion", required: true), version.value != Self.apiVersion {
            reader.error(at: version.origin.offset, "unsupported apiVersion '\(Excerpt.quote(version.value))'; expected '\(Self.apiVersion)'")
        }
        _ = document.choice("kind", ["PolicyPack"], required: true)
        let metadata = document.object("metadata", required: true)
        metadata?.allowOnly(["id", "version", "title", "description"])
        let id = metadata?.string("id", required: true)?.value ?? ""
        let version = metadata?.string("version", required: true)?.value ?? ""
        let title = metadata?.string("title", required: true)?.value ?? ""
        _ = metadata?.string("description")
        guard let items = document.list("rules", required: true) else { return nil }
        if items.isEmpty { reader.error(at: document.origin(of: "rules").offset, "the pack has no rules") }
        var rules: [CompiledRule] = []
        var seen: [String: Int] = [:]
        for (node, path) in items {
            guard let ruleView = reader.object(node, path: path) else { continue }
            guard let compiled = RuleCompiler(view: ruleView, packID: id).compile() else { continue }
            if let first = seen[compiled.rule.id] {
                reader.error(at: ruleView.origin(of: "id").offset, "duplicate rule id '\(compiled.rule.id)' (also rules[\(first)])")
                continue
            }
            seen[compiled.rule.id] = rules.count
            rules.append(compiled)
        }
        return PolicyPack(id: id, version: version, title: title, origin: origin, rules: rules)
    }
}
