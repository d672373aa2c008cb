import PolicyCheckSyntax

/// A set of address ranges allowed to reach something: IP filtering, security-group ingress, load-balancer source
/// ranges, ingress annotations.
///
/// A value type whose fields live in one copy-on-write box (`CopyOnWriteFields`, as an entry's do): a deployment
/// holds one per guarded resource, and as an array element each was some 480 bytes, copied whole whenever the array
/// grew (31 MB of a 100,000-object Kubernetes list's peak); boxed, an element is one reference. Writes go through
/// `_modify`, so appending to `entries` changes the list in place.
public struct Allowlist: Sendable {
    public var kind: AllowlistKind {
        get { storage.fields.kind }
        _modify { yield &storage.fields.kind }
    }
    public var component: String {
        get { storage.fields.component }
        _modify { yield &storage.fields.component }
    }
    public var origin: Origin {
        get { storage.fields.origin }
        _modify { yield &storage.fields.origin }
    }
    /// Whether filtering is switched on (`nil`: the format has no switch, so it is on when present).
    public var enabled: Located<Bool>? {
        get { storage.fields.enabled?.value }
        set { storage.fields.enabled = newValue.map(EnabledBox.init) }
    }
    /// Whether the list guards an internet-facing endpoint.
    public var internetFacing: Bool {
        get { storage.fields.internetFacing }
        _modify { yield &storage.fields.internetFacing }
    }
    /// Whether the format gives entries a description field.
    public var hasDescriptionField: Bool {
        get { storage.fields.hasDescriptionField }
        _modify { yield &storage.fields.hasDescriptionField }
    }
    public var entries: [AllowlistEntry] {
        get { storage.fields.entries }
        _modify { yield &storage.fields.entries }
    }
    /// The resource as the input wrote it, for custom rules' `raw.<path>` (adapters fill it; `nil` when unknown).
    public var rawNode: SourceNode? {
        get { storage.fields.raw?.node }
        set { storage.fields.raw = RawPlace.replacing(storage.fields.raw, node: newValue) }
    }
    /// The path of `rawNode` when it is not at `origin`: a Kubernetes allowlist's raw node is its whole object, at
    /// `""`, while `origin` is the field the ranges come from. `nil`: `rawNode` is at `origin`.
    public var rawPath: String? {
        get { storage.fields.raw?.path }
        set { storage.fields.raw = RawPlace.replacing(storage.fields.raw, path: newValue) }
    }
    /// The resource whose rules the list holds when other resources add rules to it too — a security group, whose
    /// standalone ingress rules join it — so that what they admit together is judged together (`nil`: the list is
    /// the whole of what its resource admits).
    public var joins: String? {
        get { storage.fields.joins }
        _modify { yield &storage.fields.joins }
    }
    /// `rawNode` and `rawPath` as one shared reference, which the list's entries can hold too.
    public var rawPlace: RawPlace? {
        get { storage.fields.raw }
        set { storage.fields.raw = newValue }
    }

    private var storage: CopyOnWriteFields<Fields>

    public init(kind: AllowlistKind, component: String, origin: Origin, internetFacing: Bool,
                hasDescriptionField: Bool) {
        storage = CopyOnWriteFields(Fields(kind: kind, component: component, origin: origin,
                                           internetFacing: internetFacing, hasDescriptionField: hasDescriptionField))
    }

    /// Fields every list has inline; the raw place (shared with the entries) and the rarely given switch by
    /// reference: inline they were 176 bytes a list, 13 MB of a 100,000-object Kubernetes list.
    private struct Fields {
        var kind: AllowlistKind
        var component: String
        var origin: Origin
        var internetFacing: Bool
        var hasDescriptionField: Bool
        var entries: [AllowlistEntry] = []
        var raw: RawPlace?
        var enabled: EnabledBox?
        var joins: String?
    }

    private final class EnabledBox: Sendable {
        let value: Located<Bool>

        init(_ value: Located<Bool>) {
            self.value = value
        }
    }

    /// Whether filtering is in force.
    public var isEnabled: Bool { enabled?.value ?? true }

    /// The entries in force: enabled ones only.
    public var effectiveEntries: [AllowlistEntry] { entries.filter { $0.enabled } }
}

/// What an allowlist protects.
public enum AllowlistKind: String, Sendable, Codable, CaseIterable {
    case ipFiltering = "ip-filtering"
    case securityGroupIngress = "security-group-ingress"
    case loadBalancerSourceRanges = "load-balancer-source-ranges"
    case ingressAnnotation = "ingress-annotation"
    case networkPolicy = "network-policy"
    case endpointPublicAccess = "endpoint-public-access"
    case webACLIPSet = "web-acl-ip-set"
}

