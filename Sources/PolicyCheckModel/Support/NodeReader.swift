import PolicyCheckSyntax

/// Reads a strictly typed document (manifests, policy packs) from a `SourceNode` tree, collecting every problem as a
/// located diagnostic: unknown fields with "did you mean", wrong types, missing required fields, values out of range.
public final class NodeReader {
    public let source: SourceFile
    public private(set) var diagnostics: [Diagnostic] = []
    /// Whether the paths views spell are kept once per spelling (`spelling(_:)`): for documents of many objects
    /// whose paths are relative to their object, as Kubernetes paths are, so that the same few paths repeat.
    public var internsPaths = false
    /// How integer literals read: decimal by default; as go-yaml reads them for Kubernetes manifests, where a
    /// leading zero is octal (`IntegerSyntax`).
    public var integers = IntegerSyntax.decimal
    /// Which plain words read as booleans: `true` and `false` by default (the YAML 1.2 core schema); also YAML 1.1's
    /// `yes`/`no`/`on`/`off`/`y`/`n` for Kubernetes manifests, which kubectl's go-yaml v2 reads so (`YAMLBooleans`).
    public var booleans = YAMLBooleans.core
    private var paths: Set<String> = []
    /// The most distinct paths kept: past it a path is used as spelt (a document of distinct paths gains nothing).
    static let maxInternedPaths = 1 << 16

    /// Whether field names match as Go's `encoding/json` matches them into a struct: exactly, or else
    /// case-insensitively (`ownerId` is `OwnerID`; https://pkg.go.dev/encoding/json#Unmarshal, "preferring an exact
    /// match but also accepting a case-insensitive match"), for documents that Go programs decode, as the
    /// provisioner's are. Two names of one mapping that match alike are an error: Go keeps the last, which a reader
    /// of the file may not.
    public let matchesNamesLikeGo: Bool

    public init(source: SourceFile, matchesNamesLikeGo: Bool = false) {
        self.source = source
        self.matchesNamesLikeGo = matchesNamesLikeGo
    }

    /// A path as spelt, or — when paths are interned — the copy of the same spelling kept already, so the model
    /// holds one string per distinct path: the paths of a 100,000-object Kubernetes list were 17 MB of strings, all
    /// spellings of a few dozen paths.
    public func spelling(_ path: String) -> String {
        guard internsPaths else { return path }
        guard paths.count < Self.maxInternedPaths else { return paths.firstIndex(of: path).map { paths[$0] } ?? path }
        return paths.insert(path).memberAfterInsert
    }

    /// Records a problem at a byte offset.
    public func error(at offset: Int, _ message: String) {
        diagnostics.append(Diagnostic(source, offset: offset, message))
    }

    /// Records advice at a byte offset (reported by `policy lint`, never stops a run).
    public func warning(at offset: Int, _ message: String) {
        diagnostics.append(Diagnostic(source, offset: offset, message, severity: .warning))
    }

    /// Errors recorded so far (warnings excluded).
    public var errorCount: Int { diagnostics.count { $0.isError } }

    /// Errors only.
    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }

    /// A view of a mapping node, or `nil` (with a diagnostic) when the node is something else. `isMap`: the mapping
    /// is a map (Go's `map[string]…`, whose keys Go matches exactly), not a struct's fields, so names that differ only
    /// in case are different keys, not one field written twice.
    public func object(_ node: SourceNode, path: String, isMap: Bool = false) -> ObjectView? {
        guard node.isMapping else {
            error(at: node.offset, "\(Self.describe(path)) must be a mapping, found \(node.kindDescription)")
            return nil
        }
        if matchesNamesLikeGo && !isMap { reportNamesThatMatchAlike(node, path: path) }
        return ObjectView(node: node, path: path, reader: self)
    }

    /// Reports each name of a mapping that Go would match to the same field as an earlier one.
    private func reportNamesThatMatchAlike(_ node: SourceNode, path: String) {
        var first: [String: String] = [:]
        for entry in node.entries ?? [] {
            let folded = GoFieldName.folded(entry.key)
            if let earlier = first[folded] {
                error(at: entry.keyOffset, "'\(Excerpt.quote(entry.key))' and '\(Excerpt.quote(earlier))' in \(Self.describe(path)) "
                      + "name the same field (Go matches field names case-insensitively and keeps the last); write it once")
            } else {
                first[folded] = entry.key
            }
        }
    }

    package static func describe(_ path: String) -> String {
        path.isEmpty ? "the document" : "'\(path)'"
    }
}

