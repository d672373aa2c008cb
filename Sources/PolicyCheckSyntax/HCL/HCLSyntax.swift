/// A parsed HCL native-syntax file (`.tf`, `.tfvars`): a body of attributes and blocks, every node carrying the
/// byte offset where it starts so line and column can be told through its `SourceFile`.
///
/// The tree is syntax only: what a reference or a function means is for the evaluator to decide.
public struct HCLBody: Sendable {
    public var attributes: [HCLAttribute]
    public var blocks: [HCLBlock]
    /// Offset of the body's first character (after `{` for a block's body, 0 for a file).
    public var offset: Int

    public init(attributes: [HCLAttribute] = [], blocks: [HCLBlock] = [], offset: Int) {
        self.attributes = attributes
        self.blocks = blocks
        self.offset = offset
    }

    /// The attribute `name`, if set.
    public subscript(attribute name: String) -> HCLAttribute? { attributes.first { $0.name == name } }

    /// The nested blocks of one type, in order.
    public func blocks(_ type: String) -> [HCLBlock] { blocks.filter { $0.type == type } }
}

/// `name = expression`.
public struct HCLAttribute: Sendable {
    public var name: String
    /// Offset of the name.
    public var offset: Int
    public var value: HCLExpression

    public init(name: String, offset: Int, value: HCLExpression) {
        self.name = name
        self.offset = offset
        self.value = value
    }
}

/// `type "label" label { body }`.
public struct HCLBlock: Sendable {
    public var type: String
    /// Offset of the type keyword.
    public var offset: Int
    public var labels: [HCLLabel]
    public var body: HCLBody

    public init(type: String, offset: Int, labels: [HCLLabel], body: HCLBody) {
        self.type = type
        self.offset = offset
        self.labels = labels
        self.body = body
    }
}

/// A block label, quoted or bare.
public struct HCLLabel: Sendable, Equatable {
    public var text: String
    public var offset: Int

    public init(text: String, offset: Int) {
        self.text = text
        self.offset = offset
    }
}
