import Foundation
@testable import PolicyCheckKit
@testable import PolicyCheckPolicy
import Testing

/// MMC-NET-*: IP allowlists.
@Suite struct NetworkRuleTests {
    static let list = "acme-prod/network/ipFiltering"

    static let failures: [RuleFailure] = [
        RuleFailure("network/world-open/fail-ipv4.yaml", "MMC-NET-001", .critical, at: 14, 17, resource: list,
                    says: ["'0.0.0.0/0' admits every IPv4 address", "expected only the ranges that need access"]),
        RuleFailure("network/world-open/fail-ipv6.yaml", "MMC-NET-001", .critical, at: 12, 17, resource: list,
                    says: ["'::/0' admits every IPv6 address"]),
        RuleFailure("network/world-open/fail-union.yaml", "MMC-NET-001", .critical, at: 10, 7, resource: list,
                    says: ["the entries together (0.0.0.0/1, 128.0.0.0/1) cover every IPv4 address",
                           "the allowlist restricts nothing"],
                    also: ["MMC-NET-004", "MMC-NET-006"]),
        // Every address but those no internet host connects from (RFC 1918 space, multicast, reserved) is the whole
        // internet, as is IPv6's global unicast space (hostile pull request, round 33).
        RuleFailure("network/world-open/fail-union-public.yaml", "MMC-NET-001", .critical, at: 11, 7, resource: list,
                    says: ["the entries together (0.0.0.0/5, 8.0.0.0/7, 11.0.0.0/8, 12.0.0.0/6, …) cover every public IPv4 address"],
                    also: ["MMC-NET-004", "MMC-NET-005", "MMC-NET-006"]),
        RuleFailure("network/world-open/fail-union-global-unicast.yaml", "MMC-NET-001", .critical, at: 11, 7, resource: list,
                    says: ["'2000::/3' covers every public IPv6 address"], also: ["MMC-NET-004"]),
        RuleFailure("network/cidr-syntax/fail.yaml", "MMC-NET-002", .high, at: 12, 17, resource: list,
                    says: ["'300.120.10.0/24' is not a valid CIDR", "octet 300 is out of range"]),
        // Issue 15: the platform (Go's net.ParseCIDR) rejects padding; it was trimmed silently.
        RuleFailure("network/cidr-syntax/fail-padded.yaml", "MMC-NET-002", .high, at: 12, 17, resource: list,
                    says: ["' 34.120.10.0/24' is not a valid CIDR: it has leading or trailing blanks"]),
        // Issue 15: Shared offers no private connectivity, so its allowlist stays internet-facing.
        RuleFailure("network/special-purpose/fail-shared-private-connectivity.yaml", "MMC-NET-006", .medium, at: 14, 17,
                    resource: list, says: ["10.20.0.0/16"], also: ["MMC-OFF-001", "MMC-NET-005"]),
        RuleFailure("network/cidr-canonical/fail.yaml", "MMC-NET-003", .low, at: 12, 17, resource: list,
                    says: ["'34.120.10.7/24' has host bits set; it means 34.120.10.0/24 (256 addresses)",
                           "write 34.120.10.0/24"]),
        RuleFailure("network/breadth/fail-ipv4-12.yaml", "MMC-NET-004", .high, at: 12, 17, resource: list,
                    says: ["'34.112.0.0/12' admits 1,048,576 addresses, broader than /16", "expected /16 or narrower"]),
        RuleFailure("network/breadth/fail-ipv6-40.yaml", "MMC-NET-004", .high, at: 12, 17, resource: list,
                    says: ["'2a00:1400::/40' admits 2^88 addresses, broader than /48"]),
        // ::ffff:34.112.0.0/108 is 34.112.0.0/12, judged against the IPv4 limits (as IPv6 it would be narrow).
        RuleFailure("network/breadth/fail-ipv4-mapped.yaml", "MMC-NET-004", .high, at: 12, 17, resource: list,
                    says: ["'::ffff:34.112.0.0/108' admits 1,048,576 addresses, broader than /16"]),
        RuleFailure("network/breadth/fail-ipv4-20.yaml", "MMC-NET-005", .low, at: 12, 17, resource: list,
                    says: ["'34.112.0.0/20' admits 4,096 addresses, broader than /24", "expected /24 or narrower"]),
        RuleFailure("network/breadth/fail-ipv6-52.yaml", "MMC-NET-005", .low, at: 12, 17, resource: list,
                    says: ["'2a00:1450:4000::/52' admits 2^76 addresses, broader than /56"]),
        RuleFailure("network/special-purpose/fail-shared.yaml", "MMC-NET-006", .medium, at: 12, 17, resource: list,
                    says: ["'100.64.0.0/10' lies in special-purpose address space: 100.64.0.0/10 Shared Address Space (RFC 6598)",
                           "never reaches an internet-facing endpoint"],
                    also: ["MMC-NET-004"]),
        RuleFailure("network/special-purpose/fail-private.yaml", "MMC-NET-006", .medium, at: 12, 17, resource: list,
                    says: ["'10.20.30.0/24' lies in special-purpose address space: 10.0.0.0/8 Private-Use (RFC 1918)"]),
        RuleFailure("network/special-purpose/fail-ipv6-documentation.yaml", "MMC-NET-006", .medium, at: 12, 17,
                    resource: list, says: ["'3fff::/20' lies in special-purpose address space: 3fff::/20 Documentation"],
                    also: ["MMC-NET-004"]),
        RuleFailure("network/redundant-entries/fail-duplicate.yaml", "MMC-NET-007", .low, at: 14, 17, resource: list,
                    says: ["'34.120.10.0/24' duplicates '34.120.10.0/24' at spec.network.ipFiltering.allowlist[0]"]),
        RuleFailure("network/redundant-entries/fail-contained.yaml", "MMC-NET-007", .low, at: 14, 17, resource: list,
                    says: ["'34.120.10.128/25' lies inside '34.120.10.0/24' at spec.network.ipFiltering.allowlist[0]",
                           "adds nothing"]),
        RuleFailure("network/entry-description/fail.yaml", "MMC-NET-008", .low, at: 14, 11, resource: list,
                    says: ["allowlist entry '34.120.11.0/24' has no description"]),
        RuleFailure("network/entry-description/fail-bare-string.yaml", "MMC-NET-008", .low, at: 12, 11, resource: list,
                    says: ["allowlist entry '34.120.10.0/24' has no description"]),
        RuleFailure("network/effective-allowlist/fail.yaml", "MMC-NET-010", .high, at: 10, 16, resource: list,
                    says: ["IP filtering is enabled but all 1 entries are disabled, so it restricts nothing",
                           "expected at least one enabled entry"]),
        RuleFailure("network/effective-allowlist/fail-empty.yaml", "MMC-NET-010", .high, at: 10, 16, resource: list,
                    says: ["IP filtering is enabled but the allowlist is empty"]),
    ]

