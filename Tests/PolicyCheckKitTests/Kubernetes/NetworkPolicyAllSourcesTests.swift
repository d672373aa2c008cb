@testable import PolicyCheckKit
import Testing

/// A NetworkPolicy ingress rule whose `from` is missing or empty "matches all sources"
/// (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/): judged as `0.0.0.0/0` and
/// `::/0` on its ports, as the same rule with `ipBlock: 0.0.0.0/0` is. Before, it passed (tester, round 35: the
/// bitnami/postgresql chart's `allowExternal: true` render, kubernetes/website's allow-all example).
@Suite struct NetworkPolicyAllSourcesTests {
    typealias H = AdapterHarness

    static func policy(_ ingress: String) -> String {
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db, namespace: prod}
        spec:
          podSelector: {matchLabels: {app: postgresql}}
          ingress:
        \(ingress)
        """
    }

    static func summary(_ text: String) throws -> [String] {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return try H.findings(read.deployments).filter { $0.ruleId == "MMC-NET-001" }
            .map { "\($0.line):\($0.column) \($0.message.prefix(while: { $0 != ";" }))" }
    }

    @Test func aRuleWithoutFromAdmitsEverySourceOnItsPorts() throws {
        #expect(try Self.summary(Self.policy("    - ports: [{port: 5432}]")) == [
            "7:7 '0.0.0.0/0' admits every IPv4 address on port 5432",
            "7:7 '::/0' admits every IPv6 address on port 5432",
        ])
        // An empty `from`, and an empty rule (every source, every port), alike; located at `from` or the rule.
        #expect(try Self.summary(Self.policy("    - from: []\n      ports: [{port: 5432}]")).first == "7:13 '0.0.0.0/0' admits every IPv4 address on port 5432")
        #expect(try Self.summary(Self.policy("    - {}")).count == 2)
    }

    @Test func peersThatNameOnlyPodsOrNamespacesAdmitNoAddressRange() throws {
        #expect(try Self.summary(Self.policy("""
                - from: [{podSelector: {matchLabels: {app: chat}}}, {namespaceSelector: {matchLabels: {team: chat}}}]
                  ports: [{port: 5432}]
            """)) == [])
        // No ingress rule at all denies every source.
        #expect(try Self.summary(Self.policy("    []")) == [])
    }
}

extension NetworkPolicyAllSourcesTests {
    /// `policyTypes` without `Ingress` makes a policy egress-only: its ingress rules apply to nothing (review, round 35).
    @Test func anEgressOnlyPolicysIngressRulesAreNotJudged() throws {
        let text = Self.policy("    - ports: [{port: 5432}]").replacingOccurrences(
            of: "  ingress:", with: "  policyTypes: [Egress]\n  ingress:")
        #expect(try Self.summary(text) == [])
        #expect(try Self.summary(text.replacingOccurrences(of: "[Egress]", with: "[Ingress, Egress]")).count == 2)
    }
}