/// An inclusive port range (`0...65535` for all ports).
public struct PortRange: Sendable, Hashable {
    public var lower: Int
    public var upper: Int

    public init(_ lower: Int, _ upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ port: Int) -> Bool { lower <= port && port <= upper }
}

/// The IP protocol a security-group rule admits, which decides what its ports mean: for TCP and UDP, ports; for ICMP
/// and ICMPv6, `FromPort`/`from_port` is the ICMP type and `ToPort`/`to_port` the code, and the rule opens no port
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html,
/// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html). An entry without one (`nil`) comes from
/// a format that does not say, or names a protocol unknown until apply: it is judged as admitting every protocol.
public enum EntryProtocol: Sendable, Hashable {
    /// `-1` / `all`: every protocol, every port.
    case all
    case tcp
    case udp
    /// ICMP (`icmp`, `1`) or ICMPv6 (`icmpv6`, `58`), with the type and code admitted (`nil`: every one). Bytes, as
    /// ICMP has them: the case fits in the padding of an entry's fields, costing a 100,000-entry list nothing.
    case icmp(version6: Bool, type: UInt8?, code: UInt8?)
    /// Any other protocol number (ESP, GRE, …): AWS admits it on every port, whatever range the rule gives.
    case number(UInt8)

    /// The protocol a security-group rule names (`IpProtocol`, `protocol`, `ip_protocol`), by name or number as EC2
    /// takes it; ICMP's type and code from the rule's port fields (`-1`: every one). `nil` for text EC2 does not take.
    public static func named(_ text: String, from: Int?, to: Int?) -> EntryProtocol? {
        switch text.lowercased() {
        case "-1", "all": return .all
        case "tcp", "6": return .tcp
        case "udp", "17": return .udp
        case "icmp", "1", "icmpv6", "58":
            let version6 = text.lowercased().hasPrefix("icmpv6") || text == "58"
            // `-1` (or a value no ICMP header holds) is every type; a code without a type is every code.
            let type = from.flatMap { UInt8(exactly: $0) }
            let code = type == nil ? nil : to.flatMap { UInt8(exactly: $0) }
            return .icmp(version6: version6, type: type, code: code)
        default:
            guard let number = UInt8(text) else { return nil }
            return .number(number)
        }
    }

    /// The protocol in four bytes, never 0: the kind in the low byte, then a protocol number or ICMP type, an ICMP
    /// code, and which of the two are given.
    var packed: UInt32 {
        switch self {
        case .all: return 1
        case .tcp: return 2
        case .udp: return 3
        case .number(let number): return 4 | UInt32(number) << 8
        case let .icmp(version6, type, code):
            let given = (type == nil ? 0 : 1) | (code == nil ? 0 : 2) as UInt32
            return (version6 ? 6 : 5) | UInt32(type ?? 0) << 8 | UInt32(code ?? 0) << 16 | given << 24
        }
    }

    /// The protocol `packed` spells; `nil` for 0.
    init?(packed: UInt32) {
        let byte = { (shift: UInt32) in UInt8(truncatingIfNeeded: packed >> shift) }
        switch packed & 0xFF {
        case 1: self = .all
        case 2: self = .tcp
        case 3: self = .udp
        case 4: self = .number(byte(8))
        case 5, 6:
            let given = byte(24)
            self = .icmp(version6: packed & 0xFF == 6, type: given & 1 == 0 ? nil : byte(8),
                         code: given & 2 == 0 ? nil : byte(16))
        default: return nil
        }
    }

    /// Whether the protocol is ICMP or ICMPv6, which opens no port.
    public var isICMP: Bool {
        if case .icmp = self { return true }
        return false
    }

    /// Whether an entry admitting `self` admits every packet an entry admitting `other` admits, ports aside.
    public func admits(_ other: EntryProtocol) -> Bool {
        switch (self, other) {
        case (.all, _): return true
        case let (.icmp(outer6, outerType, outerCode), .icmp(inner6, innerType, innerCode)):
            guard outer6 == inner6 else { return false }
            guard let outerType else { return true }
            guard outerType == innerType else { return false }
            return outerCode == nil || outerCode == innerCode
        default: return self == other
        }
    }

    /// How a message names an ICMP protocol: `ICMP`, `ICMP type 8`, `ICMPv6 type 128 code 0`; `nil` for the others.
    public var icmpText: String? {
        guard case let .icmp(version6, type, code) = self else { return nil }
        var text = version6 ? "ICMPv6" : "ICMP"
        if let type { text += " type \(type)" }
        if let code { text += " code \(code)" }
        return text
    }
}
