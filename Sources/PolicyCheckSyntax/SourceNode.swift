/// One value of a parsed JSON or YAML document, with the byte offset where it starts.
///
/// JSON and YAML inputs both become trees of `SourceNode`, so adapters read every input format the same way and
/// every value can be traced back to a line and column through its `SourceFile`.
public struct SourceNode: Sendable {
    /// What the node holds.
    public enum Value: Sendable {
        case null
        case bool(Bool)
        /// A number, kept as the literal text of the input (no precision is lost).
        case number(String)
        case string(String)
        case sequence([SourceNode])
        case mapping([SourceEntry])
    }

    public var value: Value
    /// Byte offset of the node's first character in the file's UTF-8 text.
    public var offset: Int
    /// The tag, boxed: almost no node has one, and a reference is half the size of an optional `String` in every
    /// node of every tree.
    private var tagBox: TagBox?

    /// An explicit YAML tag such as `!Ref` or `!GetAtt` (`nil` for untagged nodes and for all JSON).
    public var tag: String? {
        get { tagBox?.text }
        set { tagBox = newValue.map(TagBox.init) }
    }

    public init(_ value: Value, offset: Int, tag: String? = nil) {
        self.value = value
        self.offset = offset
        self.tagBox = tag.map(TagBox.init)
    }

    private final class TagBox: Sendable {
        let text: String
        init(_ text: String) { self.text = text }
    }
}

/// One key–value pair of a mapping, in document order.
public struct SourceEntry: Sendable {
    public var key: String
    /// Byte offset of the key.
    public var keyOffset: Int
    public var value: SourceNode

    public init(key: String, keyOffset: Int, value: SourceNode) {
        self.key = key
        self.keyOffset = keyOffset
        self.value = value
    }
}

// MARK: - Convenience accessors

extension SourceNode {
    /// The entries of a mapping, or `nil`.
    public var entries: [SourceEntry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    /// The items of a sequence, or `nil`.
    public var items: [SourceNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// The text of a string scalar, or `nil`.
    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The value of a boolean, or `nil`.
    public var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// The literal of a number, or `nil`.
    public var numberLiteral: String? {
        if case .number(let literal) = value { return literal }
        return nil
    }

    /// Whether the node is `null`.
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The value under `key` in a mapping (the first, if a tolerant reader kept duplicates).
    public subscript(key: String) -> SourceNode? {
        entries?.first(where: { $0.key == key })?.value
    }

    /// The entry under `key` in a mapping.
    public func entry(_ key: String) -> SourceEntry? {
        entries?.first(where: { $0.key == key })
    }

    /// A short name for the kind of value, for messages ("a mapping", "a string", …).
    public var kindDescription: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}
