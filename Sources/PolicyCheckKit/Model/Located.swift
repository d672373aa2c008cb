import PolicyCheckSyntax

/// Where a value came from: a byte offset in its file and the path to it in the document.
public struct Origin: Sendable, Hashable {
    /// Byte offset of the value (or of the closest field that should hold it).
    public var offset: Int
    /// Dotted path to the value, e.g. `spec.database.encryption.atRest` or `resources[0].values.kms_key_id`.
    public var path: String {
        get {
            switch spelling {
            case .text(let text): return text
            case .deferred(let spell): return spell()
            }
        }
        set { spelling = .text(newValue) }
    }
    private var spelling: Spelling

    public init(offset: Int, path: String) {
        self.offset = offset
        self.spelling = .text(path)
    }

    /// An origin whose path is spelt only when it is read. Adapters give every value they model an origin, and only
    /// the few that end up in findings are ever shown: a plan's paths cost more to spell than to keep the parts of.
    public init(offset: Int, spelling: @escaping @Sendable () -> String) {
        self.offset = offset
        self.spelling = .deferred(spelling)
    }

    private enum Spelling: Sendable {
        case text(String)
        case deferred(@Sendable () -> String)
    }

    /// Origins are equal when they name the same place, however their paths are kept.
    public static func == (lhs: Origin, rhs: Origin) -> Bool {
        lhs.offset == rhs.offset && lhs.path == rhs.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(offset)
        hasher.combine(path)
    }
}

/// A value read from the input, with its origin.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var origin: Origin

    public init(_ value: Value, at origin: Origin) {
        self.value = value
        self.origin = origin
    }
}

/// A value that may not be known until the infrastructure exists (Terraform's `after_unknown`, unresolved
/// CloudFormation references).
public enum Fact<Value: Sendable>: Sendable {
    case known(Value)
    /// Not knowable from the input; the reason says why ("known only after apply").
    case unknown(reason: String)

    /// The value when known.
    public var known: Value? {
        if case .known(let value) = self { return value }
        return nil
    }
}

extension Fact: Equatable where Value: Equatable {}
