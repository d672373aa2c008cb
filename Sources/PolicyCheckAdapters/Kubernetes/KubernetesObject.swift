import PolicyCheckModel
import PolicyCheckSyntax

/// One Kubernetes object being read: its kind, namespace and name, a view of its root, and its annotations.
struct KubernetesObject {
    let kind: String
    let name: String
    let namespace: String
    let root: ObjectView
    let annotations: Annotations

    /// Reads the identity of an object; `nil` (with a diagnostic) when it has no `metadata.name`. `path`: where the
    /// object is, when it is embedded in another input (a Terraform `kubernetes_manifest`'s `manifest`); its paths
    /// are relative to the object otherwise.
    init?(_ node: SourceNode, reader: NodeReader, path: String = "") {
        guard let root = reader.object(node, path: path) else { return nil }
        let metadata = root.object("metadata", required: true)
        guard let name = metadata?.string("name") ?? metadata?.string("generateName") else {
            if let metadata {
                reader.error(at: metadata.node.offset, "missing required field 'name' in 'metadata'")
            }
            return nil
        }
        self.kind = node["kind"]?.string ?? ""
        self.name = name.value
        self.namespace = metadata?.string("namespace")?.value ?? "default"
        self.root = root
        self.annotations = Annotations(metadata?.value("annotations"),
                                       path: path.isEmpty ? "metadata.annotations" : root.childPath("metadata.annotations"),
                                       reader: reader)
    }

    /// How findings name the object: `Kind/namespace/name` (the kinds read are all namespaced).
    var resource: String { "\(kind)/\(namespace)/\(name)" }

    var reader: NodeReader { root.reader }

    /// The object's `spec`, when it is a mapping.
    var spec: ObjectView? { root.object("spec") }
}

/// A string-to-string annotation map (`metadata.annotations`, or an operator's `annotations` field), each value
/// located.
struct Annotations {
    /// Where the map is, for paths of its values.
    let path: String
    let node: SourceNode?
    /// The reader the map was read with, which keeps one spelling per path (`NodeReader.spelling`).
    let paths: NodeReader?
    private var values: [String: Located<String>]

    /// Reads a mapping of annotations. A value that is not a string (`true`, `443`, a list) is an error at the value,
    /// as kubectl refuses the object (`json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.annotations
    /// of type string`); a null is an empty string, as the API server stores it.
    init(_ node: SourceNode?, path: String, reader: NodeReader) {
        self.path = path
        self.node = node
        self.paths = reader
        var values: [String: Located<String>] = [:]
        guard let node, !node.isNull else {
            self.values = values
            return
        }
        guard let entries = node.entries else {
            reader.error(at: node.offset, "'\(path)' must be a mapping, found \(node.kindDescription)")
            self.values = values
            return
        }
        for entry in entries {
            let origin = Origin(offset: entry.value.offset, path: reader.spelling(Self.path(path, entry.key)))
            switch entry.value.value {
            case .string(let text) where entry.value.boolean(reader.booleans) != nil:
                // A plain `yes`, `on`, `n`…: kubectl's YAML 1.1 reads a boolean, which an annotation cannot hold
                // (`json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.annotations of type string`).
                reader.error(at: entry.value.offset, "annotation '\(Excerpt.quote(entry.key))' must be a string, found "
                             + "'\(text)', which kubectl's YAML 1.1 reads as a boolean (quote it: \"\(text)\")")
            case .string(let text):
                values[entry.key] = Located(text, at: origin)
            case .null:
                // kubectl accepts it, and the API server stores it as an empty string (Go's JSON decoder puts the
                // zero value in the map): the key is there, empty — which is what GKE's controller, taking the
                // first of its type annotations that is present, then reads.
                values[entry.key] = Located("", at: origin)
            case .bool, .number:
                reader.error(at: entry.value.offset, "annotation '\(Excerpt.quote(entry.key))' must be a string, found "
                             + "\(entry.value.kindDescription) (quote it: \"\(Excerpt.quote(Self.scalarText(entry.value)))\")")
            case .sequence, .mapping:
                reader.error(at: entry.value.offset,
                             "annotation '\(Excerpt.quote(entry.key))' must be a string, found \(entry.value.kindDescription)")
            }
        }
        self.values = values
    }

    /// An empty map.
    static var none: Annotations { Annotations() }

    /// A map read elsewhere (a Terraform `kubernetes_service`'s `metadata.annotations`), its values located there.
    init(located values: [String: Located<String>], path: String) {
        self.path = path
        node = nil
        paths = nil
        self.values = values
    }

    /// The annotation names present.
    var keys: Dictionary<String, Located<String>>.Keys { values.keys }

    /// A boolean or number as its text, for the message that says to quote it.
    static func scalarText(_ node: SourceNode) -> String {
        switch node.value {
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: ""
        }
    }

    private init() {
        path = ""
        node = nil
        paths = nil
        values = [:]
    }

    subscript(key: String) -> Located<String>? { values[key] }

    /// Whether any annotation key starts with the prefix.
    func contains(prefix: String) -> Bool { values.keys.contains { $0.hasPrefix(prefix) } }

    /// The first of several keys that is present (newer names before deprecated ones).
    func first(_ keys: String...) -> Located<String>? {
        keys.lazy.compactMap { values[$0] }.first
    }

    /// The map with a value its writer (an operator) sets unless the user's map gives one: the user's value wins.
    func withDefault(_ key: String, _ value: Located<String>) -> Annotations {
        var result = self
        if result.values[key] == nil { result.values[key] = value }
        return result
    }

    /// The map with a value that wins over the user's (an `IngressClassParams` setting).
    func withOverride(_ key: String, _ value: Located<String>) -> Annotations {
        var result = self
        result.values[key] = value
        return result
    }

    /// The map without the annotations `drops` names (key and value), as an operator leaves them off what it writes.
    func removing(where drops: (String, String) -> Bool) -> Annotations {
        var result = self
        result.values = values.filter { !drops($0.key, $0.value.value) }
        return result
    }

    /// Merges another map into this one; values already here win.
    func merging(_ other: Annotations) -> Annotations {
        var result = self
        for (key, value) in other.values where result.values[key] == nil { result.values[key] = value }
        return result
    }

    /// `metadata.annotations['nginx.ingress.kubernetes.io/whitelist-source-range']`: keys hold dots and slashes.
    static func path(_ base: String, _ key: String) -> String { "\(base)['\(key)']" }
}