    static let passes: [RulePass] = [
        // The only world-open entry is disabled.
        RulePass("network/world-open/pass-disabled-entry.yaml", "MMC-NET-001"),
        // Filtering is off: the allowlist is not in force.
        RulePass("network/world-open/pass-filtering-off.yaml", "MMC-NET-001", outcome: nil),
        RulePass("network/cidr-syntax/pass.yaml", "MMC-NET-002"),
        // Issue 15: a disabled entry is not in force, so neither its syntax nor its description is judged.
        RulePass("network/cidr-syntax/pass-disabled-entry.yaml", "MMC-NET-002"),
        RulePass("network/cidr-syntax/pass-disabled-entry.yaml", "MMC-NET-008"),
        RulePass("network/cidr-canonical/pass.yaml", "MMC-NET-003"),
        RulePass("network/breadth/pass.yaml", "MMC-NET-004"),
        RulePass("network/breadth/pass.yaml", "MMC-NET-005"),
        // Not internet-facing behind private connectivity.
        RulePass("network/special-purpose/pass-private-connectivity.yaml", "MMC-NET-006", outcome: .notApplicable),
        RulePass("compliant/shared.yaml", "MMC-NET-006"),
        RulePass("network/redundant-entries/pass.yaml", "MMC-NET-007"),
        RulePass("network/entry-description/pass.yaml", "MMC-NET-008"),
        // Three entries are well within the default pack's 100.
        RulePass("network/max-entries/fail.yaml", "MMC-NET-009"),
        RulePass("network/effective-allowlist/pass.yaml", "MMC-NET-010"),
        RulePass("compliant/dedicated.yaml", "MMC-NET-010"),
    ]

