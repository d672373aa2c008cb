@testable import PolicyCheckAdapters
@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Service source ranges are read as Kubernetes reads them (trimmed, `ParseCIDRSloppy`), so a range Kubernetes
/// takes for the whole internet is critical, not a syntax finding that claims the platform refuses it.
@Suite struct SourceRangeTextTests {
    typealias H = AdapterHarness

    @Test(arguments: [
        "  loadBalancerSourceRanges: [\" 0.0.0.0/0\"]\n",
        "  loadBalancerSourceRanges: [\"000.000.000.000/0\"]\n",
        "  loadBalancerSourceRanges: [\"0.0.0.0/00\\t\"]\n",
    ])
    func aRangeKubernetesReadsAsWorldOpenIsCritical(ranges: String) throws {
        let text = "apiVersion: v1\nkind: Service\nmetadata: {name: w}\nspec:\n  type: LoadBalancer\n" + ranges
            + "  ports:\n  - port: 22\n"
        let findings = try H.findings(H.read(text: text).deployments)
        #expect(findings.map(\.ruleId) == ["MMC-NET-001"], "\(H.summary(findings))")
        #expect(findings.first?.message.contains("'0.0.0.0/0' admits every IPv4 address") == true)
        #expect(!findings.contains { $0.message.contains("the platform rejects") })
    }

    @Test func theAnnotationsItemsAreReadTheSameWay() throws {
        let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: w\n  annotations:\n"
            + "    service.beta.kubernetes.io/load-balancer-source-ranges: \"10.0.0.0/8, 000.0.0.0/0\"\n"
            + "spec:\n  type: LoadBalancer\n  ports:\n  - port: 22\n"
        let findings = try H.findings(H.read(text: text).deployments)
        #expect(findings.map(\.ruleId).contains("MMC-NET-001"), "\(H.summary(findings))")
        #expect(!findings.contains { $0.ruleId == "MMC-NET-002" })
    }

    @Test func onlyIPv4BlocksKubernetesAcceptsAreRewritten() {
        #expect(SourceRangeText.sloppyIPv4Block("010.001.0.00/08") == "10.1.0.0/8")
        #expect(SourceRangeText.sloppyIPv4Block("10.0.0.1") == nil, "a bare address is not a CIDR to ParseCIDRSloppy")
        #expect(SourceRangeText.sloppyIPv4Block("256.0.0.0/8") == nil && SourceRangeText.sloppyIPv4Block("1.2.3.4/33") == nil)
        #expect(SourceRangeText.sloppyIPv4Block("1.2.3/8") == nil && SourceRangeText.sloppyIPv4Block("+1.2.3.4/8") == nil)
        #expect(SourceRangeText.trimmingSpace("\u{A0} 1.2.3.4/32\u{85}") == "1.2.3.4/32", "Go's unicode.IsSpace")
    }
}
