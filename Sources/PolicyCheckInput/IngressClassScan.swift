import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckSyntax
#if canImport(Glibc)
import Glibc
#endif

extension InputReader {
    /// Whether the run's inputs are scanned for `IngressClass` and `IngressClassParams` objects before any is read
    /// (`IngressClassCatalog`): when they may be Kubernetes, and there is more than one (one input gathers its own
    /// classes as it is read). `inputCount` counts rendered inputs too.
    package func scansIngressClasses(inputCount: Int) -> Bool {
        (format == nil || format == .kubernetes) && inputCount > 1
    }

    /// The `IngressClass` and `IngressClassParams` objects of one input, and what its Ingresses set for their
    /// IngressGroups (and its `GatewayClass` and `LoadBalancerConfiguration` objects), for the run's
    /// `IngressClassCatalog`. A file is parsed here only when its text could spell either kind or the group
    /// annotation: it holds `IngressClass`, `group.name`, `GatewayClass`, `LoadBalancerConfiguration` or `ListenerSet`, or
    /// an escape that could
    /// spell it (`\u0043`, `\x43`, a line continuation in a quoted scalar, a `!!binary` scalar); text in UTF-16 or UTF-32 is decoded first,
    /// as the file's own read decodes it. A file that cannot be read or parsed is left to its own read, which reports
    /// it. `text` is the input when read from memory (standard input).
    package func ingressClasses(of input: InputDiscovery.Input, text memory: [UInt8]?) -> IngressClassCatalog.FileClasses? {
        guard input.skipReason == nil, !input.isTerraformModule, !input.isTemplated,
              let raw = memory ?? (input.path == "-" ? nil : try? FileBytes.read(input.path, limit: maxFileBytes)),
              format == .kubernetes || !KeyFileReader.claims(path: input.displayPath, raw: raw),
              // The markers are ASCII: UTF-8 input that does not hold them needs neither the binary test nor the
              // validation (about 40% of this scan on plans, which seldom hold them).
              !TextDecoding.readsAsUTF8(raw) || Self.couldSpellIngressClass(raw),
              !TextDecoding.isProbablyBinary(raw), let text = try? TextDecoding.utf8Text(from: raw),
              Self.couldSpellIngressClass(text), let documents = try? parse(text) else { return nil }
        return IngressClassCatalog.gather(documents: documents, source: SourceFile(path: input.displayPath, bytes: text))
    }

    private static let ingressText = Array("Ingress".utf8)
    private static let classText = Array("IngressClass".utf8)
    private static let groupText = Array("group.name".utf8)
    private static let gatewayClassText = Array("GatewayClass".utf8)
    private static let configurationText = Array("LoadBalancerConfiguration".utf8)
    private static let listenerSetText = Array("ListenerSet".utf8)
    private static let tagDirective = Array("%TAG".utf8)
    private static let binaryText = Array("binary".utf8)
    /// The characters of `IngressClassParams`, `group.name`, `GatewayClass` and `LoadBalancerConfiguration`: an escape
    /// that decodes to none of them (Terraform's `\u003c`, `\u0026`) cannot spell any.
    private static let nameCharacters: Set<UInt32> =
        Set("IngressClassParamsgroup.nameGatewayClassLoadBalancerConfigurationListenerSet".unicodeScalars.map(\.value))

    /// Whether decoded text could hold a `kind` of `IngressClass`, `IngressClassParams`, `GatewayClass` or
    /// `LoadBalancerConfiguration`, or an Ingress annotated
    /// `alb.ingress.kubernetes.io/group.name`: spelt out; through an escape of one of their characters (JSON's
    /// `\uXXXX`; YAML's `\xXX`, `\uXXXX`, `\UXXXXXXXX`) or an escaped line break in a quoted scalar; or through a
    /// base64 scalar — a tag holding `binary` (`!!binary`, `!<tag:yaml.org,2002:binary>`), a URI escape
    /// (`!!%62inary`: a tag's `%XX` escapes are decoded before it is resolved), or a `%TAG` directive's shorthand.
    /// One `memchr` pass per marker, each on a byte plans and templates seldom hold (`I`, `%`, `\`, `!`; `group.name`
    /// is looked for only in text holding `Ingress`): this runs over every input of a run before any is read.
    package static func couldSpellIngressClass(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { buffer in
            guard !buffer.isEmpty else { return false }
            if let ingress = ByteSearch.firstIndex(of: ingressText, in: text),
               ByteSearch.firstIndex(of: classText, in: text, from: ingress) != nil
                || ByteSearch.firstIndex(of: groupText, in: text) != nil { return true }
            if ByteSearch.firstIndex(of: gatewayClassText, in: text) != nil
                || ByteSearch.firstIndex(of: configurationText, in: text) != nil
                || ByteSearch.firstIndex(of: listenerSetText, in: text) != nil { return true }
            return ByteSearch.firstIndex(of: tagDirective, in: text) != nil
                || anyByte(UInt8(ascii: "\\"), in: buffer, where: escapeCouldSpellKind)
                || anyByte(UInt8(ascii: "!"), in: buffer, where: tagCouldBeBase64)
        }
    }

    /// Whether some `byte` in `buffer` satisfies `test`, given the index after it; `test` says yes (`nil`) or where
    /// to look on from, so a run it has read is not read again from each of its bytes.
    private static func anyByte(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>,
                                where test: (UnsafeBufferPointer<UInt8>, Int) -> Int?) -> Bool {
        let base = buffer.baseAddress!
        var index = 0
        while index < buffer.count, let hit = memchr(base + index, Int32(byte), buffer.count - index) {
            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard let next = test(buffer, position + 1) else { return true }
            index = max(next, position + 1)
        }
        return false
    }

    /// After a backslash: a line break, or a hex escape decoding to a letter of either kind (or not decodable here,
    /// which counts as may).
    private static func escapeCouldSpellKind(_ buffer: UnsafeBufferPointer<UInt8>, _ next: Int) -> Int? {
        couldSpellName(buffer, next) ? nil : next
    }

    private static func couldSpellName(_ buffer: UnsafeBufferPointer<UInt8>, _ next: Int) -> Bool {
        guard next < buffer.count else { return false }
        let digits: Int
        switch buffer[next] {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return true
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default: return false
        }
        var value: UInt32 = 0
        for offset in 1...digits {
            guard next + offset < buffer.count, let digit = hexValue(buffer[next + offset]) else { return false }
            value = value << 4 | digit
        }
        return nameCharacters.contains(value)
    }

    /// After a `!`: `nil` when the tag token it starts holds `binary` or a `%` (a URI escape), else where the token
    /// ends (a `!` inside it starts no other token: a run of `!` is read once, not once per `!`).
    private static func tagCouldBeBase64(_ buffer: UnsafeBufferPointer<UInt8>, _ next: Int) -> Int? {
        var index = next
        while index < buffer.count {
            switch buffer[index] {
            case UInt8(ascii: "%"): return nil
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return index
            case UInt8(ascii: "b") where index + binaryText.count <= buffer.count
                && binaryText.indices.allSatisfy { buffer[index + $0] == binaryText[$0] }: return nil
            default: index += 1
            }
        }
        return index
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
