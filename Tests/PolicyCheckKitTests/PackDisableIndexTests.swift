import Foundation
import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// `disable` and `override` find inherited rules through an index: each disable removes the first rule left with its
/// id, and a suggestion for an unknown id is among the rules still in force at that point of the list, as when the
/// list was scanned and the rule removed at once.
@Suite struct PackDisableIndexTests {
    static let parent = """
        apiVersion: policycheck/v1
        kind: PolicyPack
        metadata: {id: parent, version: 1.0.0, title: parent}
        rules:
          - {id: ALPHA-1, title: Ensure a, severity: low, select: {resource: deployment}, assert: {path: region, exists: true}}
          - {id: BETA-22, title: Ensure b, severity: low, select: {resource: deployment}, assert: {path: region, exists: true}}
          - {id: GAMMA-333, title: Ensure c, severity: low, select: {resource: deployment}, assert: {path: region, exists: true}}
        """

    static func child(_ body: String) -> String {
        "apiVersion: policycheck/v1\nkind: PolicyPack\nmetadata: {id: child, version: 1.0.0, title: child}\nextends: parent.yaml\n" + body
    }

    /// The messages of loading the child, or its rules in order when it loads.
    static func load(_ body: String) throws -> [String] {
        let directory = try PackText.directory(["parent.yaml": parent, "child.yaml": child(body)])
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let policy = try PolicySources.load([directory.appendingPathComponent("child.yaml").path])
            return policy.rules.map { "\($0.rule.id) \($0.rule.severity.rawValue)" }
        } catch {
            return error.items.map(\.message)
        }
    }

    @Test func aTypoOfAnIdDisabledEarlierInTheListIsNotSuggested() throws {
        #expect(try Self.load("disable: [ALPHA-l]") == ["cannot disable 'ALPHA-l': no inherited rule has that id (did you mean 'ALPHA-1'?)"])
        #expect(try Self.load("disable: [ALPHA-1, ALPHA-l]") == ["cannot disable 'ALPHA-l': no inherited rule has that id"])
        #expect(try Self.load("disable: [ALPHA-l, ALPHA-1]") == ["cannot disable 'ALPHA-l': no inherited rule has that id (did you mean 'ALPHA-1'?)"])
    }

    /// Listed twice, the id is an error the second time, saying so (it said "no inherited rule has that id" though
    /// the rule exists; tester, round 35).
    @Test func anIdDisabledTwiceIsAnErrorTheSecondTime() throws {
        #expect(try Self.load("disable: [BETA-22, BETA-22]") == ["'BETA-22' is listed in 'disable' more often than it is inherited; list it once"])
    }

    @Test func anUnknownOverrideIsNotSuggestedARuleThePackDisables() throws {
        #expect(try Self.load("disable: [GAMMA-333]\noverride:\n  GAMA-333: {severity: high}\n")
                == ["cannot override 'GAMA-333': no inherited rule has that id"])
        #expect(try Self.load("disable: [ALPHA-1]\noverride:\n  GAMA-333: {severity: high}\n")
                == ["cannot override 'GAMA-333': no inherited rule has that id (did you mean 'GAMMA-333'?)"])
    }

    @Test func disablesAndOverridesKeepTheInheritedOrder() throws {
        #expect(try Self.load("disable: [GAMMA-333, ALPHA-1]\noverride:\n  BETA-22: {severity: high}\n") == ["BETA-22 high"])
        #expect(try Self.load("disable: [BETA-22]\noverride:\n  GAMMA-333: {severity: critical}\n") == ["ALPHA-1 low", "GAMMA-333 critical"])
        #expect(try Self.load("override:\n  GAMA-333: {severity: high}\n")
                == ["cannot override 'GAMA-333': no inherited rule has that id (did you mean 'GAMMA-333'?)"])
    }
}
