import PolicyCheckSyntax

/// One range in an allowlist.
///
/// A value type whose fields live in one shared, copy-on-write box (`CopyOnWriteFields`, as `Finding`'s are): the
/// checks and the adapters copy entries into parsed lists, splits and evidence, and a copy of ten fields and their
/// references cost more than the checks' own work on a 100,000-entry list (a fifth of its instructions); a box makes it
/// one reference.
///
/// The box holds inline what every entry has (the block, the switches, the ports) and the rest behind one reference
/// (`Extras`): the raw place, which all entries of a Kubernetes object share, or — for entries that have any of them
/// — a description, why a source is missing, and an origin of the entry's own when it is not its block's. Inline,
/// every field was 240 bytes of every entry, 25 MB of a 100,000-object Kubernetes list.
public struct AllowlistEntry: Sendable {
    public var cidr: Located<Fact<String>> {
        get { storage.fields.cidr }
        set {
            // The entry stays where it was when its block moves.
            let origin = self.origin
            storage.fields.cidr = newValue
            self.origin = origin
        }
    }
    public var description: Located<String>? {
        get { storage.fields.extras?.description }
        set { rebuild { $0.description = newValue } }
    }
    public var enabled: Bool {
        get { storage.fields.enabled }
        _modify { yield &storage.fields.enabled }
    }
    /// Whether the entry is an exclusion from another (a NetworkPolicy `ipBlock.except`): not admitted, so not in
    /// force as an allowlist entry, yet a value the platform parses and rejects when malformed.
    public var isException: Bool {
        get { storage.fields.isException }
        _modify { yield &storage.fields.isException }
    }
    /// The entry's own origin (its mapping or list item), for findings about the entry as a whole.
    public var origin: Origin {
        get { storage.fields.extras?.origin ?? storage.fields.cidr.origin }
        set {
            let own = newValue.isKnownSame(as: cidr.origin) ? nil : newValue
            rebuild { $0.origin = own }
        }
    }
    /// Ports the entry opens, when the format says (security groups).
    public var ports: PortRange? {
        get { storage.fields.ports }
        _modify { yield &storage.fields.ports }
    }
    /// The protocol the entry admits, when the format says (security groups); `nil`: every protocol, or unknown.
    /// For ICMP it carries the type and code, and `ports` is `nil`: an ICMP rule opens no port.
    public var ipProtocol: EntryProtocol? {
        get { EntryProtocol(packed: storage.fields.ipProtocol) }
        set { storage.fields.ipProtocol = newValue?.packed ?? 0 }
    }
    /// Further ports the same entry opens besides `ports` (a Kubernetes Service or NetworkPolicy rule with several
    /// ports). Empty for formats with one range per entry.
    public var additionalPorts: [PortRange] {
        get { storage.fields.additionalPorts }
        _modify { yield &storage.fields.additionalPorts }
    }
    /// The resource as the input wrote it, for custom rules' `raw.<path>` (adapters fill it; `nil` when unknown).
    public var rawNode: SourceNode? {
        get { storage.fields.extras?.rawNode }
        set { rebuild { $0.rawNode = newValue } }
    }
    /// The path of `rawNode` when it is not at `origin`: a Kubernetes allowlist's raw node is its whole object, at
    /// `""`, while `origin` is the field the ranges come from. `nil`: `rawNode` is at `origin`.
    public var rawPath: String? {
        get { storage.fields.extras?.rawPath }
        set { rebuild { $0.rawPath = newValue } }
    }
    /// Gives the entry `rawNode` and `rawPath` from a place an allowlist and its other entries share (`nil`: none).
    public mutating func setRawPlace(_ place: RawPlace?) {
        switch storage.fields.extras {
        case nil, .raw?: storage.fields.extras = place.map(Extras.raw)
        case .own?: rebuild { $0.rawNode = place?.node; $0.rawPath = place?.path }
        }
    }
    /// Set when the entry stands for a rule that names no source at all (no address range, prefix list or group),
    /// which the platform refuses or drops: why, for MMC-NET-002. Its `cidr` is then empty.
    public var missingSource: String? {
        get { storage.fields.extras?.missingSource }
        set { rebuild { $0.missingSource = newValue } }
    }

    /// Set when the entry stands for a whole rule the input does not know (a Terraform `dynamic` block over a
    /// variable with no value): its block, ports and description are all unknown, so it is judged only as a block
    /// that cannot be verified, and never as an entry without a description.
    public var isUnknownRule: Bool {
        get { storage.fields.extras?.isUnknownRule ?? false }
        set { rebuild { $0.isUnknownRule = newValue } }
    }

    private var storage: CopyOnWriteFields<Fields>

