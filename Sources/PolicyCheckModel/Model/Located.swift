import PolicyCheckSyntax

/// Where a value came from: which of its deployment's files, a byte offset in that file and the path to it in the
/// document.
///
/// A deployment may span many files (a Terraform module, a rendered chart): the file is named by its position in
/// `Deployment.sourceFiles`, 0 being the deployment's own `source`. Origins name it by index, packed into the offset's
/// high bits, rather than by reference: adapters give every value an origin, and a reference would cost every one of
/// them a word and a retain for the few that end up in findings.
public struct Origin: Sendable, Hashable {
    /// Byte offset of the value (or of the closest field that should hold it) in its file.
    public var offset: Int {
        get { packed & Self.offsetMask }
        set { packed = (packed & ~Self.offsetMask) | (newValue & Self.offsetMask) }
    }
    /// The file the offset is in: its index in `Deployment.sourceFiles` (0: the deployment's own `source`).
    public var fileIndex: Int {
        get { packed >> Self.fileShift }
        set { packed = (packed & Self.offsetMask) | (newValue << Self.fileShift) }
    }
    /// The file index in the top 16 bits, the offset in the low 48 (256 TB: no input comes near it).
    private var packed: Int
    private static let fileShift = 48
    private static let offsetMask = (1 << fileShift) - 1
    /// The most files one deployment can span.
    public static let maxFiles = 1 << (Int.bitWidth - 1 - fileShift)
    /// Dotted path to the value, e.g. `spec.database.encryption.atRest` or `resources[0].values.kms_key_id`.
    public var path: String {
        get { spelling.text }
        set { spelling = PathSpelling(newValue) }
    }
    /// The path as kept: spelt, or spelt when read. A finding keeps it so, rather than a string of its own.
    public private(set) var spelling: PathSpelling

    /// An origin at an offset; an offset that carries a file index in its high bits (`packedOffset`, as the nodes of
    /// a tree built from many files do) keeps it.
    public init(offset: Int, path: String) {
        self.packed = offset
        self.spelling = PathSpelling(path)
    }

    /// An origin in another of the deployment's files (`Deployment.addSourceFile`).
    public init(file fileIndex: Int, offset: Int, path: String) {
        self.packed = (offset & Self.offsetMask) | (fileIndex << Self.fileShift)
        self.spelling = PathSpelling(path)
    }

    /// An origin whose path is spelt only when it is read. Adapters give every value they model an origin, and only
    /// the few that end up in findings are ever shown: a plan's paths cost more to spell than to keep the parts of.
    public init(offset: Int, spelling: @escaping @Sendable () -> String) {
        self.packed = offset
        self.spelling = PathSpelling(deferred: spelling)
    }

    /// An origin whose path is kept as `spelling` (an item of a shared list: `PathSpelling.init(item:of:)`).
    public init(offset: Int, pathSpelling: PathSpelling) {
        self.packed = offset
        self.spelling = pathSpelling
    }

    /// The file index and the offset in one integer: what a `SourceNode` built from many files holds as its offset,
    /// so readers that make origins from node offsets name the right file unchanged.
    public var packedOffset: Int { packed }

    /// The same place in another of the deployment's files.
    public func inFile(_ fileIndex: Int) -> Origin {
        var origin = self
        origin.fileIndex = fileIndex
        return origin
    }

    /// Whether both name the same place, judged without spelling a deferred path (then `false`): for a model that
    /// keeps one origin where two are the same, and may keep both when unsure.
    public func isKnownSame(as other: Origin) -> Bool {
        guard packed == other.packed else { return false }
        if let text = spelling.spelt, let otherText = other.spelling.spelt { return text == otherText }
        return false
    }

    /// Origins are equal when they name the same place, however their paths are kept.
    public static func == (lhs: Origin, rhs: Origin) -> Bool {
        lhs.packed == rhs.packed && lhs.path == rhs.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(packed)
        hasher.combine(path)
    }
}

/// A path as a string, or as a function that spells it when it is read: adapters give every value an origin and
/// only the few that end up in findings are ever shown, and a finding keeps the origin's spelling rather than a
/// string of its own (100,000 findings of one allowlist kept 9.7 MB of paths beside the spellings of their entries).
///
/// Equal, and hashed, by the text, however it is kept.
public struct PathSpelling: Sendable, Hashable {
    private enum Kept: Sendable {
        case text(String)
        case deferred(@Sendable () -> String)
        case item(List, Int)
    }

    /// A list whose items' paths are its own path and an index: its items share it, where a function of their own
    /// each cost an allocation (7 MB for a 100,000-entry allowlist).
    public final class List: Sendable {
        let spell: @Sendable () -> String

        /// `spell`: the list's path, spelt when an item's is read.
        public init(_ spell: @escaping @Sendable () -> String) {
            self.spell = spell
        }
    }

    private var kept: Kept

    public init(_ text: String) {
        kept = .text(text)
    }

    public init(deferred spell: @escaping @Sendable () -> String) {
        kept = .deferred(spell)
    }

    /// Item `index` of `list`: the list's path and `[index]`.
    public init(item index: Int, of list: List) {
        kept = .item(list, index)
    }

    /// The path (spelt now when it is deferred).
    public var text: String {
        switch kept {
        case .text(let text): return text
        case .deferred(let spell): return spell()
        case .item(let list, let index): return list.spell() + "[" + String(index) + "]"
        }
    }

    /// The path when it is kept spelt; `nil` when it would have to be spelt.
    public var spelt: String? {
        if case .text(let text) = kept { return text }
        return nil
    }

    public static func == (lhs: PathSpelling, rhs: PathSpelling) -> Bool {
        lhs.text == rhs.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
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
