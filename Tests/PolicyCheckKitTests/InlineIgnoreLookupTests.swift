import Foundation
import PolicyCheckKit
import Testing

/// Inline ignores are looked up by file and line, and by resource, rather than scanned per finding; which ignore
/// covers a finding must not change: the first in document order, comments before adapters' ignores.
@Suite struct InlineIgnoreLookupTests {
    static func service(_ name: String, annotation: String? = nil, rangeLines: [String]) -> String {
        var lines = ["apiVersion: v1", "kind: Service", "metadata:", "  name: \(name)", "  namespace: prod"]
        if let annotation { lines += ["  annotations:", "    policycheck.io/ignore: \"\(annotation)\""] }
        lines += ["spec:", "  type: LoadBalancer", "  loadBalancerSourceRanges:"] + rangeLines
        return lines.joined(separator: "\n")
    }

    @Test func theFirstCoveringIgnoreWinsAndTheOthersAreStale() throws {
        let text = [
            Self.service("lb-a", annotation: "MMC-NET-001 approved in SEC-1", rangeLines: ["    - \"0.0.0.0/0\""]),
            Self.service("lb-b", rangeLines: [
                "    # policycheck:ignore MMC-NET-001 first, above",
                "    - \"0.0.0.0/0\" # policycheck:ignore MMC-NET-001 second, on the line",
            ]),
            Self.service("lb-c", rangeLines: ["    - \"0.0.0.0/0\""]),
        ].joined(separator: "\n---\n") + "\n"
        let report = try HostileInputTests.run(["services.yaml": Array(text.utf8)])
        let open = report.findings.filter { $0.ruleId == "MMC-NET-001" }
        #expect(open.map(\.resource) == ["Service/prod/lb-a", "Service/prod/lb-b", "Service/prod/lb-c"])
        #expect(open.map { $0.suppression?.justification } == ["approved in SEC-1", "first, above", nil])
        #expect(report.warnings.map(\.message) == ["stale inline ignore (MMC-NET-001) matched no finding; remove it"])
    }

    @Test func manyAnnotatedObjectsEachFindTheirOwnIgnore() throws {
        let text = (0..<300).map { index in
            Self.service("lb-\(index)", annotation: index.isMultiple(of: 2) ? "MMC-NET-001 reason \(index)" : nil,
                         rangeLines: ["    - \"0.0.0.0/0\""])
        }.joined(separator: "\n---\n") + "\n"
        let report = try HostileInputTests.run(["services.yaml": Array(text.utf8)])
        let open = report.findings.filter { $0.ruleId == "MMC-NET-001" }
        #expect(open.count == 300)
        for finding in open {
            let index = try #require(Int(finding.resource.split(separator: "-").last ?? ""))
            #expect(finding.suppression?.justification == (index.isMultiple(of: 2) ? "reason \(index)" : nil))
        }
        #expect(report.warnings.isEmpty)
    }
}
