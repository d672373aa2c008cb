@testable import PolicyCheckPolicy
import PolicyCheckModel
import PolicyCheckSyntax
import Testing

/// The entries of one rule share their fields beyond the block, findings share their rule's facts, and paths may be
/// kept as spellings: each still reads, compares and changes as a value of its own.
@Suite struct SharedFieldsTests {
    private static let node = SourceNode(.string("rule"), offset: 3)

    private static func first() -> AllowlistEntry {
        var entry = AllowlistEntry(cidr: Located(.known("10.0.0.0/8"), at: Origin(offset: 10, path: "r.cidr[0]")),
                                   description: Located("office", at: Origin(offset: 5, path: "r.description")),
                                   enabled: true, origin: Origin(offset: 3, path: "r"), ports: PortRange(22, 22))
        entry.rawNode = node
        return entry
    }

    @Test func anEntrySharingASiblingsFieldsHasItsOwnBlockAndTheRestOfTheSiblings() {
        let first = Self.first()
        var second = AllowlistEntry(cidr: Located(.known("192.0.2.0/24"), at: Origin(offset: 20, path: "r.cidr[1]")),
                                    sharingWith: first)
        #expect(second.cidr.value == .known("192.0.2.0/24") && second.cidr.origin.path == "r.cidr[1]")
        #expect(second.description?.value == "office" && second.origin == Origin(offset: 3, path: "r"))
        #expect(second.ports == PortRange(22, 22) && second.rawNode?.offset == 3 && second.enabled)
        second.description = nil
        #expect(first.description?.value == "office" && second.description == nil)
        #expect(first.cidr.value == .known("10.0.0.0/8"))
    }

    @Test func anEntrySharingASiblingWhoseOriginIsItsBlockKeepsThatOrigin() {
        let block = Origin(offset: 10, path: "r.cidr")
        let first = AllowlistEntry(cidr: Located(.known("10.0.0.0/8"), at: block), description: nil, enabled: true,
                                   origin: block)
        let second = AllowlistEntry(cidr: Located(.known("10.1.0.0/16"), at: Origin(offset: 30, path: "r.other")),
                                    sharingWith: first)
        #expect(second.origin == block)
        #expect(second.cidr.origin.path == "r.other")
    }

    @Test func droppingSourceNodesKeepsWhatSharingEntriesHaveBesides() {
        let first = Self.first()
        let second = AllowlistEntry(cidr: Located(.known("192.0.2.0/24"), at: Origin(offset: 20, path: "r.cidr[1]")),
                                    sharingWith: first)
        var list = Allowlist(kind: .securityGroupIngress, component: "sg", origin: Origin(offset: 0, path: "sg"),
                             internetFacing: true, hasDescriptionField: true)
        list.entries = [first, second, Self.first()]
        var deployment = Deployment(name: "d", source: SourceFile(path: "d.json", bytes: []), format: .terraformPlan,
                                    origin: Origin(offset: 0, path: ""))
        deployment.allowlists = [list]
        deployment.dropSourceNodes()
        for entry in deployment.allowlists[0].entries {
            #expect(entry.rawNode == nil && entry.rawPath == nil)
            #expect(entry.description?.value == "office" && entry.origin == Origin(offset: 3, path: "r"))
        }
        #expect(deployment.allowlists[0].entries.map(\.cidr.origin.path) == ["r.cidr[0]", "r.cidr[1]", "r.cidr[0]"])
        #expect(first.rawNode?.offset == 3 && second.rawNode?.offset == 3)
    }

    @Test func anItemsSpellingIsItsListsPathAndIndexAndEqualsTheSamePathKeptAnotherWay() {
        let list = PathSpelling.List { "resource_changes[0].change.after.ingress[0].cidr_blocks" }
        let item = PathSpelling(item: 12, of: list)
        #expect(item.text == "resource_changes[0].change.after.ingress[0].cidr_blocks[12]")
        #expect(item.spelt == nil)
        #expect(item == PathSpelling("resource_changes[0].change.after.ingress[0].cidr_blocks[12]"))
        #expect(item == PathSpelling(deferred: { "resource_changes[0].change.after.ingress[0].cidr_blocks[12]" }))
        #expect(Set([item, PathSpelling(item.text)]).count == 1)
        let origin = Origin(offset: 4, pathSpelling: item)
        #expect(origin == Origin(offset: 4, path: item.text))
        #expect(!origin.isKnownSame(as: Origin(offset: 4, path: item.text)))
    }

    private static func finding(_ facts: CopyOnWriteFields<Finding.RuleFacts>, path: PathSpelling) -> Finding {
        Finding(rule: facts, severity: .low, resource: "sg", file: "f.json", line: 1, column: 2, utf16Column: 2,
                path: path, message: "m", cannotVerify: false, value: nil)
    }

    @Test func findingsSharingTheirRulesFactsChangeAsValuesOfTheirOwn() {
        let facts = CopyOnWriteFields(Finding.RuleFacts(ruleId: "MMC-NET-007", title: "t", category: .network,
                                                        remediation: "fix", controls: ["C1"]))
        let one = Self.finding(facts, path: PathSpelling(deferred: { "a[0]" }))
        var other = Self.finding(facts, path: PathSpelling("a[0]"))
        #expect(one == other && one.hashValue == other.hashValue)
        #expect(one == Finding(ruleId: "MMC-NET-007", title: "t", category: .network, severity: .low, resource: "sg",
                               file: "f.json", line: 1, column: 2, path: "a[0]", message: "m", remediation: "fix",
                               controls: ["C1"]))
        other.title = "changed"
        other.controls.append("C2")
        other.path = "b"
        #expect(one.title == "t" && one.controls == ["C1"] && one.path == "a[0]")
        #expect(other.title == "changed" && other.controls == ["C1", "C2"] && other.path == "b")
        #expect(one != other)
    }

    @Test func aFindingMarkedAndUnmarkedEqualsOneNeverMarked() {
        let facts = CopyOnWriteFields(Finding.RuleFacts(ruleId: "R", title: "t", category: .network,
                                                        remediation: "fix", controls: []))
        let plain = Self.finding(facts, path: PathSpelling("p"))
        var marked = plain
        marked.deployment = "app1"
        marked.suppression = Suppression(kind: .waiver, justification: "j", location: "w.yaml:3")
        #expect(marked.deployment == "app1" && marked.suppression?.location == "w.yaml:3" && marked.isSuppressed)
        #expect(plain.deployment == nil && plain.suppression == nil && marked != plain)
        marked.deployment = nil
        #expect(marked.deployment == nil && marked.suppression?.kind == .waiver)
        marked.suppression = nil
        #expect(marked == plain && marked.hashValue == plain.hashValue)
    }
}
