@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// The AWS Load Balancer Controller's managed security group admits the managed prefix lists it is given
/// (`security-group-prefix-lists`, the Service's `aws-load-balancer-security-group-prefix-lists`, an
/// `IngressClassParams`'s `prefixListsIDs`) and then opens no 0.0.0.0/0 default: each list is an entry that cannot be
/// verified, never a world-open one; CIDRs given beside them are still judged.
@Suite struct LoadBalancerPrefixListsTests {
    typealias H = AdapterHarness

    static let ingressTLS = [
        "alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc",
        "alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06",
    ]
    static let ingressPrefixList = "alb.ingress.kubernetes.io/security-group-prefix-lists: pl-00000000000000001, pl-2"
    static let publicIngress = "alb.ingress.kubernetes.io/scheme: internet-facing"

    static func ingress(_ annotations: [String], className: String = "alb") -> String {
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: prod\n  annotations:\n"
            + (annotations + ingressTLS).map { "    \($0)\n" }.joined() + "spec:\n  ingressClassName: \(className)\n"
    }

    static func classParams(_ spec: [String]) -> String {
        "apiVersion: elbv2.k8s.aws/v1beta1\nkind: IngressClassParams\nmetadata:\n  name: pub\nspec:\n"
            + spec.map { "  \($0)\n" }.joined()
            + "---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: pub\nspec:\n"
            + "  controller: ingress.k8s.aws/alb\n  parameters:\n    apiGroup: elbv2.k8s.aws\n"
            + "    kind: IngressClassParams\n    name: pub\n---\n" + ingress([], className: "pub")
    }

    static let servicePrefixList = "service.beta.kubernetes.io/aws-load-balancer-security-group-prefix-lists: pl-00000000000000001"
    static let lbcScheme = "service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing"

    static func service(_ annotations: [String], sourceRanges: String? = nil) -> String {
        LoadBalancerServiceText.make(name: "web", namespace: "prod", annotations: annotations,
                                     loadBalancerClass: "service.k8s.aws/nlb", sourceRanges: sourceRanges, port: 443)
    }

    /// The entries' blocks (`nil`: cannot be verified) and the network findings.
    static func judged(_ text: String) throws -> (blocks: [String?], findings: [Finding]) {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        let blocks = read.deployments.flatMap(\.allowlists).flatMap(\.entries).map(\.cidr.value.known)
        return (blocks, try H.findings(read.deployments).filter { $0.ruleId.hasPrefix("MMC-NET") })
    }

    @Test("A prefix list without CIDRs is no world-open entry but one that cannot be verified", arguments: [
        (LoadBalancerPrefixListsTests.ingress([publicIngress, ingressPrefixList]), ["MMC-NET-011 8:60 Ingress/prod/web", "MMC-NET-011 8:82 Ingress/prod/web"]),
        (LoadBalancerPrefixListsTests.classParams(["scheme: internet-facing", "prefixListsIDs: [pl-00000000000000001]"]), ["MMC-NET-011 7:20 Ingress/prod/web"]),
        (LoadBalancerPrefixListsTests.classParams(["scheme: internet-facing", "PrefixListsIDs: [pl-00000000000000001]"]), ["MMC-NET-011 7:20 Ingress/prod/web"]),
        (LoadBalancerPrefixListsTests.service([lbcScheme, servicePrefixList]), ["MMC-NET-011 8:79 Service/prod/web"]),
    ])
    func aPrefixListIsAnEntryThatCannotBeVerified(text: String, expected: [String]) throws {
        let judged = try Self.judged(text)
        #expect(judged.blocks.allSatisfy { $0 == nil } && !judged.blocks.isEmpty, "\(judged.blocks)")
        #expect(H.summary(judged.findings) == expected)
        #expect(judged.findings.allSatisfy { $0.message.contains("cannot be verified") && $0.message.contains("pl-") })
    }

    @Test func cidrsBesideAPrefixListAreStillJudged() throws {
        let ingress = try Self.judged(Self.ingress([Self.publicIngress, Self.ingressPrefixList,
                                                    "alb.ingress.kubernetes.io/inbound-cidrs: 0.0.0.0/0"]))
        #expect(ingress.blocks == ["0.0.0.0/0", nil, nil])
        #expect(ingress.findings.first?.message.contains("admits every IPv4 address") == true)
        let service = try Self.judged(Self.service([Self.lbcScheme, Self.servicePrefixList], sourceRanges: "52.20.12.0/24"))
        #expect(service.blocks == ["52.20.12.0/24", nil])
        let classRanges = try Self.judged(Self.classParams(["scheme: internet-facing", "inboundCIDRs: [0.0.0.0/0]",
                                                            "prefixListsIDs: [pl-00000000000000001]"]))
        #expect(classRanges.blocks == ["0.0.0.0/0", nil])
    }

    @Test func withoutAPrefixListTheDefaultIsStillWorldOpen() throws {
        // The in-tree controller does not read the LBC's annotation; a blank one lists nothing on an Ingress.
        let inTree = LoadBalancerServiceText.make(name: "web", namespace: "prod", annotations: [Self.servicePrefixList],
                                                  loadBalancerClass: nil, port: 443)
        #expect(try Self.judged(inTree).blocks == ["0.0.0.0/0"])
        let blank = try Self.judged(Self.ingress([Self.publicIngress, "alb.ingress.kubernetes.io/security-group-prefix-lists: ' , '"]))
        #expect(blank.blocks == ["0.0.0.0/0"])
        // An internal load balancer's prefix lists are not judged.
        #expect(try Self.judged(Self.ingress([Self.ingressPrefixList])).blocks.isEmpty)
        #expect(try Self.judged(Self.service([Self.servicePrefixList])).blocks.isEmpty)
    }
}
