@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// The AWS Load Balancer Controller's default source ranges are `0.0.0.0/0` and `::/0` when its load balancer takes
/// IPv6: an NLB of `aws-load-balancer-ip-address-type: dualstack`, an ALB of `ip-address-type: dualstack` or
/// `dualstack-without-public-ipv4` (or the class's `ipAddressType`); `0.0.0.0/0` alone otherwise.
@Suite struct DualStackDefaultTests {
    typealias H = AdapterHarness

    static let both: [String?] = ["0.0.0.0/0", "::/0"]

    static func blocks(_ text: String) -> [String?] {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return read.deployments.flatMap(\.allowlists).flatMap(\.entries).map(\.cidr.value.known)
    }

    static func service(_ annotations: [String], ipFamilies: String? = nil) -> String {
        var text = LoadBalancerServiceText.make(name: "db", namespace: "prod",
                                                annotations: ["service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing"] + annotations,
                                                loadBalancerClass: "service.k8s.aws/nlb", port: 5432)
        if let ipFamilies { text += "  ipFamilies: [\(ipFamilies)]\n" }
        return text
    }

    static func ingress(_ annotations: [String], className: String = "alb") -> String {
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: prod\n  annotations:\n"
            + (["alb.ingress.kubernetes.io/scheme: internet-facing"] + annotations).map { "    \($0)\n" }.joined()
            + "spec:\n  ingressClassName: \(className)\n"
    }

    static func classParams(_ spec: [String], ingressAnnotations: [String]) -> String {
        "apiVersion: elbv2.k8s.aws/v1beta1\nkind: IngressClassParams\nmetadata:\n  name: pub\nspec:\n"
            + spec.map { "  \($0)\n" }.joined()
            + "---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: pub\nspec:\n"
            + "  controller: ingress.k8s.aws/alb\n  parameters:\n    apiGroup: elbv2.k8s.aws\n"
            + "    kind: IngressClassParams\n    name: pub\n---\n" + ingress(ingressAnnotations, className: "pub")
    }

    @Test func aDualStackNLBOfTheControllerAdmitsEveryIPv6AddressToo() throws {
        let dualStack = Self.service(["service.beta.kubernetes.io/aws-load-balancer-ip-address-type: dualstack"])
        #expect(Self.blocks(dualStack) == Self.both)
        let findings = try H.findings(H.read(text: dualStack).deployments).filter { $0.ruleId.hasPrefix("MMC-NET") }
        #expect(findings.contains { $0.message.contains("'::/0' admits every IPv6 address on port 5432") })
        // The controller's NLB is IPv4 unless the annotation says dualstack: the Service's ipFamilies do not decide.
        #expect(Self.blocks(Self.service([], ipFamilies: "IPv6, IPv4")) == ["0.0.0.0/0"])
        #expect(Self.blocks(Self.service(["service.beta.kubernetes.io/aws-load-balancer-ip-address-type: ipv4"])) == ["0.0.0.0/0"])
    }

    @Test("A dual-stack ALB of the controller admits every IPv6 address too", arguments: [
        (DualStackDefaultTests.ingress(["alb.ingress.kubernetes.io/ip-address-type: dualstack-without-public-ipv4"]), DualStackDefaultTests.both),
        (DualStackDefaultTests.ingress(["alb.ingress.kubernetes.io/ip-address-type: dualstack"]), DualStackDefaultTests.both),
        (DualStackDefaultTests.ingress(["alb.ingress.kubernetes.io/ip-address-type: ipv4"]), ["0.0.0.0/0"]),
        (DualStackDefaultTests.classParams(["ipAddressType: dualstack"],
                                           ingressAnnotations: ["alb.ingress.kubernetes.io/ip-address-type: ipv4"]), DualStackDefaultTests.both),
        (DualStackDefaultTests.classParams(["ipAddressType: ipv4"],
                                           ingressAnnotations: ["alb.ingress.kubernetes.io/ip-address-type: dualstack"]), ["0.0.0.0/0"]),
    ])
    func aDualStackALBAdmitsEveryIPv6AddressToo(text: String, expected: [String?]) {
        #expect(Self.blocks(text) == expected)
    }
}
