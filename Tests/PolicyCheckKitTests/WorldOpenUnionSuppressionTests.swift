import PolicyCheckKit
import Testing

/// Entries that together cover a whole address space are judged on the list, whatever the entries' own findings:
/// ignoring one world-open entry must not hide a list that is world-open anyway (issue 14, item 3).
@Suite struct WorldOpenUnionSuppressionTests {
    @Test(arguments: [
        ("world-open-ipv6-union-not-hidden-by-ignored-ipv4-entry.yaml", "::/1, 8000::/1", "IPv6"),
        ("world-open-ipv4-union-not-hidden-by-ignored-ipv4-entry.yaml", "0.0.0.0/1, 128.0.0.0/1", "IPv4"),
    ])
    func unionIsReportedBesideAnIgnoredWholeSpaceEntry(fixture: String, blocks: String, version: String) throws {
        let report = SuppressionHarness.run([fixture])
        let worldOpen = report.findings.filter { $0.ruleId == "MMC-NET-001" }
        // The single entry is ignored as its comment says…
        let entry = try #require(worldOpen.first { $0.message.contains("'0.0.0.0/0' admits every IPv4 address") })
        #expect(entry.suppression?.kind == .inline)
        // …but the union stands on its own, at the list, unsuppressed.
        let union = try #require(worldOpen.first { $0.message.contains("the entries together (\(blocks)) cover every \(version) address") })
        #expect(union.suppression == nil)
        #expect(union.line == 10)
        #expect(report.exitCode == 1)
    }
}