    // MARK: - Breadth bands do not overlap

    @Test(arguments: [
        ("network/breadth/fail-ipv4-20.yaml", "MMC-NET-005", "MMC-NET-004"),
        ("network/breadth/fail-ipv4-12.yaml", "MMC-NET-004", "MMC-NET-005"),
        ("network/breadth/fail-ipv6-52.yaml", "MMC-NET-005", "MMC-NET-004"),
        ("network/breadth/fail-ipv6-40.yaml", "MMC-NET-004", "MMC-NET-005"),
        ("network/breadth/fail-ipv4-mapped.yaml", "MMC-NET-004", "MMC-NET-005"),
    ])
    func breadthIsReportedByExactlyOneBand(_ fixture: String, _ reported: String, _ silent: String) {
        let result = Fixture.check("native/" + fixture)
        #expect(result.findings(reported).count == 1)
        #expect(result.findings(silent).isEmpty, "\(result.summary)")
    }

    @Test(arguments: [
        ("34.112.0.0/15", ["MMC-NET-004"]), ("34.112.0.0/16", ["MMC-NET-005"]), ("34.112.0.0/23", ["MMC-NET-005"]),
        ("34.112.0.0/24", []), ("2a00:1450::/47", ["MMC-NET-004"]), ("2a00:1450::/48", ["MMC-NET-005"]),
        ("2a00:1450::/55", ["MMC-NET-005"]), ("2a00:1450::/56", []),
    ] as [(String, Set<String>)])
    func breadthBandEdges(_ cidr: String, _ rules: Set<String>) throws {
        let result = try Fixture.check("native/network/breadth/fail-ipv4-20.yaml", replacing: [("34.112.0.0/20", cidr)])
        #expect(result.ruleIds == rules, "\(cidr): \(result.summary)")
    }

    // MARK: - Invalid CIDRs are findings, not input errors

    @Test(arguments: ["300.120.10.0/24", "34.120.10.0/33", "not-a-cidr", "34.120.10/24", "2001:db8:::/48"])
    func invalidCIDRIsAFindingNotAnInputError(_ cidr: String) throws {
        let result = try Fixture.check("native/network/cidr-syntax/fail.yaml", replacing: [("300.120.10.0/24", cidr)])
        #expect(result.errors.isEmpty)
        let finding = try #require(result.findings("MMC-NET-002").first, "\(result.summary)")
        #expect(finding.line == 12 && finding.column == 17)
        #expect(finding.message.contains("'\(cidr)'"))
        #expect(result.ruleIds == ["MMC-NET-002"], "an unparsable entry is judged by nothing else: \(result.summary)")
    }

    // MARK: - Special-purpose ranges

    /// A description is blank exactly when Foundation's `.whitespaces` trims it to nothing (tabs and space
    /// separators such as U+00A0 and U+3000, but not line breaks).
    @Test(arguments: ["", " ", "\t \u{A0}\u{3000}\u{2003}", "\n", "office", " VPN ", "\u{200B}", "\u{A0}x",
                      "\u{1680}\u{202F}\u{205F}", "\u{200C}", "\u{85}", "\u{2028}", "\u{FEFF}"])
    func blankDescriptionsAreThoseFoundationTrimsAway(_ text: String) {
        let blank = text.unicodeScalars.allSatisfy(EntryDescriptionCheck.isWhitespace)
        #expect(blank == text.trimmingCharacters(in: .whitespaces).isEmpty)
    }

