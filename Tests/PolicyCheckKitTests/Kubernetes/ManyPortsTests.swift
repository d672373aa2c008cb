import Foundation
import Testing

/// A rule's ports are one list its entries share: a message spells at most 16 ranges and counts the rest, and which
/// rule sees an administrative port does not depend on how many ranges share the list.
@Suite struct ManyPortsTests {
    static func service(ranges: Int, ports: [Int]) -> String {
        var text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\n  namespace: prod\nspec:\n  type: LoadBalancer\n  ports:\n"
        for port in ports { text += "    - port: \(port)\n" }
        text += "  loadBalancerSourceRanges:\n"
        for _ in 0..<ranges { text += "    - \"0.0.0.0/0\"\n" }
        return text
    }

    @Test func aMessageSpellsSixteenRangesAndCountsTheRest() throws {
        let ports = Array(1000..<1020)
        let findings = try AdapterHarness.findings(AdapterHarness.read(text: Self.service(ranges: 3, ports: ports)).deployments)
        let open = findings.filter { $0.message.contains("admits every IPv4 address on ports") }
        #expect(!open.isEmpty)
        let spelt = ports.prefix(16).map(String.init).joined(separator: ", ")
        #expect(open.allSatisfy { $0.message.contains("on ports \(spelt) and 4 more port ranges;") })
    }

    @Test func anAdministrativePortAmongManyIsSeenForEveryRange() throws {
        let findings = try AdapterHarness.findings(AdapterHarness.read(text: Self.service(ranges: 3, ports: Array(1000..<1030) + [22])).deployments)
        let administrative = findings.filter { $0.ruleId == "MMC-NET-001" }
        let other = findings.filter { $0.ruleId == "MMC-NET-011" }
        // MMC-NET-001 judges world-open entries reaching an administrative port, MMC-NET-011 the rest: port 22,
        // the last of 31, puts all three ranges in MMC-NET-001, each with its own finding.
        #expect(administrative.count == 3 && other.isEmpty, "\(findings.map { "\($0.ruleId): \($0.message)" })")
    }
}
