import PolicyCheckSyntax

/// A rule's `parameters` mapping, read with located errors. Checks read every parameter they know in `init` and
/// the pack loader rejects any they did not read.
public final class CheckParameters {
    private let object: ObjectView?
    private let reader: NodeReader
    private var read: Set<String> = []
    private var children: [CheckParameters] = []

    init(node: SourceNode?, path: String, reader: NodeReader) {
        self.reader = reader
        self.object = node.flatMap { reader.object($0, path: path) }
    }

    /// Parameters for tests and programmatic use, from YAML text.
    public static func parse(_ yaml: String) throws -> CheckParameters {
        let source = SourceFile(path: "<parameters>", bytes: Array(yaml.utf8))
        let node = try YAMLReader().read(source.bytes).first
        return CheckParameters(node: node, path: "parameters", reader: NodeReader(source: source))
    }

    public func string(_ key: String, default fallback: String) -> String {
        read.insert(key)
        return object?.string(key)?.value ?? fallback
    }

    public func choice(_ key: String, _ allowed: [String], default fallback: String) -> String {
        read.insert(key)
        return object?.choice(key, allowed)?.value ?? fallback
    }

    public func int(_ key: String, default fallback: Int, range: ClosedRange<Int>? = nil) -> Int {
        read.insert(key)
        return object?.int(key, range: range)?.value ?? fallback
    }

    public func bool(_ key: String, default fallback: Bool) -> Bool {
        read.insert(key)
        return object?.bool(key)?.value ?? fallback
    }

    public func strings(_ key: String, default fallback: [String]) -> [String] {
        read.insert(key)
        guard object?.value(key) != nil else { return fallback }
        return object?.strings(key).map(\.value) ?? fallback
    }

    /// A nested mapping of parameters, e.g. `ipv4: {broaderThan: 24}`.
    public func nested(_ key: String) -> CheckParameters {
        read.insert(key)
        let nested = CheckParameters(node: object?.value(key), path: object?.childPath(key) ?? key, reader: reader)
        children.append(nested)
        return nested
    }

    /// Reports a parameter value the check rejects.
    public func reject(_ key: String, _ message: String) {
        reader.error(at: object?.value(key)?.offset ?? object?.node.offset ?? 0, message)
    }

    /// Reports parameters the check did not read.
    func rejectUnread(checkName: String) {
        object?.allowOnly(Array(read).sorted())
        for child in children { child.rejectUnread(checkName: checkName) }
    }

    /// Problems found so far.
    var diagnostics: [Diagnostic] { reader.diagnostics }
}
