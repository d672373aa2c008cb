import PolicyCheckKit
import Testing

/// `AWS::WAFv2::IPSet` is judged as Terraform's `aws_wafv2_ip_set` is: in full when a web ACL's allow rule references
/// it, not at all when only block rules do, and otherwise on what is a mistake either way (before round 35 no
/// template's IP set was read: the halves `0.0.0.0/1` and `128.0.0.0/1` in an allow rule's set passed).
@Suite struct CloudFormationWAFIPSetTests {
    typealias T = CloudFormationTesting

    static func set(_ name: String, _ addresses: String) -> String {
        """
          \(name):
            Type: AWS::WAFv2::IPSet
            Properties: {Scope: REGIONAL, IPAddressVersion: IPV4, Addresses: \(addresses)}

        """
    }

    static func rule(_ name: String, _ action: String, _ set: String) -> String {
        """
                - Name: \(name)
                  Priority: 1
                  Action: {\(action): {}}
                  Statement: {IPSetReferenceStatement: {Arn: !GetAtt \(set).Arn}}
                  VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: \(name)}

        """
    }

    static func summary(_ text: String) throws -> [String] {
        try T.findings(text).filter { $0.ruleId.hasPrefix("MMC-NET") }.map { "\($0.ruleId) \($0.resource)" }.sorted()
    }

    @Test func aSetIsJudgedByTheRulesThatUseIt() throws {
        let text = "Resources:\n" + Self.set("Partners", "[0.0.0.0/1, 128.0.0.0/1]") + Self.set("Blocked", "[0.0.0.0/1, 128.0.0.0/1]")
            + Self.set("Counted", "[0.0.0.0/1, 128.0.0.0/1]") + Self.set("Unused", "[8.0.0.0/8]") + Self.set("Wide", "[8.0.0.0/8]")
            + """
              Acl:
                Type: AWS::WAFv2::WebACL
                Properties:
                  Scope: REGIONAL
                  DefaultAction: {Block: {}}
                  VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: acl}
                  Rules:

            """
            + Self.rule("partners", "Allow", "Partners") + Self.rule("blocked", "Block", "Blocked")
            + Self.rule("counted", "Count", "Counted") + Self.rule("wide", "Allow", "Wide")
        let summary = try Self.summary(text)
        #expect(summary == [
            // Only counted: a set whose use is not known, judged whole as its entries cover every address.
            "MMC-NET-001 Counted", "MMC-NET-001 Partners",
            "MMC-NET-004 Counted", "MMC-NET-004 Counted",
            "MMC-NET-004 Partners", "MMC-NET-004 Partners",
            "MMC-NET-004 Wide",  // an allow rule's set is judged in full
        ], "\(summary)")
    }
}
