/// A value type's fields kept in one shared box, copied only when a value that shares the box writes to it: a copy
/// of the value is then one reference, not a retain for every string, origin and node it holds.
///
/// `Finding`, `AllowlistEntry`, `DataStore` and `KeyDeclaration` keep their fields here: checks, parsed lists and
/// reports copy them many times, and those copies cost more than the checks' own work on large inputs (round 10 of
/// docs/performance.md).
public struct CopyOnWriteFields<Fields> {
    @usableFromInline
    final class Box {
        /// Not checked for exclusive access at run time: the box is written only through `fields`' `_modify` while
        /// no other value holds it, and a dynamic check on every read of a field was 10% of a check of a
        /// 100,000-entry allowlist (a class's property read from other modules cannot be checked statically).
        @exclusivity(unchecked) @usableFromInline var fields: Fields

        @inlinable
        init(_ fields: Fields) {
            self.fields = fields
        }
    }

    @usableFromInline var box: Box

    @inlinable
    public init(_ fields: Fields) {
        box = Box(fields)
    }

    /// The fields. Reading one field borrows the box's fields in place (a getter copied all of them, retaining every
    /// reference, to read one); a write first copies a box another value shares, so a box another thread can see is
    /// never written.
    @inlinable
    public var fields: Fields {
        _read { yield box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    /// Whether both values hold the same box (so their fields are equal without comparing them).
    @inlinable
    public func sharesBox(with other: Self) -> Bool { box === other.box }
}

/// Values of the box are only read once shared, and written only while unshared (`fields`' `_modify`).
extension CopyOnWriteFields: @unchecked Sendable where Fields: Sendable {}

/// Equal when both hold one box, else when their fields are.
extension CopyOnWriteFields: Equatable where Fields: Equatable {
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.sharesBox(with: rhs) || lhs.fields == rhs.fields
    }
}

extension CopyOnWriteFields: Hashable where Fields: Hashable {
    @inlinable
    public func hash(into hasher: inout Hasher) {
        fields.hash(into: &hasher)
    }
}