/// One mapping being read, with the path that leads to it.
public struct ObjectView {
    public let node: SourceNode
    public let path: String
    public let reader: NodeReader

    /// The origin of this mapping.
    public var origin: Origin { Origin(offset: node.offset, path: path) }

    /// The path of a child field.
    public func childPath(_ key: String) -> String { reader.spelling(path.isEmpty ? key : "\(path).\(key)") }

    /// The origin of a child field: its value when present, else this mapping.
    public func origin(of key: String) -> Origin {
        Origin(offset: field(key)?.offset ?? node.offset, path: childPath(key))
    }

    /// The node of a field, by its name — or, when the reader matches names as Go does, by the name that matches it
    /// case-insensitively.
    public func field(_ key: String) -> SourceNode? {
        if let exact = node[key] { return exact }
        guard reader.matchesNamesLikeGo else { return nil }
        let folded = GoFieldName.folded(key)
        return node.entries?.first { GoFieldName.folded($0.key) == folded }?.value
    }

    /// Whether the mapping has a field of this name (as `field(_:)` matches names).
    public func has(_ key: String) -> Bool { field(key) != nil }

    /// Reports every field that is not in `allowed`, suggesting the closest allowed name.
    public func allowOnly(_ allowed: [String]) {
        for entry in node.entries ?? [] where !allowed.contains(entry.key) {
            reader.error(
                at: entry.keyOffset,
                "unknown field '\(Excerpt.quote(entry.key))' in \(NodeReader.describe(path))"
                    + Suggestion.clause(for: entry.key, among: allowed)
            )
        }
    }

    /// The raw node under `key`; reports it when required and missing (or null).
    public func value(_ key: String, required: Bool = false) -> SourceNode? {
        guard let value = field(key), !value.isNull else {
            if required {
                reader.error(at: node.offset, "missing required field '\(key)' in \(NodeReader.describe(path))")
            }
            return nil
        }
        return value
    }

    public func string(_ key: String, required: Bool = false) -> Located<String>? {
        guard let value = value(key, required: required) else { return nil }
        switch value.value {
        case .string(let text): return Located(text, at: Origin(offset: value.offset, path: childPath(key)))
        case .number(let literal): return Located(literal, at: Origin(offset: value.offset, path: childPath(key)))
        default:
            typeError(key, value, expected: "a string")
            return nil
        }
    }

    public func bool(_ key: String, required: Bool = false) -> Located<Bool>? {
        guard let value = value(key, required: required) else { return nil }
        guard let flag = value.boolean(reader.booleans) else {
            typeError(key, value, expected: "true or false")
            return nil
        }
        return Located(flag, at: Origin(offset: value.offset, path: childPath(key)))
    }

    public func int(_ key: String, required: Bool = false, range: ClosedRange<Int>? = nil) -> Located<Int>? {
        guard let value = value(key, required: required) else { return nil }
        // go-yaml reads `2_2` as 22 (it removes `_` before parsing), where the core schema reads a string.
        let underscored = reader.integers == .goYAML ? value.string.flatMap { $0.contains("_") ? $0 : nil } : nil
        guard let literal = value.numberLiteral ?? underscored, let number = reader.integers.value(of: literal) else {
            typeError(key, value, expected: "a whole number")
            return nil
        }
        if let range, !range.contains(number) {
            reader.error(
                at: value.offset,
                "'\(childPath(key))' must be between \(range.lowerBound) and \(range.upperBound), found \(number)"
            )
            return nil
        }
        return Located(number, at: Origin(offset: value.offset, path: childPath(key)))
    }

    /// A string that must be one of `allowed`.
    public func choice(_ key: String, _ allowed: [String], required: Bool = false) -> Located<String>? {
        guard let text = string(key, required: required) else { return nil }
        guard allowed.contains(text.value) else {
            reader.error(
                at: text.origin.offset,
                "'\(childPath(key))' must be one of \(allowed.map { $0.isEmpty ? "'' (empty)" : $0 }.joined(separator: ", ")), found '\(Excerpt.quote(text.value))'"
                    + Suggestion.clause(for: text.value, among: allowed)
            )
            return nil
        }
        return text
    }

    /// An ISO 8601 date or date-time.
    public func timestamp(_ key: String, required: Bool = false) -> Located<Timestamp>? {
        guard let text = string(key, required: required) else { return nil }
        guard let time = Timestamp(iso8601: text.value) else {
            reader.error(
                at: text.origin.offset,
                "'\(childPath(key))' must be a date (YYYY-MM-DD) or an RFC 3339 date-time, found '\(Excerpt.quote(text.value))'"
            )
            return nil
        }
        return Located(time, at: text.origin)
    }

