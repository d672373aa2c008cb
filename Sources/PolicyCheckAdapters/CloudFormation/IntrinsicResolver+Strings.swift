import Foundation
import PolicyCheckSyntax

/// `!Sub` and `!Join`: strings built from parts, some of which may be unknown.
extension IntrinsicResolver {
    /// One part of a string being built: literal text, or an unknown value shown as `${…}`.
    enum Piece {
        case text(String)
        case unknown(reason: String, shown: String)
    }

    /// `!Sub "text"` or `!Sub ["text", {Var: value}]`.
    func substitute(_ argument: SourceNode, depth: Int) -> [TemplateValue] {
        var format = argument.string
        var variables: [String: SourceNode] = [:]
        if format == nil, let items = argument.items, items.count == 2, let text = items[0].string,
           let entries = items[1].entries {
            format = text
            for entry in entries { variables[entry.key] = entry.value }
        }
        guard let format else { return Self.unknown("!Sub needs a string, or a string and a mapping of variables") }
        let parts: [[Piece]] = Self.segments(of: format).map { segment in
            switch segment {
            case .literal(let text):
                return [.text(text)]
            case .variable(let name):
                let values: [TemplateValue]
                if let node = variables[name] {
                    values = resolve(node, depth: depth)
                } else if let dot = name.firstIndex(of: "."), !name.hasPrefix("AWS::") {
                    let id = String(name[..<dot])
                    values = template.resource(id).map {
                        [.resource(logicalID: id, type: $0.type, attribute: String(name[name.index(after: dot)...]))]
                    } ?? Self.unknown("!Sub names '\(Excerpt.quote(id))', which is not a resource of this template")
                } else {
                    values = reference(name)
                }
                return values.map { Self.piece($0, shown: "${\(name)}") }
            }
        }
        return Self.concatenate(parts)
    }

    /// `!Join [delimiter, [parts…]]`.
    func join(_ argument: SourceNode, depth: Int) -> [TemplateValue] {
        guard let items = argument.items, items.count == 2, let delimiter = items[0].string else {
            return Self.unknown("!Join needs a delimiter and a list")
        }
        return resolve(items[1], depth: depth).flatMap { list -> [TemplateValue] in
            guard case .sequence(let node) = list else {
                return [.unknown(reason: list.unknownReason(expected: "a list"), text: nil)]
            }
            var parts: [[Piece]] = []
            for element in node.items ?? [] {
                let values = resolve(element, depth: depth).filter { !$0.isAbsent }
                guard !values.isEmpty else { continue }
                if !parts.isEmpty { parts.append([.text(delimiter)]) }
                parts.append(values.map { Self.piece($0, shown: "${…}") })
            }
            return Self.concatenate(parts)
        }
    }

    private static func piece(_ value: TemplateValue, shown: String) -> Piece {
        if let text = value.scalarText { return .text(text) }
        if case .unknown(let reason, let text) = value { return .unknown(reason: reason, shown: text ?? shown) }
        if case .resource(let id, _, let attribute) = value {
            return .unknown(reason: value.unknownReason(expected: "a string"),
                            shown: "${\(id)\(attribute.map { ".\($0)" } ?? "")}")
        }
        return .unknown(reason: value.unknownReason(expected: "a string"), shown: shown)
    }

    /// Every string the parts may make (capped), known when every piece is.
    static func concatenate(_ parts: [[Piece]]) -> [TemplateValue] {
        var combinations: [[Piece]] = [[]]
        for alternatives in parts {
            guard combinations.count * alternatives.count <= maxAlternatives else {
                return unknown("it may take more than \(maxAlternatives) values (parameters and conditions combined)")
            }
            combinations = combinations.flatMap { prefix in alternatives.map { prefix + [$0] } }
        }
        return combinations.map { pieces in
            var text = ""
            var reason: String?
            for piece in pieces {
                switch piece {
                case .text(let literal): text += literal
                case .unknown(let why, let shown):
                    text += shown
                    if reason == nil { reason = why }
                }
            }
            guard let reason else { return .string(text) }
            return .unknown(reason: "'\(Excerpt.quote(text, limit: 120))' is not fully known: \(reason)", text: text)
        }
    }

    enum Segment: Equatable {
        case literal(String)
        case variable(String)
    }

    /// Splits a `!Sub` string into literal text and `${Name}` variables (`${!Literal}` is the literal `${Literal}`).
    static func segments(of format: String) -> [Segment] {
        var segments: [Segment] = []
        var literal = ""
        var rest = Substring(format)
        while let start = rest.range(of: "${") {
            literal += rest[..<start.lowerBound]
            let afterOpen = rest[start.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else {
                literal += rest[start.lowerBound...]
                rest = ""
                break
            }
            let name = afterOpen[..<close]
            if name.hasPrefix("!") {
                literal += "${" + name.dropFirst() + "}"
            } else {
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(.variable(name.trimmingCharacters(in: .whitespaces)))
            }
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return segments
    }
}
