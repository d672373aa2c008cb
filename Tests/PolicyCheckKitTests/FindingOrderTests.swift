@testable import PolicyCheckKit
import Testing

/// Sorting findings by their positions gives exactly what a stable sort of the values gives, ties included.
@Suite struct FindingOrderTests {
    private static func finding(_ file: String, _ line: Int, _ rule: String, _ message: String, path: String) -> Finding {
        Finding(ruleId: rule, title: "t", category: .network, severity: .high, resource: "r", file: file, line: line,
                column: 1, path: path, message: message, remediation: "", controls: [])
    }

    @Test func matchesAStableSortOfTheValues() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for round in 0..<50 {
            // Few distinct values, so many findings tie on every compared field and differ only in `path`.
            let findings = (0..<(round * 7 + 2)).map { index in
                Self.finding("f\(next(3)).json", next(4), "MMC-NET-00\(next(3))", "m\(next(2))", path: "p\(index)")
            }
            var expected: [(Int, Finding)] = Array(findings.enumerated())
            // Insertion sort: stable by construction.
            for i in 1..<expected.count {
                var j = i
                while j > 0, Finding.reportOrder(expected[j].1, expected[j - 1].1) {
                    expected.swapAt(j, j - 1)
                    j -= 1
                }
            }
            var sorted = findings
            sorted.sortForReport()
            #expect(sorted.map(\.path) == expected.map(\.1.path))
        }
    }

    @Test func leavesSortedAndTinyListsAsTheyAre() {
        var one = [Self.finding("a", 1, "R", "m", path: "x")]
        one.sortForReport()
        #expect(one.map(\.path) == ["x"])
        var ordered = [Self.finding("a", 1, "R", "m", path: "x"), Self.finding("a", 2, "R", "m", path: "y")]
        ordered.sortForReport()
        #expect(ordered.map(\.path) == ["x", "y"])
        var reversed = Array(ordered.reversed())
        reversed.sortForReport()
        #expect(reversed.map(\.path) == ["x", "y"])
    }

    /// Repeats are dropped whatever the length of the run of findings equal in report order (those differing only in
    /// path, as a Terraform `dynamic` block's items all placed at the block): past a few the run is looked up in a
    /// set (it was compared with every kept finding, quadratic, hunter round 37), with the same result as a scan.
    @Test func repeatsAreDroppedInRunsOfAnyLength() {
        for length in [1, 7, 8, 9, 40] {
            // Each distinct path twice, the repeats interleaved and at the end; a different message after the run.
            var findings = (0..<length).map { Self.finding("f.tf", 3, "MMC-NET-001", "m", path: "ingress[\($0)]") }
            findings += (0..<length).reversed().map { Self.finding("f.tf", 3, "MMC-NET-001", "m", path: "ingress[\($0)]") }
            findings.append(Self.finding("f.tf", 3, "MMC-NET-001", "n", path: "ingress[0]"))
            findings.append(Self.finding("f.tf", 3, "MMC-NET-001", "n", path: "ingress[0]"))
            findings.removeRepeatedFindings()
            #expect(findings.map(\.path) == (0..<length).map { "ingress[\($0)]" } + ["ingress[0]"], "length \(length)")
            #expect(findings.last?.message == "n")
        }
    }
}
