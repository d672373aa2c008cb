import PolicyCheckSyntax

/// The embedded default pack's tree, read from its JSON rendering (`DefaultPolicyPack.renderedTree`) rather than parsed from
/// its YAML: every `check` loads the pack before it can evaluate anything, and the YAML parser took two thirds of
/// that start-up work.
///
/// The rendering is the YAML's tree written as JSON, made and kept equal to it by `EmbeddedPackJSONTests`; it is used only
/// for the embedded pack's exact bytes, and only while it was rendered from them. Offsets in its nodes point into the
/// JSON, which no message ever shows: the embedded pack loads without a diagnostic (a test holds it to that).
enum EmbeddedPackTree {
    /// The tree of the embedded pack's source; `nil` for any other source, or when the rendering is stale.
    static func root(of source: SourceFile) -> SourceNode? {
        guard source.path == PolicyLoader.defaultPackPath, let rendering = rendering(),
              rendering.isRendered(from: source.bytes) else { return nil }
        return rendering.tree
    }

    /// Whether the embedded rendering was made from these bytes (the embedded YAML as it is now).
    static func isCurrent(_ yaml: [UInt8]) -> Bool {
        rendering()?.isRendered(from: yaml) == true
    }

    /// The embedded rendering, read.
    static func rendering() -> Rendering? {
        guard let root = try? JSONReader().read(DefaultPolicyPack.renderedTree),
              let from = root["renderedFrom"], case .number(let bytes)? = from["bytes"]?.value,
              case .string(let checksum)? = from["fnv1a64"]?.value,
              let count = Int(bytes), let sum = UInt64(checksum, radix: 16), let tree = root["tree"] else { return nil }
        return Rendering(tree: tree, sourceByteCount: count, sourceChecksum: sum)
    }

    /// A rendering and the size and checksum of the YAML it was made from.
    struct Rendering {
        let tree: SourceNode
        let sourceByteCount: Int
        let sourceChecksum: UInt64

        func isRendered(from yaml: [UInt8]) -> Bool {
            yaml.count == sourceByteCount && checksum(yaml) == sourceChecksum
        }
    }

    /// 64-bit FNV-1a: enough to tell an edited pack from the one rendered (this is no security boundary).
    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }
}
