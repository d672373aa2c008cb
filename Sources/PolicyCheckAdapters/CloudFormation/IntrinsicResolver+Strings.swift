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
        // Each variable is resolved once however often the string names it: `${A}${A}` nested level under level
        // otherwise resolved the innermost value 2^depth times.
        var resolved: [String: [Piece]] = [:]
        let parts: [[Piece]] = Self.segments(of: format).map { segment in
            switch segment {
            case .literal(let text):
                return [.text(text)]
            case .variable(let name):
                if let pieces = resolved[name] { return pieces }
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
                let pieces = values.map { Self.piece($0, shown: "${\(name)}") }
                resolved[name] = pieces
                return pieces
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
    ///
    /// The strings are built as they go, each part appended in place: only a part with several alternatives copies
    /// what is built so far, and the alternatives' product is capped, so that happens a few times at most (appending
    /// a part to arrays of pieces copied every array, quadratic in the parts of a long `!Join`). A string longer than
    /// `maxTextLength` is unknown.
    static func concatenate(_ parts: [[Piece]]) -> [TemplateValue] {
        var combinations: [(text: String, reason: String?)] = [("", nil)]
        for alternatives in parts {
            guard combinations.count * alternatives.count <= maxAlternatives else { return tooManyAlternatives }
            if alternatives.count == 1 {
                for index in combinations.indices { append(alternatives[0], to: &combinations[index]) }
            } else {
                combinations = combinations.flatMap { prefix in
                    alternatives.map { piece in
                        var combination = prefix
                        append(piece, to: &combination)
                        return combination
                    }
                }
            }
            if combinations.contains(where: { $0.text.utf8.count > maxTextLength }) {
                return unknown("it builds a string of more than \(maxTextLength) bytes, longer than a template may be")
            }
        }
        return combinations.map { text, reason in
            guard let reason else { return stringValue(text) }
            return .unknown(reason: "'\(Excerpt.quote(text, limit: 120))' is not fully known: \(reason)", text: text)
        }
    }

    private static func append(_ piece: Piece, to combination: inout (text: String, reason: String?)) {
        switch piece {
        case .text(let literal): combination.text += literal
        case .unknown(let why, let shown):
            combination.text += shown
            if combination.reason == nil { combination.reason = why }
        }
    }

    enum Segment: Equatable {
        case literal(String)
        case variable(String)
    }

    /// Splits a `!Sub` string into literal text and `${Name}` variables (`${!Literal}` is the literal `${Literal}`).
    /// Scans the UTF-8 bytes once (Foundation's `range(of:)` on the rest of the string copied that rest for every
    /// variable: quadratic in a string of many).
    static func segments(of format: String) -> [Segment] {
        let bytes = Array(format.utf8)
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var segments: [Segment] = []
        var literal = ""
        var cursor = 0
        var search = 0
        while search + 1 < bytes.count {
            guard bytes[search] == UInt8(ascii: "$"), bytes[search + 1] == UInt8(ascii: "{") else {
                search += 1
                continue
            }
            let nameStart = search + 2
            guard let close = bytes[nameStart...].firstIndex(of: UInt8(ascii: "}")) else { break }
            literal += text(cursor..<search)
            if nameStart < close, bytes[nameStart] == UInt8(ascii: "!") {
                literal += "${" + text((nameStart + 1)..<close) + "}"
            } else {
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(.variable(text(nameStart..<close).trimmingCharacters(in: .whitespaces)))
            }
            cursor = close + 1
            search = cursor
        }
        literal += text(cursor..<bytes.count)
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return segments
    }
}
