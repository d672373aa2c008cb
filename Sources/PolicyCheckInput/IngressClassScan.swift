import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckSyntax

extension InputReader {
    /// Whether the run's inputs are scanned for `IngressClass` and `IngressClassParams` objects before any is read
    /// (`IngressClassCatalog`): when they may be Kubernetes, and there is more than one (one input gathers its own
    /// classes as it is read). `inputCount` counts rendered inputs too.
    package func scansIngressClasses(inputCount: Int) -> Bool {
        (format == nil || format == .kubernetes) && inputCount > 1
    }

    /// The `IngressClass` and `IngressClassParams` objects of one input, for the run's `IngressClassCatalog`. A file
    /// is parsed here only when its text could spell either kind: it holds `IngressClass`, or an escape that could
    /// spell it (`\u0043`, `\x43`, a line continuation in a quoted scalar, a `!!binary` scalar); text in UTF-16 or UTF-32 is decoded first,
    /// as the file's own read decodes it. A file that cannot be read or parsed is left to its own read, which reports
    /// it. `text` is the input when read from memory (standard input).
    package func ingressClasses(of input: InputDiscovery.Input, text memory: [UInt8]?) -> IngressClassCatalog.FileClasses? {
        guard input.skipReason == nil, !input.isTerraformModule, !input.isTemplated,
              let raw = memory ?? (input.path == "-" ? nil : try? FileBytes.read(input.path, limit: maxFileBytes)),
              format == .kubernetes || !KeyFileReader.claims(path: input.displayPath, raw: raw),
              !TextDecoding.isProbablyBinary(raw), let text = try? TextDecoding.utf8Text(from: raw),
              Self.couldSpellIngressClass(text), let documents = try? parse(text) else { return nil }
        return IngressClassCatalog.gather(documents: documents, source: SourceFile(path: input.displayPath, bytes: text))
    }

    private static let kindText = Array("IngressClass".utf8)
    /// Escapes (JSON's `\uXXXX`; YAML's `\x`, `\u`, `\U` and escaped line breaks in double-quoted scalars), and YAML's
    /// base64 scalars (`!!binary`, `!<tag:yaml.org,2002:binary>`, or a `%TAG` directive's shorthand for either), which
    /// go-yaml decodes into the string.
    private static let escapes: [[UInt8]] = ["\\u", "\\U", "\\x", "\\\n", "\\\r", "!!binary", "2002:binary", "%TAG"].map { Array($0.utf8) }

    /// Whether decoded text could hold a `kind` of `IngressClass` or `IngressClassParams`: spelt out, or through an
    /// escape or a base64 scalar.
    static func couldSpellIngressClass(_ text: [UInt8]) -> Bool {
        ByteSearch.firstIndex(of: kindText, in: text) != nil || escapes.contains { ByteSearch.firstIndex(of: $0, in: text) != nil }
    }
}
