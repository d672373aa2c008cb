/// A custom rule's finding message with `{placeholders}`: `{resource}`, `{value}`, `{path}` and attribute paths
/// such as `{encryption.kmsKey}` or `{raw.engine}`.
public struct MessageTemplate: Sendable {
    enum Part: Sendable, Equatable {
        case text(String)
        case placeholder(String)
    }

    /// Placeholders every template may use besides attribute paths.
    public static let builtInPlaceholders = ["resource", "value", "path", "kind"]

    let parts: [Part]

    /// Splits the template; `{` without a closing `}` is kept as text.
    public init(_ template: String) {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            parts.append(.placeholder(String(rest[rest.index(after: open)..<close]).trimmingSpaces))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// The placeholder names used.
    public var placeholders: [String] {
        parts.compactMap { if case .placeholder(let name) = $0 { return name } else { return nil } }
    }

    /// The message for one resource; `witness` is the comparison that decided the finding.
    func render(resource: CustomResource, name: String, witness: Condition.Witness?) -> String {
        parts.map { part -> String in
            switch part {
            case .text(let text): return text
            case .placeholder("resource"): return name
            case .placeholder("kind"): return resource.kind.rawValue
            case .placeholder("path"): return witness?.path ?? ""
            case .placeholder("value"): return Self.show(witness?.attribute)
            case .placeholder(let path): return Self.show(resource.attribute(path))
            }
        }.joined()
    }

    static func show(_ attribute: Attribute?) -> String {
        guard let attribute else { return "(not set)" }
        switch attribute.value {
        case .known(let value): return value.text
        case .unknown: return "(unknown)"
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
