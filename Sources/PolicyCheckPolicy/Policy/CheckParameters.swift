import PolicyCheckModel
import PolicyCheckSyntax

/// A rule's `parameters` mapping, read with located errors. Checks read every parameter they know in `init` and
/// the pack loader rejects any they did not read.
///
/// Parameters may be layered: a pack that `override`s an inherited rule's parameters puts its mapping above the
/// parent's, so a check reads the child's value when it gives one and the parent's otherwise, and every problem is
/// reported in the file that holds the offending value.
public final class CheckParameters {
    /// Highest priority first.
    private let layers: [ObjectView]
    private let reader: NodeReader
    private var read: Set<String> = []
    private var children: [CheckParameters] = []

    init(node: SourceNode?, path: String, reader: NodeReader) {
        self.reader = reader
        self.layers = node.flatMap { reader.object($0, path: path) }.map { [$0] } ?? []
    }

    /// Parameters from several layers, highest priority first (each layer reports into its own file's reader).
    init(layers: [(node: SourceNode?, path: String, reader: NodeReader)], fallback: NodeReader) {
        self.reader = layers.first?.reader ?? fallback
        self.layers = layers.compactMap { layer in layer.node.flatMap { layer.reader.object($0, path: layer.path) } }
    }

    private init(views: [ObjectView], reader: NodeReader) {
        self.layers = views
        self.reader = reader
    }

    /// Parameters for tests and programmatic use, from YAML text.
    public static func parse(_ yaml: String) throws -> CheckParameters {
        let source = SourceFile(path: "<parameters>", bytes: Array(yaml.utf8))
        let node = try YAMLReader().read(source.bytes).first
        return CheckParameters(node: node, path: "parameters", reader: NodeReader(source: source))
    }

    /// The layer that gives `key`, if any.
    private func layer(for key: String) -> ObjectView? {
        layers.first { $0.value(key) != nil }
    }

    public func string(_ key: String, default fallback: String) -> String {
        read.insert(key)
        return layer(for: key)?.string(key)?.value ?? fallback
    }

    public func choice(_ key: String, _ allowed: [String], default fallback: String) -> String {
        read.insert(key)
        return layer(for: key)?.choice(key, allowed)?.value ?? fallback
    }

    public func int(_ key: String, default fallback: Int, range: ClosedRange<Int>? = nil) -> Int {
        read.insert(key)
        return layer(for: key)?.int(key, range: range)?.value ?? fallback
    }

    public func bool(_ key: String, default fallback: Bool) -> Bool {
        read.insert(key)
        return layer(for: key)?.bool(key)?.value ?? fallback
    }

    public func strings(_ key: String, default fallback: [String]) -> [String] {
        read.insert(key)
        guard let layer = layer(for: key) else { return fallback }
        return layer.strings(key).map(\.value)
    }

    /// A nested mapping of parameters, e.g. `ipv4: {broaderThan: 24}`; layers merge key by key.
    public func nested(_ key: String) -> CheckParameters {
        read.insert(key)
        let views = layers.compactMap { layer in layer.value(key).flatMap { layer.reader.object($0, path: layer.childPath(key)) } }
        let nested = CheckParameters(views: views, reader: views.first?.reader ?? reader)
        children.append(nested)
        return nested
    }

    /// Reports a parameter value the check rejects.
    public func reject(_ key: String, _ message: String) {
        let layer = layer(for: key) ?? layers.first
        (layer?.reader ?? reader).error(at: layer?.value(key)?.offset ?? layer?.node.offset ?? 0, message)
    }

    /// Gives a check that compiles structured parameters itself (custom assertions) the mapping and its reader.
    /// Every parameter counts as read; the check reports unknown ones.
    func withRawAccess<T>(_ body: (ObjectView) -> T?) -> T? {
        guard let object = layers.first else {
            reader.error(at: 0, "the check needs parameters")
            return nil
        }
        for entry in object.node.entries ?? [] { read.insert(entry.key) }
        return body(object)
    }

    /// Reports parameters the check did not read.
    func rejectUnread(checkName: String) {
        for layer in layers { layer.allowOnly(Array(read).sorted()) }
        for child in children { child.rejectUnread(checkName: checkName) }
    }

    /// Problems found so far.
    var diagnostics: [Diagnostic] { reader.diagnostics }
}
