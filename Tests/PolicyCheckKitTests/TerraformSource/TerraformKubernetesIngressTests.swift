import Foundation
@testable import PolicyCheckKit
import Testing

/// An Ingress that Terraform's kubernetes provider creates (`kubernetes_ingress_v1`, `kubernetes_ingress`) is judged
/// as the same Ingress in a manifest: an internet-facing ALB without `inbound-cidrs` is world-open (MMC-NET-011), its
/// listeners by their annotations (MMC-ENC-004). It was not read: a world-open ALB passed silently, exit 0.
@Suite struct TerraformKubernetesIngressTests {
    typealias Plan = TerraformPlanBuilder
    typealias H = AdapterHarness

    static let internetFacing = ("alb.ingress.kubernetes.io/scheme", "internet-facing")
    static let cidrs = ("alb.ingress.kubernetes.io/inbound-cidrs", "52.20.12.0/24")
    static let certificate = ("alb.ingress.kubernetes.io/certificate-arn", "arn:aws:acm:us-east-1:123456789012:certificate/abc")
    static let bothPorts = ("alb.ingress.kubernetes.io/listen-ports", #"[{"HTTP": 80}, {"HTTPS": 443}]"#)
    static let currentPolicy = ("alb.ingress.kubernetes.io/ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06")
    static let oldPolicy = ("alb.ingress.kubernetes.io/ssl-policy", "ELBSecurityPolicy-2016-08")
    static let redirect = ("alb.ingress.kubernetes.io/ssl-redirect", "443")

    /// The network and listener findings of an Ingress written in Terraform source: `annotations` are literal values,
    /// `expressions` HCL expressions (`var.scheme`).
    private func summary(_ annotations: [(String, String)] = [], expressions: [(String, String)] = [],
                         className: String? = "\"alb\"", resource: String = "kubernetes_ingress_v1",
                         extra: String = "", backend: String? = nil) throws -> [String] {
        let lines = annotations.map { "      \(hcl($0.0)) = \(hcl($0.1))" } + expressions.map { "      \(hcl($0.0)) = \($0.1)" }
        let backendBlock = backend ?? """
                    backend {
                      service {
                        name = "web"
                        port {
                          number = 80
                        }
                      }
                    }
            """
        return Self.brief(try TerraformSourceFixture.findings(main: """
            variable "scheme" {
              type = string
            }

            variable "class" {
              type = string
            }

            provider "aws" {
              region = "us-east-1"
            }

            resource "aws_acm_certificate" "web" {
              domain_name       = "chat.example.com"
              validation_method = "DNS"
            }
            \(extra)
            resource "\(resource)" "web" {
              metadata {
                name      = "web"
                namespace = "prod"
                annotations = {
            \(lines.joined(separator: "\n"))
                }
              }
              spec {
                \(className.map { "ingress_class_name = \($0)" } ?? "")
                rule {
                  host = "chat.example.com"
                  http {
                    path {
                      path      = "/"
                      path_type = "Prefix"
            \(backendBlock)
                    }
                  }
                }
              }
            }
            """))
    }

    /// The same Ingress as a manifest, named as the Terraform resource is, for parity.
    private func manifestSummary(_ annotations: [(String, String)], className: String? = "alb") throws -> [String] {
        var text = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: prod\n"
        text += "  annotations:\n" + annotations.map { "    \($0.0): '\($0.1)'\n" }.joined() + "spec:\n"
        if let className { text += "  ingressClassName: \(className)\n" }
        text += "  rules:\n  - host: chat.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n"
        text += "        backend:\n          service:\n            name: web\n            port:\n              number: 80\n"
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return Self.brief(try H.findings(read.deployments))
            .map { $0.replacingOccurrences(of: "Ingress/prod/web", with: "kubernetes_ingress_v1.web") }
    }

    private static func brief(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId.hasPrefix("MMC-NET") || $0.ruleId == "MMC-ENC-004" }
            .map { "\($0.ruleId) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }.sorted()
    }

    private func hcl(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Judged as the manifest is: the Terraform findings, which the same Ingress written as YAML also gives.
    private func expectParity(_ annotations: [(String, String)], className: String? = "alb", _ expected: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let terraform = try summary(annotations, className: className.map { "\"\($0)\"" })
        #expect(terraform == expected.sorted(), sourceLocation: sourceLocation)
        #expect(try manifestSummary(annotations, className: className) == terraform, "as the manifest", sourceLocation: sourceLocation)
    }

    @Test func aWorldOpenALBIngressFails() throws {
        try expectParity([Self.internetFacing],
                         ["MMC-NET-011 kubernetes_ingress_v1.web", "MMC-ENC-004 kubernetes_ingress_v1.web"])
        // The class annotation rather than the class name.
        try expectParity([("kubernetes.io/ingress.class", "alb"), Self.internetFacing], className: nil,
                         ["MMC-NET-011 kubernetes_ingress_v1.web", "MMC-ENC-004 kubernetes_ingress_v1.web"])
    }

    @Test func inboundCIDRsRestrictTheALB() throws {
        try expectParity([Self.internetFacing, Self.cidrs], ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        try expectParity([Self.internetFacing, ("alb.ingress.kubernetes.io/inbound-cidrs", "0.0.0.0/0")],
                         ["MMC-NET-011 kubernetes_ingress_v1.web", "MMC-ENC-004 kubernetes_ingress_v1.web"])
    }

    @Test func anInternalALBIsNotWorldOpen() throws {
        try expectParity([("alb.ingress.kubernetes.io/scheme", "internal")], ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        // The controller's default scheme is internal.
        try expectParity([], ["MMC-ENC-004 kubernetes_ingress_v1.web"])
    }

    @Test func anHTTPSListenerWithAnOldPolicyFails() throws {
        try expectParity([Self.internetFacing, Self.cidrs, Self.certificate, Self.oldPolicy],
                         ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        try expectParity([Self.internetFacing, Self.cidrs, Self.certificate, Self.currentPolicy], [])
    }

    @Test func aPlainHTTPListenerWithoutRedirectFails() throws {
        try expectParity([Self.internetFacing, Self.cidrs, Self.certificate, Self.currentPolicy, Self.bothPorts],
                         ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        try expectParity([Self.internetFacing, Self.cidrs, Self.certificate, Self.currentPolicy, Self.bothPorts,
                          Self.redirect], [])
    }

    @Test func aNonALBClassIsNotAnAWSALB() throws {
        try expectParity([], className: "nginx", [])
        try expectParity([("nginx.ingress.kubernetes.io/whitelist-source-range", "0.0.0.0/0")], className: "nginx",
                         ["MMC-NET-001 kubernetes_ingress_v1.web"])
    }

    /// The usual TLS Ingress: the certificate is an `aws_acm_certificate`'s ARN, known only at apply — still a
    /// certificate, so the listener is HTTPS and its missing policy a finding.
    @Test func aCertificateKnownAtApplyIsStillACertificate() throws {
        let certificate = [("alb.ingress.kubernetes.io/certificate-arn", "aws_acm_certificate.web.arn")]
        #expect(try summary([Self.internetFacing, Self.cidrs], expressions: certificate)
                == ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        #expect(try summary([Self.internetFacing, Self.cidrs, Self.currentPolicy], expressions: certificate).isEmpty)
    }

    @Test func annotationsKnownOnlyAtApplyCannotBeVerified() throws {
        let scheme = [("alb.ingress.kubernetes.io/scheme", "var.scheme")]
        #expect(try summary([], expressions: scheme)
                == ["MMC-ENC-004 kubernetes_ingress_v1.web", "MMC-NET-011 kubernetes_ingress_v1.web (cannot verify)"])
        // A CIDR list still decides, judged as an internet-facing ALB's.
        #expect(try summary([Self.cidrs], expressions: scheme) == ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        let cidrs = [("alb.ingress.kubernetes.io/inbound-cidrs", "var.scheme")]
        #expect(try summary([Self.internetFacing], expressions: cidrs)
                == ["MMC-ENC-004 kubernetes_ingress_v1.web", "MMC-NET-011 kubernetes_ingress_v1.web (cannot verify)"])
        let policy = [("alb.ingress.kubernetes.io/ssl-policy", "var.scheme")]
        #expect(try summary([Self.internetFacing, Self.cidrs, Self.certificate], expressions: policy)
                == ["MMC-ENC-004 kubernetes_ingress_v1.web (cannot verify)"])
        // Listen ports known only at apply: the world-open ALB opens every port (as a Service's port number known only
        // at apply does), its listeners cannot be verified.
        let ports = [("alb.ingress.kubernetes.io/listen-ports", "var.scheme")]
        #expect(try summary([Self.internetFacing], expressions: ports)
                == ["MMC-ENC-004 kubernetes_ingress_v1.web (cannot verify)", "MMC-NET-001 kubernetes_ingress_v1.web"])
        let redirect = [("alb.ingress.kubernetes.io/ssl-redirect", "var.scheme")]
        #expect(try summary([Self.internetFacing, Self.cidrs, Self.certificate, Self.currentPolicy, Self.bothPorts],
                            expressions: redirect) == ["MMC-ENC-004 kubernetes_ingress_v1.web (cannot verify)"])
    }

