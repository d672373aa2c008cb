import Foundation
import PolicyCheckKit
import Testing

/// docs/policies.md stays true to the default pack: every rule in the table as the pack states it, and every rule
/// with the statement or AWS fact it encodes, the page it relies on and why its controls are mapped.
@Suite struct PolicyDocTests {
    static let text = (try? String(contentsOf: PolicyPackTests.repositoryRoot.appendingPathComponent("docs/policies.md"),
                                   encoding: .utf8)) ?? ""

    @Test(arguments: PolicyPackTests.defaultRules.map(\.id))
    func ruleTableStatesTheRuleAsThePackDoes(_ id: String) throws {
        let rule = try #require(PolicyPackTests.defaultRules.first { $0.id == id })
        let row = "| `\(id)` | \(rule.category.rawValue) | \(rule.severity.rawValue) | \(rule.title) | `\(rule.checkName)` | \(rule.controls.joined(separator: ", ")) |"
        #expect(Self.text.contains(row), "docs/policies.md lacks: \(row)")
    }

    @Test(arguments: PolicyPackTests.defaultRules.map(\.id))
    func everyRuleSaysWhatItEncodesAndWhy(_ id: String) throws {
        let section = try #require(Self.text.range(of: "## What each rule encodes, and why its controls"))
        let rows = Self.text[section.upperBound...].split(separator: "\n").filter { $0.hasPrefix("| `MMC-") }
        let row = try #require(rows.first { Self.ids(in: $0.split(separator: "|")[0]).contains(id) }, "no row for \(id)")
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(cells.count == 4 && cells.allSatisfy { !$0.isEmpty })
        #expect(cells[2].contains("https://") || cells[2].contains("seed") || cells[2].contains("keys.md"))
        // The controls cell names each SOC 2 criterion the rule maps to (the criteria list above says what earns it).
        let rule = try #require(PolicyPackTests.defaultRules.first { $0.id == id })
        for control in rule.controls where control.hasPrefix("SOC2:") {
            #expect(cells[3].contains(control.dropFirst(5)), "\(id): \(control) not explained in: \(cells[3])")
        }
    }

    /// `` `MMC-NET-007`–`MMC-NET-010` `` or `` `MMC-NET-004`, `MMC-NET-005` `` as ids.
    static func ids(in cell: Substring) -> [String] {
        let named = cell.split(separator: "`").filter { $0.hasPrefix("MMC-") }.map(String.init)
        guard named.count == 2, cell.contains("–"), let low = Int(named[0].suffix(3)), let high = Int(named[1].suffix(3))
        else { return named }
        let family = named[0].dropLast(3)
        return (low...high).map { "\(family)\(String(format: "%03d", $0))" }
    }
}
