import PolicyCheckModel
import PolicyCheckSyntax
import PolicyCheckTestSupport
import Testing

/// `AllowlistEntry` keeps its rarely set fields behind one reference (shared by a Kubernetes object's entries) and
/// its origin only when it is not its block's. Whatever order fields are written in, it must read back exactly what
/// a plain struct of the same fields would.
@Suite struct AllowlistEntryExtrasTests {
    /// The fields as a plain struct: the reference the entry is compared with.
    private struct Plain {
        var cidr: Located<Fact<String>>
        var description: Located<String>?
        var enabled: Bool
        var isException = false
        var origin: Origin
        var ports: PortRange?
        var additionalPorts: [PortRange] = []
        var rawNode: SourceNode?
        var rawPath: String?
        var missingSource: String?
    }

    private static func expectSame(_ entry: AllowlistEntry, _ plain: Plain, step: Int) {
        #expect(entry.cidr.value == plain.cidr.value && entry.cidr.origin == plain.cidr.origin, "step \(step)")
        #expect(entry.description?.value == plain.description?.value, "step \(step)")
        #expect(entry.description?.origin == plain.description?.origin, "step \(step)")
        #expect(entry.enabled == plain.enabled && entry.isException == plain.isException, "step \(step)")
        #expect(entry.origin == plain.origin, "step \(step)")
        #expect(entry.ports == plain.ports && entry.additionalPorts == plain.additionalPorts, "step \(step)")
        #expect(entry.rawNode?.offset == plain.rawNode?.offset, "step \(step)")
        #expect(entry.rawPath == plain.rawPath && entry.missingSource == plain.missingSource, "step \(step)")
    }

    @Test("any order of writes reads back as a plain struct would, over 3,000 random steps")
    func writesReadBackAsAPlainStruct() {
        var generator = SplitMix64(seed: 17)
        let origins = [
            Origin(offset: 4, path: "a[0]"), Origin(offset: 4, path: "a[1]"), Origin(offset: 9, path: "a[0]"),
            Origin(offset: 4, spelling: { "a[0]" }), Origin(file: 2, offset: 4, path: "a[0]"),
        ]
        let nodes = [SourceNode(.string("x"), offset: 1), SourceNode(.null, offset: 30)]
        let place = RawPlace(node: nodes[1], path: "")
        let block = Located(Fact<String>.known("10.0.0.0/8"), at: origins[0])
        var entry = AllowlistEntry(cidr: block, description: nil, enabled: true, origin: origins[0])
        var plain = Plain(cidr: block, enabled: true, origin: origins[0])
        for step in 0..<3_000 {
            let origin = origins[Int.random(in: 0..<origins.count, using: &generator)]
            switch Int.random(in: 0..<11, using: &generator) {
            case 0:
                let cidr = Located(Fact<String>.known("192.0.2.\(step % 256)/32"), at: origin)
                entry.cidr = cidr
                plain.cidr = cidr
            case 1:
                let text = Bool.random(using: &generator) ? Located("office \(step)", at: origin) : nil
                entry.description = text
                plain.description = text
            case 2:
                entry.origin = origin
                plain.origin = origin
            case 3:
                let node = Bool.random(using: &generator) ? nodes[step % 2] : nil
                entry.rawNode = node
                plain.rawNode = node
            case 4:
                let path = Bool.random(using: &generator) ? "spec.p\(step % 3)" : nil
                entry.rawPath = path
                plain.rawPath = path
            case 5:
                let why = Bool.random(using: &generator) ? "no source" : nil
                entry.missingSource = why
                plain.missingSource = why
            case 6:
                let shared = Bool.random(using: &generator) ? place : nil
                entry.setRawPlace(shared)
                plain.rawNode = shared?.node
                plain.rawPath = shared?.path
            case 7:
                let ports = Bool.random(using: &generator) ? PortRange(step % 100, 443) : nil
                entry.ports = ports
                plain.ports = ports
            case 8:
                entry.additionalPorts.append(PortRange(step, step))
                plain.additionalPorts.append(PortRange(step, step))
            case 9:
                entry.enabled.toggle()
                plain.enabled.toggle()
            default:
                entry.isException.toggle()
                plain.isException.toggle()
            }
            // A copy taken now must not see later writes.
            let copy = entry
            let copied = plain
            Self.expectSame(entry, plain, step: step)
            entry.enabled.toggle()
            Self.expectSame(copy, copied, step: step)
            entry.enabled.toggle()
        }
    }