    public init(cidr: Located<Fact<String>>, description: Located<String>?, enabled: Bool, origin: Origin,
                ports: PortRange? = nil, ipProtocol: EntryProtocol? = nil) {
        var parts = Extras.Parts()
        parts.description = description
        parts.origin = origin.isKnownSame(as: cidr.origin) ? nil : origin
        storage = CopyOnWriteFields(Fields(cidr: cidr, enabled: enabled, ports: ports, extras: Extras.make(parts)))
        storage.fields.ipProtocol = ipProtocol?.packed ?? 0
    }

    /// An entry of the same rule as `sibling`, with another block: its description, switches, ports, raw place,
    /// missing source and origin are `sibling`'s, and shared with it rather than copied (a rule listing 100,000
    /// blocks kept a copy of one description, origin and node per block, 16 MB).
    public init(cidr: Located<Fact<String>>, sharingWith sibling: AllowlistEntry) {
        storage = sibling.storage
        storage.fields.cidr = cidr
        // An origin the sibling does not keep is its block's: this entry's own block is elsewhere.
        if sibling.storage.fields.extras?.origin == nil { origin = sibling.origin }
    }

    /// `setRawPlace(nil)` on every entry, entries that shared their fields (`init(cidr:sharingWith:)`) still
    /// sharing them after.
    static func dropRawPlaces(_ entries: inout [AllowlistEntry]) {
        var last: (old: Extras.Own, new: Extras?)?
        for index in entries.indices {
            switch entries[index].storage.fields.extras {
            case nil:
                continue
            case .raw?:
                entries[index].storage.fields.extras = nil
            case .own(let own)?:
                if let last, last.old === own {
                    entries[index].storage.fields.extras = last.new
                    continue
                }
                guard own.parts.rawNode != nil || own.parts.rawPath != nil else { continue }
                var parts = own.parts
                parts.rawNode = nil
                parts.rawPath = nil
                let new = Extras.make(parts)
                last = (own, new)
                entries[index].storage.fields.extras = new
            }
        }
    }

    private struct Fields {
        var cidr: Located<Fact<String>>
        var enabled: Bool
        var isException = false
        /// `EntryProtocol.packed` (0: none), four bytes beside the switches, in the padding before `ports`: the
        /// enum itself took eight bytes more a field box, 4 MB of a 100,000-entry list.
        var ipProtocol: UInt32 = 0
        var ports: PortRange?
        var additionalPorts: [PortRange] = []
        var extras: Extras?

        init(cidr: Located<Fact<String>>, enabled: Bool, ports: PortRange?, extras: Extras?) {
            self.cidr = cidr
            self.enabled = enabled
            self.ports = ports
            self.extras = extras
        }
    }

    private mutating func rebuild(_ change: (inout Extras.Parts) -> Void) {
        var parts = storage.fields.extras?.parts ?? Extras.Parts()
        change(&parts)
        storage.fields.extras = Extras.make(parts)
    }

    /// What few entries have, behind one reference: only a raw place (shared by the entries of one object), or the
    /// entry's own fields.
    private enum Extras: Sendable {
        case raw(RawPlace)
        case own(Own)

        struct Parts {
            var rawNode: SourceNode?
            var rawPath: String?
            var description: Located<String>?
            var missingSource: String?
            var isUnknownRule = false
            var origin: Origin?
        }

        final class Own: Sendable {
            let parts: Parts

            init(_ parts: Parts) {
                self.parts = parts
            }
        }

        static func make(_ parts: Parts) -> Extras? {
            if parts.description == nil, parts.missingSource == nil, parts.origin == nil, !parts.isUnknownRule {
                if parts.rawNode == nil, parts.rawPath == nil { return nil }
                return .raw(RawPlace(node: parts.rawNode, path: parts.rawPath))
            }
            return .own(Own(parts))
        }

        var parts: Parts {
            switch self {
            case .raw(let place): return Parts(rawNode: place.node, rawPath: place.path)
            case .own(let own): return own.parts
            }
        }

        var rawNode: SourceNode? {
            switch self {
            case .raw(let place): return place.node
            case .own(let own): return own.parts.rawNode
            }
        }

        var rawPath: String? {
            switch self {
            case .raw(let place): return place.path
            case .own(let own): return own.parts.rawPath
            }
        }

        var description: Located<String>? {
            if case .own(let own) = self { return own.parts.description }
            return nil
        }

        var isUnknownRule: Bool {
            if case .own(let own) = self { return own.parts.isUnknownRule }
            return false
        }

        var missingSource: String? {
            if case .own(let own) = self { return own.parts.missingSource }
            return nil
        }

        var origin: Origin? {
            if case .own(let own) = self { return own.parts.origin }
            return nil
        }
    }

    /// Every port range the entry opens (`ports` and `additionalPorts`); empty when the format does not say.
    public var allPorts: [PortRange] { (ports.map { [$0] } ?? []) + additionalPorts }
}
