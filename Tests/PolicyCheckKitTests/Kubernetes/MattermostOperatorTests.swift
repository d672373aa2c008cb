@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// A `Mattermost` resource is judged as the Ingress and Service the operator writes for it (mattermost-operator
/// `GenerateIngressV1Beta`, `GenerateALBIngressV1Beta`, `GenerateServiceV1Beta`, `sanitizeIngressAnnotations`).
@Suite struct MattermostOperatorTests {
    typealias H = AdapterHarness

    static func mattermost(_ spec: String) -> String {
        "apiVersion: installation.mattermost.com/v1beta1\nkind: Mattermost\nmetadata:\n  name: chat\n  namespace: mm\nspec:\n"
            + spec
    }

    static func rules(_ text: String) throws -> [String] {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return try H.findings(read.deployments).map(\.ruleId).filter { $0.hasPrefix("MMC-NET") || $0 == "MMC-ENC-004" }.sorted()
    }

    static let alb = "  awsLoadBalancerController:\n    enabled: true\n    internetFacing: true\n"

    /// The operator drops an annotation whose value holds a line break: an allowlist written as a block scalar, or
    /// a scheme with a trailing newline, never reaches the Ingress.
    @Test func annotationsWithALineBreakAreDroppedAsTheOperatorDropsThem() throws {
        let plain = Self.mattermost(Self.alb + "    annotations:\n      alb.ingress.kubernetes.io/inbound-cidrs: 52.20.12.0/24\n")
        #expect(try Self.rules(plain) == ["MMC-ENC-004"], "plain HTTP on 8065 without a certificate, from 52.20.12.0/24")
        let block = Self.mattermost(Self.alb + "    annotations:\n      alb.ingress.kubernetes.io/inbound-cidrs: |\n        52.20.12.0/24\n")
        #expect(try Self.rules(block) == ["MMC-ENC-004", "MMC-NET-011"])
        let scheme = Self.mattermost("  awsLoadBalancerController:\n    enabled: true\n    internetFacing: true\n    annotations:\n"
            + "      alb.ingress.kubernetes.io/scheme: \"internal\\n\"\n")
        #expect(try Self.rules(scheme) == ["MMC-ENC-004", "MMC-NET-011"])
        let nginx = Self.mattermost("  ingress:\n    enabled: true\n    annotations:\n"
            + "      nginx.ingress.kubernetes.io/whitelist-source-range: |\n        10.0.0.0/8\n")
        let read = H.read(text: nginx)
        #expect(read.deployments.first?.allowlists.isEmpty == true, "the dropped allowlist is not credited")
    }

    /// `spec.ingress.ingressClass: alb` (or the class annotation) makes the operator's Ingress the ALB controller's.
    @Test func anIngressOfTheALBClassIsJudgedAsAnALB() throws {
        let byClass = Self.mattermost("  ingress:\n    enabled: true\n    host: chat.example.com\n    ingressClass: alb\n"
            + "    annotations:\n      alb.ingress.kubernetes.io/scheme: internet-facing\n")
        #expect(try Self.rules(byClass) == ["MMC-ENC-004", "MMC-NET-011"])
        let byAnnotation = Self.mattermost("  ingress:\n    enabled: true\n    annotations:\n"
            + "      kubernetes.io/ingress.class: alb\n      alb.ingress.kubernetes.io/scheme: internet-facing\n")
        #expect(try Self.rules(byAnnotation) == ["MMC-ENC-004", "MMC-NET-011"])
        let nginx = Self.mattermost("  ingress:\n    enabled: true\n    ingressClass: nginx\n")
        #expect(try Self.rules(nginx).isEmpty)
    }

    /// `awsLoadBalancerController.ingressClassName` names the class whose IngressClassParams win over the operator's
    /// `scheme: internal`.
    @Test func theNamedClassesParametersApplyToTheOperatorsALB() throws {
        let text = """
            apiVersion: elbv2.k8s.aws/v1beta1
            kind: IngressClassParams
            metadata: {name: public}
            spec: {scheme: internet-facing}
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata: {name: shared}
            spec:
              controller: ingress.k8s.aws/alb
              parameters: {apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: public}
            ---

            """ + Self.mattermost("  awsLoadBalancerController:\n    enabled: true\n    internetFacing: false\n"
                + "    ingressClassName: shared\n    certificateARN: arn:aws:acm:us-east-1:123456789012:certificate/abc\n"
                + "    annotations:\n      alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06\n")
        #expect(try Self.rules(text) == ["MMC-NET-011"])
        #expect(try Self.rules(text.replacingOccurrences(of: "    ingressClassName: shared\n", with: "")).isEmpty,
                "the operator's own class has no parameters: internal")
    }

    /// The Service carries `serviceAnnotations` whatever its type: behind the ALB a NodePort Service, otherwise a
    /// headless one, which the AWS Load Balancer Controller makes an NLB of when they ask it to.
    @Test func serviceAnnotationsThatAskForAnNLBAreJudged() throws {
        let nlb = "  serviceAnnotations:\n    service.beta.kubernetes.io/aws-load-balancer-type: external\n"
            + "    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing\n"
        let behindALB = Self.mattermost(nlb + "  awsLoadBalancerController:\n    enabled: true\n"
            + "    annotations:\n      alb.ingress.kubernetes.io/inbound-cidrs: 52.20.12.0/24\n")
        let read = H.read(text: behindALB)
        let service = read.deployments.first?.allowlists.first { $0.kind == .loadBalancerSourceRanges }
        #expect(service?.entries.flatMap(\.allPorts) == [PortRange(8065, 8065), PortRange(8067, 8067)])
        #expect(try Self.rules(behindALB) == ["MMC-ENC-004", "MMC-NET-011"])
        let headless = Self.mattermost(nlb + "  ingress:\n    enabled: false\n")
        #expect(try Self.rules(headless) == ["MMC-NET-011"])
        #expect(try Self.rules(Self.mattermost("  serviceAnnotations:\n    a: b\n  ingress:\n    enabled: false\n")).isEmpty)
    }

    /// `spec.resourcePatch.service` is a JSON patch the operator applies to its Service: what the Service admits
    /// then cannot be verified, never a pass in silence (reviewer round 33).
    @Test func aServicePatchMakesTheServiceUnverifiable() throws {
        let text = Self.mattermost("  ingress:\n    enabled: false\n  resourcePatch:\n    service:\n      patch: |\n"
            + "        [{\"op\": \"replace\", \"path\": \"/spec/type\", \"value\": \"LoadBalancer\"}]\n")
        let read = H.read(text: text)
        let findings = try H.findings(read.deployments).filter { $0.ruleId == "MMC-NET-011" }
        #expect(findings.count == 1 && findings[0].message.contains("spec.resourcePatch.service"), "\(findings.map(\.message))")
    }

    /// With `spec.ingress`, the operator reads its annotations alone: the legacy `spec.ingressAnnotations` is ignored.
    @Test func theLegacyAnnotationsAreIgnoredBesideSpecIngress() throws {
        let text = Self.mattermost("  ingress:\n    enabled: true\n  ingressAnnotations:\n"
            + "    nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8\n")
        #expect(H.read(text: text).deployments.first?.allowlists.isEmpty == true)
        let legacy = Self.mattermost("  ingressAnnotations:\n    nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8\n")
        #expect(H.read(text: legacy).deployments.first?.allowlists.count == 1)
    }
}
