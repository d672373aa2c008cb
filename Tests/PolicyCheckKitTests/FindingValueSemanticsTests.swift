@testable import PolicyCheckKit
import Testing

/// A finding keeps its fields in a shared box: copies still behave as independent values.
@Suite struct FindingValueSemanticsTests {
    private static func finding(message: String = "m") -> Finding {
        Finding(ruleId: "MMC-NET-001", title: "t", category: .network, severity: .high, resource: "r", file: "f.json",
                line: 3, column: 7, path: "a.b", message: message, remediation: "fix", controls: ["C1"],
                utf16Column: 8, value: "\"x\"")
    }

    @Test func changingACopyLeavesTheOriginalAsItWas() {
        let original = Self.finding()
        var copy = original
        copy.message = "changed"
        copy.line = 9
        copy.suppression = Suppression(kind: .baseline, justification: "known")
        #expect(original.message == "m")
        #expect(original.line == 3)
        #expect(original.suppression == nil)
        #expect(copy.message == "changed")
        #expect(copy.line == 9)
        #expect(copy.isSuppressed)
        #expect(original != copy)
    }

    @Test func equalFieldsAreEqualFindingsWithEqualHashes() {
        let one = Self.finding()
        let other = Self.finding()
        #expect(one == other)
        #expect(Set([one, other]).count == 1)
        var changed = other
        changed.utf16Column = 9
        #expect(one != changed)
        #expect(Set([one, changed]).count == 2)
        #expect(one.utf16Column == 8)
        #expect(one.value == "\"x\"")
        #expect(one.fingerprint == other.fingerprint)
    }

    @Test func changingTheSameFindingTwiceKeepsBothChanges() {
        var finding = Self.finding()
        let snapshot = finding
        finding.file = "g.json"
        finding.column = 1
        #expect(finding.file == "g.json" && finding.column == 1)
        #expect(snapshot.file == "f.json" && snapshot.column == 7)
    }
}