    public func object(_ key: String, required: Bool = false, isMap: Bool = false) -> ObjectView? {
        guard let value = value(key, required: required) else { return nil }
        return reader.object(value, path: childPath(key), isMap: isMap)
    }

    /// The items of a list, each with its path (`key[0]`, `key[1]`, …).
    public func list(_ key: String, required: Bool = false) -> [(node: SourceNode, path: String)]? {
        var items: [(node: SourceNode, path: String)] = []
        guard forEachItem(key, required: required, { items.append((node: $0, path: $1)) }) != nil else { return nil }
        return items
    }

    /// Calls `body` with each item of a list and its path, spelling one path at a time (a plan's 70,000
    /// `resource_changes` never hold 70,000 paths at once); the same diagnostics as `list(_:required:)`. Returns the
    /// number of items, or `nil` when the field is absent or not a list.
    @discardableResult
    public func forEachItem(_ key: String, required: Bool = false, _ body: (_ node: SourceNode, _ path: String) -> Void) -> Int? {
        guard let value = value(key, required: required) else { return nil }
        guard value.isSequence else {
            typeError(key, value, expected: "a list")
            return nil
        }
        let base = childPath(key)
        value.forEachItem { index, node in body(node, reader.spelling(Self.itemPath(base, index))) }
        return value.memberCount
    }

    /// `base[index]`, written into one new string (interpolating it cost some 450 instructions an item, and every
    /// item of a plan's `resource_changes` has one).
    public static func itemPath(_ base: String, _ index: Int) -> String {
        var digits = 1
        var rest = index
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        guard index >= 0 else { return "\(base)[\(index)]" }
        var base = base
        return base.withUTF8 { prefix in
            String(unsafeUninitializedCapacity: prefix.count + digits + 2) { buffer in
                _ = buffer.initialize(from: prefix)
                buffer[prefix.count] = UInt8(ascii: "[")
                var value = index
                for position in (0..<digits).reversed() {
                    buffer[prefix.count + 1 + position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                buffer[prefix.count + 1 + digits] = UInt8(ascii: "]")
                return prefix.count + digits + 2
            }
        }
    }

    /// A list of strings.
    public func strings(_ key: String) -> [Located<String>] {
        guard let items = list(key) else { return [] }
        var result: [Located<String>] = []
        for (node, itemPath) in items {
            switch node.value {
            case .string(let text), .number(let text):
                result.append(Located(text, at: Origin(offset: node.offset, path: itemPath)))
            default:
                reader.error(at: node.offset, "'\(itemPath)' must be a string, found \(node.kindDescription)")
            }
        }
        return result
    }

    /// The text of a string (or number) field without its origin, for values whose place is never reported; the
    /// same diagnostics as `string(_:required:)`, and no path is spelt unless there is one to report.
    public func text(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        if let text = value.string ?? value.numberLiteral { return text }
        typeError(key, value, expected: "a string")
        return nil
    }

    /// The texts of a list of strings without their origins; the same diagnostics as `strings(_:)`.
    public func texts(_ key: String) -> [String] {
        guard let value = value(key) else { return [] }
        guard value.isSequence else {
            typeError(key, value, expected: "a list")
            return []
        }
        var result: [String] = []
        result.reserveCapacity(value.memberCount)
        value.forEachItem { index, node in
            if let text = node.string ?? node.numberLiteral {
                result.append(text)
            } else {
                reader.error(at: node.offset, "'\(childPath(key))[\(index)]' must be a string, found \(node.kindDescription)")
            }
        }
        return result
    }

    private func typeError(_ key: String, _ value: SourceNode, expected: String) {
        reader.error(at: value.offset, "'\(childPath(key))' must be \(expected), found \(value.kindDescription)")
    }
}

/// Field names as Go's `encoding/json` compares them when no name matches exactly: by simple case folding, under
/// which the Kelvin sign (U+212A) is `k` and the long s (U+017F) is `s` as well as ASCII letters in either case
/// (https://pkg.go.dev/encoding/json#Unmarshal; `bytes.EqualFold`).
public enum GoFieldName {
    public static func folded(_ name: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(name.unicodeScalars.count)
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: result.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x212A: result.unicodeScalars.append("k")
            case 0x17F: result.unicodeScalars.append("s")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
