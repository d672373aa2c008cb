import KeyMaterial
import Foundation
import PolicyCheckModel
import PolicyCheckSyntax

/// Reads policy packs (YAML), resolves what they `extends`, and compiles their rules. Every problem is reported
/// with file, line and column.
public struct PolicyLoader: Sendable {
    public static let apiVersion = "policycheck/v1"
    /// The id `extends` uses for the embedded default pack.
    public static let defaultPackID = "mattermost-cloud"
    static let defaultPackPath = "<embedded>/mattermost-cloud.yaml"
    /// How deep `extends` chains may go.
    static let maxDepth = 16

    /// Whether `extends` may name a file outside the checked tree (`--allow-outside-tree`).
    public var allowOutsideTree = false

    public init() {}

    /// The embedded default pack's source.
    public static var defaultSource: SourceFile {
        SourceFile(path: defaultPackPath, bytes: DefaultPolicyPack.yamlBytes)
    }

    /// The default Mattermost Cloud pack embedded in the binary.
    public func loadDefault() throws(Diagnostics) -> PolicyPack {
        if let preloaded = DefaultPackPreload.result() { return try preloaded.get() }
        return try load(source: Self.defaultSource)
    }

    /// Reads and compiles one pack (with the packs it extends). Throws its errors; warnings are dropped.
    public func load(source: SourceFile) throws(Diagnostics) -> PolicyPack {
        let (pack, diagnostics) = resolve(source)
        let errors = diagnostics.filter(\.isError)
        guard errors.isEmpty, var pack else { throw Diagnostics(errors.isEmpty ? diagnostics : errors) }
        pack.sha256 = Digest.sha256(source.bytes)
        return pack
    }

    /// Every problem with a pack, warnings included, without running it (`policy lint`).
    public func lint(source: SourceFile) -> [Diagnostic] {
        resolve(source).diagnostics.sorted()
    }

    /// Every problem with a pack file, warnings included (`policy lint FILE`).
    public func lint(file path: String) -> [Diagnostic] {
        guard let data = FileManager.default.contents(atPath: path) else {
            return [.cannotRead(path, .policyFile)]
        }
        return lint(source: SourceFile(path: InputPath.display(path), bytes: [UInt8](data)))
    }

    /// Loads, resolves and compiles; the pack is `nil` when there are errors.
    func resolve(_ source: SourceFile) -> (pack: PolicyPack?, diagnostics: [Diagnostic]) {
        let resolver = PackResolver(allowOutsideTree: allowOutsideTree)
        let resolved = resolver.resolve(source, chain: [])?.pack
        var diagnostics = resolver.diagnostics
        var seen: Set<Diagnostic> = []
        diagnostics = diagnostics.filter { seen.insert($0).inserted }
        guard let resolved, !diagnostics.contains(where: \.isError) else { return (nil, diagnostics) }
        return (resolved, diagnostics)
    }
}