    @Test func aClassKnownOnlyAtApplyCannotBeVerified() throws {
        #expect(try summary([Self.internetFacing], className: "var.class")
                == ["MMC-ENC-004 kubernetes_ingress_v1.web (cannot verify)",
                    "MMC-NET-011 kubernetes_ingress_v1.web (cannot verify)"])
    }

    /// A `kubernetes_ingress_class_v1` of the AWS Load Balancer Controller makes its Ingresses ALBs, as an
    /// `IngressClass` does in a manifest; parameters it names are not in the plan, so they cannot be verified.
    @Test func anIngressClassOfTheControllerMakesAnALB() throws {
        let ingressClass = """

            resource "kubernetes_ingress_class_v1" "public" {
              metadata {
                name = "public"
              }
              spec {
                controller = "ingress.k8s.aws/alb"
              }
            }

            """
        #expect(try summary([("alb.ingress.kubernetes.io/scheme", "internet-facing")], className: "\"public\"",
                            extra: ingressClass) == ["MMC-ENC-004 kubernetes_ingress_v1.web", "MMC-NET-011 kubernetes_ingress_v1.web"])
        #expect(try summary([], className: "\"public\"", extra: ingressClass) == ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        #expect(try summary([], className: "\"other\"", extra: ingressClass).isEmpty)
        // The class annotated the default one is the class of an Ingress that names none.
        let defaultClass = ingressClass.replacingOccurrences(of: "    name = \"public\"\n", with: """
                name = "public"
                annotations = {
                  "ingressclass.kubernetes.io/is-default-class" = "true"
                }

            """)
        #expect(try summary([], className: nil, extra: defaultClass) == ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        #expect(try summary([], className: nil, extra: ingressClass).isEmpty)
        let withParameters = ingressClass.replacingOccurrences(of: "controller = \"ingress.k8s.aws/alb\"", with: """
            controller = "ingress.k8s.aws/alb"
                parameters {
                  api_group = "elbv2.k8s.aws"
                  kind      = "IngressClassParams"
                  name      = "public"
                }
            """)
        #expect(try summary([], className: "\"public\"", extra: withParameters)
                == ["MMC-ENC-004 kubernetes_ingress_v1.web (cannot verify)",
                    "MMC-NET-011 kubernetes_ingress_v1.web (cannot verify)"])
    }

    /// The older `kubernetes_ingress` (v1beta1): `backend { service_name, service_port }`; a `use-annotation` port
    /// takes its action from the `actions.<name>` annotation.
    @Test func theOlderIngressResourceIsJudgedToo() throws {
        let backend = """
                      backend {
                        service_name = "to-https"
                        service_port = "use-annotation"
                      }
            """
        let action = ("alb.ingress.kubernetes.io/actions.to-https",
                      #"{"type": "redirect", "redirectConfig": {"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}}"#)
        // The rule redirects; the default action is the controller's 404: nothing serves plain HTTP.
        #expect(try summary([Self.internetFacing, Self.cidrs, action], resource: "kubernetes_ingress", backend: backend).isEmpty)
        #expect(try summary([Self.internetFacing], resource: "kubernetes_ingress", backend: backend)
                == ["MMC-ENC-004 kubernetes_ingress.web (cannot verify)", "MMC-NET-011 kubernetes_ingress.web"],
                "the action annotation is missing: the controller refuses the Ingress")
    }

    // MARK: - Plans (`terraform show -json`)

    private func planSummary(annotations: Any, unknown: [String: Any] = [:],
                             className: Any = "alb") throws -> [String] {
        var plan = Plan()
        plan.change("kubernetes_ingress_v1.web", "kubernetes_ingress_v1", after: [
            "metadata": [["name": "web", "namespace": "prod", "annotations": annotations]],
            "spec": [["ingress_class_name": className, "default_backend": [] as [Any], "tls": [] as [Any],
                      "rule": [["host": "chat.example.com", "http": [["path": [[
                          "path": "/", "path_type": "Prefix",
                          "backend": [["service": [["name": "web", "port": [["number": 80, "name": ""]]]]]],
                      ]]]]]]]],
        ], unknown: unknown)
        return Self.brief(try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json)))
    }

    @Test func aPlannedWorldOpenALBIngressFails() throws {
        #expect(try planSummary(annotations: ["alb.ingress.kubernetes.io/scheme": "internet-facing"])
                == ["MMC-ENC-004 kubernetes_ingress_v1.web", "MMC-NET-011 kubernetes_ingress_v1.web"])
        #expect(try planSummary(annotations: ["alb.ingress.kubernetes.io/scheme": "internet-facing",
                                              "alb.ingress.kubernetes.io/inbound-cidrs": "52.20.12.0/24"])
                == ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        #expect(try planSummary(annotations: ["alb.ingress.kubernetes.io/scheme": "internal"])
                == ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        #expect(try planSummary(annotations: ["nginx.ingress.kubernetes.io/ssl-redirect": "true"], className: "nginx").isEmpty)
    }

    @Test func plannedListenersAreJudgedByTheirAnnotations() throws {
        let restricted: [String: Any] = ["alb.ingress.kubernetes.io/scheme": "internet-facing",
                                         "alb.ingress.kubernetes.io/inbound-cidrs": "52.20.12.0/24",
                                         "alb.ingress.kubernetes.io/certificate-arn": Self.certificate.1]
        var old = restricted
        old[Self.oldPolicy.0] = Self.oldPolicy.1
        #expect(try planSummary(annotations: old) == ["MMC-ENC-004 kubernetes_ingress_v1.web"], "an old policy")
        var current = restricted
        current[Self.currentPolicy.0] = Self.currentPolicy.1
        #expect(try planSummary(annotations: current).isEmpty)
        current[Self.bothPorts.0] = Self.bothPorts.1
        #expect(try planSummary(annotations: current) == ["MMC-ENC-004 kubernetes_ingress_v1.web"], "plain HTTP forwarded")
        current[Self.redirect.0] = Self.redirect.1
        #expect(try planSummary(annotations: current).isEmpty)
    }

    @Test func plannedAnnotationsKnownOnlyAtApplyCannotBeVerified() throws {
        let cidrs = ["metadata": [["annotations": ["alb.ingress.kubernetes.io/inbound-cidrs": true]]]]
        #expect(try planSummary(annotations: ["alb.ingress.kubernetes.io/scheme": "internet-facing"], unknown: cidrs)
                == ["MMC-ENC-004 kubernetes_ingress_v1.web", "MMC-NET-011 kubernetes_ingress_v1.web (cannot verify)"])
        // A certificate known only at apply is a certificate: an HTTPS listener judged by its (default) policy.
        let certificate = ["metadata": [["annotations": ["alb.ingress.kubernetes.io/certificate-arn": true]]]]
        let findings = try planSummary(annotations: ["alb.ingress.kubernetes.io/scheme": "internet-facing",
                                                     "alb.ingress.kubernetes.io/inbound-cidrs": "52.20.12.0/24"],
                                       unknown: certificate)
        #expect(findings == ["MMC-ENC-004 kubernetes_ingress_v1.web"])
        let annotations = ["metadata": [["annotations": true]]]
        #expect(try planSummary(annotations: NSNull(), unknown: annotations)
                == ["MMC-ENC-004 kubernetes_ingress_v1.web (cannot verify)",
                    "MMC-NET-011 kubernetes_ingress_v1.web (cannot verify)"])
    }

    // MARK: - Fixtures

    @Test func theWorldOpenFixturesFail() throws {
        let plan = Self.brief(try TerraformFixture.findings(TerraformFixture.deployment("fail/kubernetes-ingress-world-open-alb.json")))
        #expect(plan == ["MMC-ENC-004 kubernetes_ingress_v1.web", "MMC-NET-011 kubernetes_ingress_v1.web"])
        let source = Self.brief(try TerraformSourceFixture.findings("kubernetes-ingress-world-open-alb-fail"))
        #expect(source == ["MMC-ENC-004 kubernetes_ingress_v1.web", "MMC-NET-011 kubernetes_ingress_v1.web"])
    }
}
