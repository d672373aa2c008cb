@testable import PolicyCheckEvidence
import PolicyCheckPolicy
import Testing

/// The evidence control matrix counts outcomes per rule once and adds them up per control; these tests hold it to
/// the scan it replaced (every outcome, once per control, counted when its rule is among the control's rules).
@Suite struct ControlMatrixTests {
    typealias Outcome = EvidenceDocument.Outcome

    /// The matrix as it was computed before outcomes were grouped by rule.
    static func referenceControls(rules: [PolicyRule], outcomes: [Outcome]) -> [EvidenceDocument.ControlRow] {
        var rulesByControl: [String: [String]] = [:]
        for rule in rules {
            for control in rule.controls { rulesByControl[control, default: []].append(rule.id) }
        }
        return rulesByControl.keys.sorted().map { control in
            let ruleIds = rulesByControl[control] ?? []
            var counts: [Outcome.Status: Int] = [:]
            for outcome in outcomes where ruleIds.contains(outcome.ruleId) { counts[outcome.status, default: 0] += 1 }
            return EvidenceDocument.ControlRow(control: control, rules: ruleIds, counts: counts)
        }
    }

    static func rule(_ id: String, _ controls: [String]) -> PolicyRule {
        PolicyRule(id: id, title: "Ensure \(id)", category: .custom, severity: .high, controls: controls,
                   description: "", remediation: "", appliesTo: Applicability(), checkName: "test.\(id)", packID: "matrix")
    }

    static func outcome(_ ruleId: String, _ resource: String, _ status: Outcome.Status) -> Outcome {
        Outcome(ruleId: ruleId, resource: resource, file: "main.tf", status: status, suppression: nil)
    }

    @Test func aRuleListedTwiceUnderAControlCountsItsOutcomesOnce() {
        let rules = [Self.rule("A", ["SOC2:CC6.1", "SOC2:CC6.1"]), Self.rule("B", ["SOC2:CC6.1"]), Self.rule("A", ["ISO:A.8"])]
        let outcomes = [Self.outcome("A", "r1", .fail), Self.outcome("A", "r2", .pass), Self.outcome("B", "r1", .fail),
                        Self.outcome("C", "r1", .fail)]
        let controls = EvidenceDocument.controls(rules: rules, outcomes: outcomes)
        #expect(controls.map(\.control) == ["ISO:A.8", "SOC2:CC6.1"])
        #expect(controls[1].rules == ["A", "A", "B"])
        #expect(controls[1].count(.fail) == 2)
        #expect(controls[1].count(.pass) == 1)
        #expect(controls[0].count(.fail) == 1)
        #expect(controls == Self.referenceControls(rules: rules, outcomes: outcomes))
    }

    /// Rules sharing controls in overlapping patterns, some with no outcomes, outcomes of rules not in force, every
    /// status: the same rows, rules and counts as the reference.
    @Test func matchesTheScanOnOverlappingControls() {
        let controlNames = ["C0", "C1", "C2", "C3", "C4"]
        let rules = (0..<12).map { index in
            Self.rule("R\(index % 10)", controlNames.indices.filter { (index * 7 + $0 * 3) % 4 == 0 }.map { controlNames[$0] })
        }
        let statuses = Outcome.Status.allCases
        let outcomes = (0..<200).map { index in
            Self.outcome("R\(index % 13)", "res\(index)", statuses[(index * 5) % statuses.count])
        }
        let controls = EvidenceDocument.controls(rules: rules, outcomes: outcomes)
        #expect(!controls.isEmpty)
        #expect(controls == Self.referenceControls(rules: rules, outcomes: outcomes))
    }
}