    @Test("an entry at its block's origin keeps it when the block moves")
    func theOriginStaysWhenTheBlockMoves() {
        let origin = Origin(offset: 4, path: "spec.ranges[0]")
        var entry = AllowlistEntry(cidr: Located(.known("10.0.0.0/8"), at: origin), description: nil, enabled: true,
                                   origin: origin)
        entry.cidr = Located(.known("10.0.0.0/8"), at: Origin(offset: 40, path: "spec.other"))
        #expect(entry.origin == origin)
    }

    @Test("dropping source nodes clears every entry's raw place, shared or own")
    func droppingSourceNodesClearsRawPlaces() {
        let origin = Origin(offset: 0, path: "")
        var deployment = Deployment(name: "d", source: SourceFile(path: "d.yaml", bytes: []), format: .kubernetes,
                                    origin: origin)
        let node = SourceNode(.null, offset: 0)
        var list = Allowlist(kind: .networkPolicy, component: "c", origin: origin, internetFacing: false,
                             hasDescriptionField: false)
        var shared = AllowlistEntry(cidr: Located(.known("10.0.0.0/8"), at: origin), description: nil, enabled: true,
                                    origin: origin)
        shared.setRawPlace(RawPlace(node: node, path: ""))
        var own = AllowlistEntry(cidr: Located(.known("10.0.0.0/8"), at: origin), description: Located("d", at: origin),
                                 enabled: true, origin: origin)
        own.rawNode = node
        list.rawPlace = RawPlace(node: node, path: "")
        list.entries = [shared, own]
        deployment.allowlists = [list]
        deployment.dropSourceNodes()
        #expect(deployment.allowlists[0].rawNode == nil)
        #expect(deployment.allowlists[0].entries.allSatisfy { $0.rawNode == nil && $0.rawPath == nil })
        #expect(deployment.allowlists[0].entries[1].description?.value == "d")
    }
}

/// Paths interned by a `NodeReader` are one string per spelling (what makes a Kubernetes list of many objects hold a
/// few dozen paths rather than one per value), equal to what was spelt, and bounded.
@Suite struct NodeReaderPathSpellingTests {
    private static func storage(_ text: String) -> UnsafeRawPointer? {
        var text = text
        return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    @Test("an interning reader gives the kept copy of a spelling; another reader gives the spelling itself")
    func aReaderKeepsOneCopyOfEachSpelling() {
        let reader = NodeReader(source: SourceFile(path: "a.yaml", bytes: []))
        reader.internsPaths = true
        let first = reader.spelling("metadata.annotations['nginx.ingress.kubernetes.io/x'][\(0)]")
        let second = reader.spelling("metadata.annotations['nginx.ingress.kubernetes.io/x'][\(0)]")
        #expect(first == second)
        #expect(Self.storage(first) == Self.storage(second))
        let plain = NodeReader(source: SourceFile(path: "b.yaml", bytes: []))
        let spelt = "spec.loadBalancerSourceRanges[\(1)]"
        #expect(plain.spelling(spelt) == spelt)
    }

    @Test("past the cap, paths are used as spelt and still read the same")
    func pastTheCapPathsAreUsedAsSpelt() {
        let reader = NodeReader(source: SourceFile(path: "a.yaml", bytes: []))
        reader.internsPaths = true
        for index in 0..<(1 << 16) { _ = reader.spelling("items[\(index)].spec.path") }
        let late = reader.spelling("items[\(1 << 17)].spec.path")
        #expect(late == "items[\(1 << 17)].spec.path")
        let kept = reader.spelling("items[\(5)].spec.path")
        #expect(kept == "items[5].spec.path")
        #expect(Self.storage(kept) == Self.storage(reader.spelling("items[\(5)].spec.path")))
    }
}
