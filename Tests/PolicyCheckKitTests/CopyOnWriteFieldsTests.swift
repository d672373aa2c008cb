import PolicyCheckModel
import PolicyCheckSyntax
import Testing

/// Model values that keep their fields in one shared box must still behave as values: a write to one copy is never
/// seen through another, however the copy was made.
@Suite struct CopyOnWriteFieldsTests {
    @Test("a write to a copy leaves the original and its other copies as they were")
    func writesStayWithTheCopy() {
        var original = CopyOnWriteFields([1, 2, 3])
        var copy = original
        #expect(copy.sharesBox(with: original))
        copy.fields.append(4)
        #expect(!copy.sharesBox(with: original))
        #expect(original.fields == [1, 2, 3])
        #expect(copy.fields == [1, 2, 3, 4])
        // An unshared box is written in place.
        original.fields[0] = 9
        #expect(original.fields == [9, 2, 3])
    }

    @Test("allowlist entries, data stores and key declarations copied into arrays, closures and inout stay apart")
    func modelValuesStayApart() {
        let origin = Origin(offset: 1, path: "a")
        var entry = AllowlistEntry(cidr: Located(.known("10.0.0.0/8"), at: origin), description: nil, enabled: true,
                                   origin: origin)
        var entries = [entry, entry]
        entries[1].enabled = false
        entries[0].cidr = Located(.known("192.0.2.0/24"), at: origin)
        let captured = entry
        func disable(_ value: inout AllowlistEntry) { value.enabled = false }
        disable(&entry)
        #expect(captured.enabled && captured.cidr.value.known == "10.0.0.0/8")
        #expect(!entry.enabled && entry.cidr.value.known == "10.0.0.0/8")
        #expect(entries[0].enabled && entries[0].cidr.value.known == "192.0.2.0/24")
        #expect(!entries[1].enabled && entries[1].cidr.value.known == "10.0.0.0/8")

        let store = DataStore(kind: .database, component: "db", origin: origin, encryption: Encryption(origin: origin))
        var changed = store
        changed.encryption.atRest = Located(.known(true), at: origin)
        changed.encryptionIsOwn = false
        #expect(store.encryption.atRest == nil && store.encryptionIsOwn)
        #expect(changed.encryption.atRest?.value.known == true && !changed.encryptionIsOwn)

        let key = KeyDeclaration(component: "keys/a", origin: origin)
        var rotated = key
        rotated.replicaRegions.append(Located("us-west-2", at: origin))
        #expect(key.replicaRegions.isEmpty && rotated.replicaRegions.count == 1)
    }
}

/// A boxed value's list changed in place stays in place: forwarding a property with a getter and a setter made every
/// `declaration.replicaRegions.append(…)` copy the whole list (a quadratic path for a key with many replicas).
@Suite struct CopyOnWriteFieldsInPlaceTests {
    @Test("changing one element or appending to a boxed list does not copy the list")
    func listsChangeInPlace() {
        let origin = Origin(offset: 0, path: "")
        var key = KeyDeclaration(component: "keys/a", origin: origin)
        key.replicaRegions = Array(repeating: Located("us-east-1", at: origin), count: 1_000)
        key.replicaRegions.reserveCapacity(2_000)
        let before = key.replicaRegions.withUnsafeBufferPointer { $0.baseAddress }
        key.replicaRegions[500] = Located("us-west-2", at: origin)
        key.replicaRegions.append(Located("eu-west-1", at: origin))
        #expect(key.replicaRegions.withUnsafeBufferPointer { $0.baseAddress } == before)
        #expect(key.replicaRegions[500].value == "us-west-2" && key.replicaRegions.count == 1_001)

        var entry = AllowlistEntry(cidr: Located(.known("10.0.0.0/8"), at: origin), description: nil, enabled: true,
                                   origin: origin)
        entry.additionalPorts = Array(repeating: PortRange(1, 1), count: 1_000)
        let ports = entry.additionalPorts.withUnsafeBufferPointer { $0.baseAddress }
        entry.additionalPorts[10] = PortRange(2, 2)
        #expect(entry.additionalPorts.withUnsafeBufferPointer { $0.baseAddress } == ports)

        // An allowlist's entries, appended one by one as adapters do: in place, and its copies keep their own.
        var list = Allowlist(kind: .ipFiltering, component: "c", origin: origin, internetFacing: true,
                             hasDescriptionField: false)
        let empty = list
        list.entries.reserveCapacity(2_000) // The first write after a copy copies the box, once.
        let buffer = list.entries.withUnsafeBufferPointer { $0.baseAddress }
        for _ in 0..<1_500 { list.entries.append(entry) }
        list.entries[7].enabled = false
        #expect(list.entries.withUnsafeBufferPointer { $0.baseAddress } == buffer)
        #expect(empty.entries.isEmpty && list.entries.count == 1_500 && !list.entries[7].enabled && list.entries[8].enabled)
    }
}