    @Test func whitespaceIsFoundationsForEveryScalar() {
        let differing = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            EntryDescriptionCheck.isWhitespace($0) != CharacterSet.whitespaces.contains($0)
        }
        #expect(differing.isEmpty, "\(differing.map { String($0.value, radix: 16) })")
    }

    @Test func specialPurposeRangeIsNotReportedBehindPrivateConnectivity() {
        let exposed = Fixture.check("native/network/special-purpose/fail-private.yaml")
        let privateOnly = Fixture.check("native/network/special-purpose/pass-private-connectivity.yaml")
        #expect(exposed.findings("MMC-NET-006").count == 1)
        #expect(privateOnly.findings.isEmpty)
    }

    // MARK: - Disabled entries do not count

    @Test func disabledEntriesDoNotCountTowardsCoverage() throws {
        let result = try Fixture.check("native/network/world-open/fail-union.yaml", replacing: [
            ("        - cidr: 128.0.0.0/1\n          description: office\n",
             "        - cidr: 128.0.0.0/1\n          description: office\n          enabled: false\n"),
        ])
        #expect(result.findings("MMC-NET-001").isEmpty, "\(result.summary)")
        // …but the disabled entry is still read and checked for syntax and description.
        #expect(result.deployments.first?.allowlists.first?.entries.count == 2)
    }

    @Test func disabledDuplicateIsNotRedundant() throws {
        let result = try Fixture.check("native/network/redundant-entries/fail-duplicate.yaml", replacing: [
            ("        - cidr: 34.120.10.0/24\n          description: office\n        - cidr: 34.120.10.0/24\n          description: office\n",
             "        - cidr: 34.120.10.0/24\n          description: office\n        - cidr: 34.120.10.0/24\n          description: office\n          enabled: false\n"),
        ])
        #expect(result.findings.isEmpty, "\(result.summary)")
    }

    @Test(arguments: [
        (["::/1", "8000::/1"], true),
        (["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2"], true),
        (["0.0.0.0/1", "2000::/4", "8000::/2"], false),
        // ::/1 holds 2000::/3, every global unicast address: the whole IPv6 internet.
        (["::/1"], true),
        (["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"], true),
        (["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/4"], false),
        (["0.0.0.0/1", "8000::/1"], false),
    ])
    func unionCoveringAWholeSpaceIsWorldOpen(_ cidrs: [String], _ worldOpen: Bool) throws {
        let entries = cidrs.map { "        - cidr: \($0)\n          description: office\n" }.joined()
        let result = try Fixture.check("native/network/world-open/fail-union.yaml", replacing: [
            ("        - cidr: 0.0.0.0/1\n          description: office\n        - cidr: 128.0.0.0/1\n          description: office\n",
             entries),
        ])
        #expect(result.findings("MMC-NET-001").isEmpty == !worldOpen, "\(cidrs): \(result.summary)")
    }

    // MARK: - Length limit from the pack's parameters

    @Test func maxEntriesComesFromThePackParameter() throws {
        let policy = try Fixture.policy("policies/max-entries-2.yaml")
        let result = Fixture.check("native/network/max-entries/fail.yaml", policy: policy)
        #expect(result.errors.isEmpty)
        let finding = try #require(result.findings("ACME-NET-009").first, "\(result.summary)")
        #expect(finding.severity == .medium)
        #expect(finding.resource == Self.list)
        #expect(finding.message == "allowlist has 3 enabled entries; at most 2 are allowed")
        #expect(finding.line == 10 && finding.column == 7)
        #expect(result.findings.count == 1)

        let two = Fixture.check("native/network/redundant-entries/pass.yaml", policy: policy)
        #expect(two.findings.isEmpty)
    }

    /// An entry whose block is imported from another stack printed `allowlist entry '?' has no description`.
    @Test func anEntryWithAnImportedBlockIsNamedByWhyItIsUnknown() throws {
        let result = Fixture.check("cloudformation/fail-imported-cidr-no-description.yaml")
        let finding = try #require(result.findings("MMC-NET-008").first)
        #expect(finding.message == "allowlist entry has no description; its address block is not known here: it is "
                + "imported from another stack's export, known only at deployment")
        #expect(finding.line == 14 && finding.column == 11)
    }
}
