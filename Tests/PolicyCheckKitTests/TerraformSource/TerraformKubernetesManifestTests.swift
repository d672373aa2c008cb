import Foundation
@testable import PolicyCheckKit
import Testing

/// Kubernetes objects applied whole by Terraform — `kubernetes_manifest` (`manifest`) and `kubectl_manifest`
/// (`yaml_body`) — are judged as the same objects in a manifest. They were not read: a Service opening Postgres to
/// the internet through either passed silently, in plans and in source.
@Suite struct TerraformKubernetesManifestTests {
    typealias Plan = TerraformPlanBuilder

    /// `RULE resource` (with ` (cannot verify)`) of the network and listener rules, in order.
    static func brief(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId.hasPrefix("MMC-NET") || $0.ruleId == "MMC-ENC-004" }
            .map { "\($0.ruleId) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }
    }

    static func service(_ spec: [String: Any], metadata: [String: Any] = ["name": "db"]) -> [String: Any] {
        ["apiVersion": "v1", "kind": "Service", "metadata": metadata, "spec": spec]
    }

    static var loadBalancer: [String: Any] { ["type": "LoadBalancer", "ports": [["name": "postgres", "port": 5432]]] }

    static func planFindings(_ build: (inout Plan) -> Void) throws -> [Finding] {
        var plan = Plan()
        build(&plan)
        return try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json))
    }

    // MARK: - Plans

    @Test func worldOpenObjectsInAPlanFailAtTheirResources() throws {
        let findings = try TerraformFixture.findings(TerraformFixture.deployment("fail/kubernetes-manifest-world-open.json"))
        #expect(Self.brief(findings) == [
            "MMC-NET-001 kubernetes_manifest.db", "MMC-NET-011 kubernetes_manifest.web", "MMC-ENC-004 kubernetes_manifest.web",
            "MMC-NET-001 kubectl_manifest.cache",
        ])
        let paths = findings.filter { $0.ruleId == "MMC-NET-001" }.map(\.path)
        #expect(paths == ["resource_changes[0].change.after.manifest.spec.loadBalancerSourceRanges",
                          "resource_changes[2].change.after.yaml_body.spec.loadBalancerSourceRanges[0]"])
    }

    @Test func objectsWithSourceRangesPass() throws {
        let findings = try TerraformFixture.findings(TerraformFixture.deployment("pass/kubernetes-manifest-source-ranges.json"))
        #expect(Self.brief(findings).isEmpty)
    }

    @Test func aValueThatDecidesWhatTheServiceAdmitsKnownOnlyAtApplyCannotBeVerified() throws {
        let findings = try Self.planFindings { plan in
            plan.change("kubernetes_manifest.db", "kubernetes_manifest", after: ["manifest": Self.service(Self.loadBalancer)],
                        unknown: ["manifest": ["spec": ["loadBalancerSourceRanges": true]]])
        }
        #expect(Set(Self.brief(findings)) == ["MMC-NET-001 kubernetes_manifest.db (cannot verify)",
                                              "MMC-ENC-004 kubernetes_manifest.db (cannot verify)"])
        #expect(findings.first { $0.ruleId == "MMC-NET-001" }?.message.contains("spec.loadBalancerSourceRanges is known only after apply") == true)
    }

    /// A hostile author cannot turn a failure into "cannot verify" with an unknown value that decides nothing.
    @Test func anUnknownNameOrLabelStillFails() throws {
        let findings = try Self.planFindings { plan in
            plan.change("kubernetes_manifest.db", "kubernetes_manifest",
                        after: ["manifest": Self.service(Self.loadBalancer, metadata: ["labels": ["app": "db"]])],
                        unknown: ["manifest": ["metadata": ["name": true, "labels": ["team": true], "uid": true],
                                               "spec": ["selector": ["app": true]]]])
        }
        #expect(Self.brief(findings) == ["MMC-NET-001 kubernetes_manifest.db"])
        // An annotation no controller reads, a port's name, the traffic policy: they decide nothing (they turned the
        // critical finding into an info one; the same Service as kubernetes_service_v1 stayed critical).
        let harmless = try Self.planFindings { plan in
            plan.change("kubernetes_manifest.db", "kubernetes_manifest",
                        after: ["manifest": Self.service(Self.loadBalancer.merging(["externalTrafficPolicy": NSNull()]) { $1 },
                                                         metadata: ["name": "db", "annotations": ["example.com/owner": NSNull()]])],
                        unknown: ["manifest": ["metadata": ["annotations": ["example.com/owner": true]],
                                               "spec": ["externalTrafficPolicy": true, "ports": [["name": true]]]]])
        }
        #expect(Self.brief(harmless) == ["MMC-NET-001 kubernetes_manifest.db"])
        // An annotation a load balancer controller reads still decides.
        let deciding = try Self.planFindings { plan in
            plan.change("kubernetes_manifest.db", "kubernetes_manifest",
                        after: ["manifest": Self.service(Self.loadBalancer, metadata: ["name": "db", "annotations": [
                            "service.beta.kubernetes.io/aws-load-balancer-scheme": NSNull()]])],
                        unknown: ["manifest": ["metadata": ["annotations": ["service.beta.kubernetes.io/aws-load-balancer-scheme": true]]]])
        }
        #expect(Self.brief(deciding).contains("MMC-NET-001 kubernetes_manifest.db (cannot verify)"))
    }

    /// The usual TLS Service: its certificate is an `aws_acm_certificate`'s ARN, known only at apply. It is still a
    /// certificate (as for `kubernetes_service_v1`), and it does not hide the world-open allowlist.
    @Test func aCertificateKnownOnlyAtApplyIsStillACertificate() throws {
        let findings = try Self.planFindings { plan in
            plan.change("kubernetes_manifest.db", "kubernetes_manifest", after: ["manifest": Self.service(
                ["type": "LoadBalancer", "ports": [["name": "tls", "port": 443]]],
                metadata: ["name": "db", "annotations": ["external-dns.alpha.kubernetes.io/hostname": "db.example.com"]])],
                        unknown: ["manifest": ["metadata": ["annotations": [
                            "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": true,
                            "external-dns.alpha.kubernetes.io/hostname": true,
                        ]]]])
        }
        #expect(Self.brief(findings) == ["MMC-NET-011 kubernetes_manifest.db", "MMC-ENC-004 kubernetes_manifest.db"])
        #expect(findings.first { $0.ruleId == "MMC-ENC-004" }?.message.contains("negotiation") == true
                || findings.first { $0.ruleId == "MMC-ENC-004" }?.message.contains("policy") == true)
    }

    /// Should a plan write the object as text, it is read as a YAML body is — not skipped.
    @Test func aManifestWrittenAsTextIsRead() throws {
        let findings = try Self.planFindings { plan in
            plan.change("kubernetes_manifest.db", "kubernetes_manifest", after: [
                "manifest": #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"db"},"spec":{"type":"LoadBalancer"}}"#,
            ])
        }
        #expect(Self.brief(findings) == ["MMC-NET-001 kubernetes_manifest.db"])
    }

    @Test func aClusterIPServiceWithAnUnknownPortHasNoLoadBalancer() throws {
        let findings = try Self.planFindings { plan in
            plan.change("kubernetes_manifest.db", "kubernetes_manifest",
                        after: ["manifest": Self.service(["type": "ClusterIP", "ports": [["name": "x"]]])],
                        unknown: ["manifest": ["spec": ["ports": [["port": true]]]]])
        }
        #expect(Self.brief(findings).isEmpty)
    }

    @Test func wholeObjectsKnownOnlyAtApplyCannotBeVerified() throws {
        let findings = try Self.planFindings { plan in
            plan.change("kubernetes_manifest.whole", "kubernetes_manifest", after: [:], unknown: ["manifest": true])
            plan.change("kubectl_manifest.body", "kubectl_manifest", after: [:], unknown: ["yaml_body": true, "yaml_body_parsed": true])
        }
        let net = findings.filter { $0.ruleId == "MMC-NET-001" }
        #expect(net.map(\.resource) == ["kubernetes_manifest.whole", "kubectl_manifest.body"])
        #expect(net.allSatisfy { $0.cannotVerify })
    }

    @Test func aPlanWithoutYamlBodyIsReadFromYamlBodyParsed() throws {
        let findings = try Self.planFindings { plan in
            plan.change("kubectl_manifest.p", "kubectl_manifest", after: [
                "yaml_body_parsed": "apiVersion: v1\nkind: Service\nmetadata:\n  name: p\nspec:\n  type: LoadBalancer\n",
            ])
        }
        #expect(Self.brief(findings) == ["MMC-NET-001 kubectl_manifest.p"])
    }

    @Test func anUnknownNetworkPolicyBlockCannotBeVerified() throws {
        let findings = try Self.planFindings { plan in
            plan.change("kubernetes_manifest.np", "kubernetes_manifest", after: ["manifest": [
                "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": ["name": "n"],
                "spec": ["podSelector": [String: Any](), "ingress": [["from": [["ipBlock": [String: Any]()]]]]],
            ]], unknown: ["manifest": ["spec": ["ingress": [["from": [["ipBlock": ["cidr": true]]]]]]]])
        }
        #expect(findings.filter { $0.ruleId.hasPrefix("MMC-NET") }.allSatisfy { $0.cannotVerify })
        #expect(!findings.filter { $0.ruleId.hasPrefix("MMC-NET") }.isEmpty)
    }

    /// A body that is not YAML is an error (the plan's line and column, and the body's), never a pass; the plan's
    /// other objects are still judged, and nothing of the body — a Secret's password here — is repeated.
    @Test func aYamlBodyThatDoesNotParseIsAnErrorAndTheRestIsJudged() throws {
        let deployment = try TerraformFixture.deployment("error/kubectl-manifest-yaml-body-not-yaml.json")
        let errors = deployment.notices.filter(\.isError)
        #expect(errors.map(\.description) == [
            "error/kubectl-manifest-yaml-body-not-yaml.json:17:24: error: kubectl_manifest.broken: the Kubernetes object in its YAML body cannot be checked: line 7, column 1 of the text: found unexpected end of stream (while scanning a quoted scalar at 6:13)",
        ])
        #expect(!errors.contains { $0.description.contains("hunter2") })
        #expect(try Self.brief(TerraformFixture.findings(deployment)) == ["MMC-NET-001 kubernetes_manifest.db"])
    }

    // MARK: - Hostile bodies

    static func kubectl(_ body: String) throws -> (findings: [Finding], notices: [Diagnostic]) {
        var plan = Plan()
        plan.change("kubectl_manifest.x", "kubectl_manifest", after: ["yaml_body": body])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        return (try TerraformFixture.findings(deployment), deployment.notices)
    }

    /// kubectl_manifest applies one document; a harmless first one does not hide a world-open second.
    @Test func everyDocumentOfABodyIsJudged() throws {
        let (findings, notices) = try Self.kubectl("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: harmless}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: second}
            spec: {type: LoadBalancer, ports: [{port: 3306}]}
            """)
        #expect(Self.brief(findings) == ["MMC-NET-001 kubectl_manifest.x"])
        #expect(findings.first?.path == "resource_changes[0].change.after.yaml_body[1].spec.loadBalancerSourceRanges")
        #expect(notices.map(\.severity) == [.warning])
    }

    @Test func anchorsAndMergeKeysAreReadAsKubectlReadsThem() throws {
        let (findings, _) = try Self.kubectl("""
            apiVersion: v1
            kind: Service
            metadata: {name: merged}
            x-base: &base
              type: LoadBalancer
              ports: [{port: 5432}]
            spec:
              <<: *base
            """)
        #expect(Self.brief(findings) == ["MMC-NET-001 kubectl_manifest.x"])
    }

    @Test func aJudgedKindSpeltInAnotherCaseCannotBeVerified() throws {
        let (findings, _) = try Self.kubectl("apiVersion: v1\nkind: service\nmetadata: {name: odd}\nspec: {type: LoadBalancer}\n")
        let net = findings.filter { $0.ruleId == "MMC-NET-001" }
        #expect(net.count == 1 && net.allSatisfy { $0.cannotVerify })
        #expect(net.first?.message.contains("kinds are case-sensitive") == true)
    }

    /// The object is the Terraform resource's: its own `policycheck.io/ignore` annotation silences nothing.
    @Test func anIgnoreAnnotationInsideTheBodyIsNotHonoured() throws {
        let (findings, _) = try Self.kubectl("""
            apiVersion: v1
            kind: Service
            metadata:
              name: x
              annotations: {policycheck.io/ignore: "MMC-NET-001 approved by nobody"}
            spec: {type: LoadBalancer, ports: [{port: 5432}]}
            """)
        #expect(Self.brief(findings) == ["MMC-NET-001 kubectl_manifest.x"])
    }

    @Test func aSecretIsNeverRepeated() throws {
        let (findings, notices) = try Self.kubectl("""
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            stringData: {password: hunter2-do-not-print}
            """)
        #expect(findings.filter { $0.message.contains("hunter2") }.isEmpty)
        #expect(notices.isEmpty)
    }

    @Test func aBodyThatDoesNotParseRepeatsNoneOfItsText() throws {
        // A duplicate key in a Secret's body: the parser's message quoted the key.
        let (_, notices) = try Self.kubectl("""
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            stringData:
              AKIAIOSFODNN7EXAMPLE: a
              AKIAIOSFODNN7EXAMPLE: b
            """)
        #expect(notices.count == 1)
        #expect(notices.allSatisfy { !$0.description.contains("AKIA") }, "\(notices)")
        #expect(notices.first?.description.contains("line 6, column 3 of the text: duplicate key '…' in a mapping") == true, "\(notices)")
    }

    // MARK: - Source

    @Test func worldOpenObjectsInSourceFailAtTheirResources() throws {
        let findings = try TerraformSourceFixture.findings("kubernetes-manifest-world-open-fail")
        #expect(Self.brief(findings) == [
            "MMC-NET-001 kubernetes_manifest.db", "MMC-NET-001 kubectl_manifest.search", "MMC-NET-001 kubectl_manifest.cache",
        ])
        #expect(findings.filter { $0.ruleId == "MMC-NET-001" }.map { "\($0.line):\($0.column) \($0.path)" } == [
            "14:12 kubernetes_manifest.db.manifest.spec.loadBalancerSourceRanges",
            "26:15 kubectl_manifest.search.yaml_body.spec.loadBalancerSourceRanges",
            "31:15 kubectl_manifest.cache.yaml_body.spec.loadBalancerSourceRanges[0]",
        ])
    }

    static func source(_ resources: String) throws -> [String] {
        let text = "variable \"cidr\" {\n  type = string\n}\n\n" + resources
        return brief(try TerraformSourceFixture.findings(main: text))
    }

    @Test func whatSourceCannotTellCannotBeVerified() throws {
        // A variable without a value, a templatefile() (not evaluated), a file outside the module's tree.
        #expect(try Self.source("""
            resource "kubernetes_manifest" "a" {
              manifest = {
                apiVersion = "v1"
                kind       = "Service"
                metadata   = { name = "a" }
                spec       = { type = "LoadBalancer", loadBalancerSourceRanges = [var.cidr], ports = [{ port = 443 }] }
              }
            }
            resource "kubectl_manifest" "b" {
              yaml_body = templatefile("${path.module}/svc.yaml.tpl", {})
            }
            resource "kubectl_manifest" "c" {
              yaml_body = file("/etc/hostname")
            }
            """).filter { $0.hasPrefix("MMC-NET") } == [
            "MMC-NET-001 kubernetes_manifest.a (cannot verify)", "MMC-NET-001 kubectl_manifest.b (cannot verify)",
            "MMC-NET-001 kubectl_manifest.c (cannot verify)",
        ])
        // A label from the variable decides nothing: the Service is still world-open.
        #expect(try Self.source("""
            resource "kubernetes_manifest" "a" {
              manifest = {
                apiVersion = "v1"
                kind       = "Service"
                metadata   = { name = "a", labels = { team = var.cidr } }
                spec       = { type = "LoadBalancer", ports = [{ port = 22, targetPort = var.cidr }] }
              }
            }
            """) == ["MMC-NET-001 kubernetes_manifest.a"])
    }

    @Test func aYamlBodyWrittenWithYamlencodeIsJudged() throws {
        // yamlencode() was not evaluated: every such body "could not be verified", a world-open Service included,
        // and a cert-manager Certificate (no kind the rules read) was two info findings.
        #expect(try Self.source("""
            resource "kubectl_manifest" "a" {
              yaml_body = yamlencode({
                apiVersion = "v1"
                kind       = "Service"
                metadata   = { name = "a", namespace = var.cidr }
                spec       = { type = "LoadBalancer", ports = [{ port = 5432 }] }
              })
            }
            resource "kubectl_manifest" "b" {
              yaml_body = yamlencode({
                apiVersion = "v1"
                kind       = "Service"
                metadata   = { name = "b" }
                spec       = { type = "LoadBalancer", loadBalancerSourceRanges = ["0.0.0.0/0"], ports = [{ port = 6379 }] }
              })
            }
            resource "kubectl_manifest" "c" {
              yaml_body = yamlencode({
                apiVersion = "cert-manager.io/v1"
                kind       = "Certificate"
                metadata   = { name = var.cidr }
                spec       = { commonName = var.cidr }
              })
            }
            resource "kubectl_manifest" "d" {
              yaml_body = yamlencode({
                apiVersion = "v1"
                kind       = "Service"
                metadata   = { name = "d" }
                spec       = { type = "LoadBalancer", loadBalancerSourceRanges = [var.cidr], ports = [{ port = 443 }] }
              })
            }
            """).filter { $0.hasPrefix("MMC-NET") }
            == ["MMC-NET-001 kubectl_manifest.a", "MMC-NET-001 kubectl_manifest.b", "MMC-NET-001 kubectl_manifest.d (cannot verify)"])
    }

    /// An IngressClassParams is a CRD object, which the kubernetes provider has no resource of its own for: it is
    /// applied with kubernetes_manifest or kubectl_manifest, and the classes of `kubernetes_ingress_class_v1` name
    /// it. Its scheme decides both Ingresses (one a `kubernetes_ingress_v1`, one applied whole); it was "cannot
    /// verify" for the first and not found for the second.
    /// An Ingress of the class `public`, applied with kubectl_manifest.
    static let apiIngress = """
        resource "kubectl_manifest" "api" {
          yaml_body = <<-YAML
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: api
            spec:
              ingressClassName: public
              defaultBackend:
                service: {name: api, port: {number: 80}}
          YAML
        }
        """

    /// A `List` body applies several objects: each finding names its own object beside the resource, so a second,
    /// world-open Service in the list is not read as the first one's (tester round 29); a body of one object keeps
    /// the resource's name alone.
    @Test func eachObjectOfAListBodyIsNamed() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            provider "aws" {
              region = "us-east-1"
            }
            resource "kubectl_manifest" "web" {
              yaml_body = <<-YAML
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: Service
                    metadata:
                      name: web
                    spec:
                      type: LoadBalancer
                      ports:
                        - port: 443
                  - apiVersion: v1
                    kind: Service
                    metadata:
                      name: db
                    spec:
                      type: LoadBalancer
                      ports:
                        - port: 5432
              YAML
            }
            resource "kubectl_manifest" "one" {
              yaml_body = <<-YAML
                apiVersion: v1
                kind: Service
                metadata:
                  name: cache
                spec:
                  type: LoadBalancer
                  ports:
                    - port: 6379
              YAML
            }
            """)
        #expect(Set(Self.brief(findings).filter { !$0.hasPrefix("MMC-ENC") }) == [
            "MMC-NET-011 kubectl_manifest.web (Service/default/web)", "MMC-NET-001 kubectl_manifest.web (Service/default/db)",
            "MMC-NET-001 kubectl_manifest.one",
        ], "\(findings)")
    }

    @Test func classesAndParametersAppliedWholeAreTheirIngresses() throws {
        let findings = try TerraformSourceFixture.findings(main: """
            resource "kubernetes_ingress_class_v1" "public" {
              metadata {
                name = "public"
              }
              spec {
                controller = "ingress.k8s.aws/alb"
                parameters {
                  api_group = "elbv2.k8s.aws"
                  kind      = "IngressClassParams"
                  name      = "public-params"
                }
              }
            }

            resource "kubernetes_manifest" "params" {
              manifest = {
                apiVersion = "elbv2.k8s.aws/v1beta1"
                kind       = "IngressClassParams"
                metadata   = { name = "public-params" }
                spec       = { scheme = "internet-facing" }
              }
            }

            resource "kubernetes_ingress_v1" "web" {
              metadata {
                name = "web"
              }
              spec {
                ingress_class_name = "public"
                default_backend {
                  service {
                    name = "web"
                    port {
                      number = 80
                    }
                  }
                }
              }
            }

            \(Self.apiIngress)
            """)
        #expect(Self.brief(findings).filter { $0.hasPrefix("MMC-NET") } == [
            "MMC-NET-011 kubectl_manifest.api", "MMC-NET-011 kubernetes_ingress_v1.web",
        ])
        #expect(findings.filter { $0.ruleId == "MMC-NET-011" }.map { "\($0.line):\($0.column)" } == ["20:29", "20:29"])
    }

    /// A class or parameters applied whole with a value known only at apply were left out, so their Ingresses were
    /// judged by their annotations alone (internal by default): a world-open ALB passed.
    @Test func aClassWithAValueKnownOnlyAtApplyIsNotLeftOut() throws {
        func findings(classAnnotation: String = "", parametersName: String = "\"edge\"", tags: String = "") throws -> [String] {
            let text = """
                resource "kubernetes_manifest" "class" {
                  manifest = {
                    apiVersion = "networking.k8s.io/v1"
                    kind       = "IngressClass"
                    metadata   = { name = "public"\(classAnnotation) }
                    spec       = { controller = "ingress.k8s.aws/alb", parameters = { apiGroup = "elbv2.k8s.aws", kind = "IngressClassParams", name = \(parametersName) } }
                  }
                }
                resource "kubernetes_manifest" "params" {
                  manifest = {
                    apiVersion = "elbv2.k8s.aws/v1beta1"
                    kind       = "IngressClassParams"
                    metadata   = { name = "edge" }
                    spec       = { scheme = "internet-facing"\(tags) }
                  }
                }
                \(Self.apiIngress)
                """
            return Self.brief(try TerraformSourceFixture.findings(main: "variable \"owner\" {\n  type = string\n}\n" + text))
                .filter { $0.hasPrefix("MMC-NET-011") }
        }
        #expect(try findings() == ["MMC-NET-011 kubectl_manifest.api"])
        // An annotation or a tag that decides nothing: judged as if known.
        #expect(try findings(classAnnotation: ", annotations = { \"example.com/owner\" = var.owner }") == ["MMC-NET-011 kubectl_manifest.api"])
        #expect(try findings(tags: ", tags = [{ key = \"owner\", value = var.owner }]") == ["MMC-NET-011 kubectl_manifest.api"])
        // The parameters' name not known: which parameters apply cannot be told.
        #expect(try findings(parametersName: "var.owner") == ["MMC-NET-011 kubectl_manifest.api (cannot verify)"])
    }

    /// `manifest = yamldecode(file(…))`, the usual way to apply a YAML file with kubernetes_manifest: yamldecode was
    /// not evaluated, so such an object could only be "cannot verify".
    @Test func yamldecodeOfAYamlObjectIsJudged() throws {
        let findings = try TerraformSourceFixture.findings(files: [
            "main.tf": """
                resource "kubernetes_manifest" "db" {
                  manifest = yamldecode(file("${path.module}/db.yaml"))
                }
                resource "kubernetes_manifest" "two" {
                  manifest = yamldecode("kind: ConfigMap\\n---\\nkind: Service\\n")
                }
                """,
            "db.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: LoadBalancer\n  ports: [{port: 5432}]\n",
        ])
        #expect(Self.brief(findings).filter { $0.hasPrefix("MMC-NET") } == [
            "MMC-NET-001 kubernetes_manifest.db", "MMC-NET-001 kubernetes_manifest.two (cannot verify)",
        ])
        #expect(findings.first { $0.resource == "kubernetes_manifest.two" && $0.ruleId == "MMC-NET-001" }?.message
            .contains("it uses yamldecode() of 2 YAML documents, which policycheck does not evaluate") == true)
    }

    @Test func yamldecodeOfTextThatIsNotYamlStopsTheModule() throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": """
            resource "kubernetes_manifest" "db" {
              manifest = yamldecode("kind: [Service")
            }
            """])
        let outcome = TerraformSourceReader().read(directory: directory, name: "module")
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.message.contains("the argument is not valid YAML (line 1, column 15 of the text") == true,
                "\(outcome.errors)")
    }

    /// A module of several files: what a resource in the second file holds is placed in that file, not the first.
    @Test func problemsAndFindingsNameTheFileTheResourceIsIn() throws {
        let directory = try TerraformSourceFixture.temporaryModule([
            "a.tf": "provider \"aws\" {\n  region = \"us-east-1\"\n}\n",
            "b.tf": """
                resource "kubectl_manifest" "broken" {
                  yaml_body = "kind: [x"
                }
                resource "kubectl_manifest" "open" {
                  yaml_body = "{apiVersion: v1, kind: Service, metadata: {name: o}, spec: {type: LoadBalancer}}"
                }
                """,
        ])
        let outcome = TerraformSourceReader().read(directory: directory, name: "module")
        #expect(outcome.errors.map { "\(($0.file as NSString).lastPathComponent):\($0.location.map(\.description) ?? "-")" } == ["b.tf:2:15"])
        let deployment = try #require(outcome.deployment)
        let findings = try TerraformFixture.findings(deployment).filter { $0.ruleId == "MMC-NET-001" }
        #expect(findings.map { "\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column)" } == ["b.tf:5:15"])
    }

    @Test func aYamlBodyThatDoesNotParseInSourceIsAnErrorOfTheModule() throws {
        let directory = try TerraformSourceFixture.temporaryModule(["main.tf": """
            resource "kubectl_manifest" "broken" {
              yaml_body = <<-YAML
                kind: [Service
              YAML
            }
            resource "kubernetes_manifest" "db" {
              manifest = {
                apiVersion = "v1"
                kind       = "Service"
                metadata   = { name = "db" }
                spec       = { type = "LoadBalancer" }
              }
            }
            """])
        let outcome = TerraformSourceReader().read(directory: directory, name: "module")
        #expect(outcome.errors.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.message)" } == [
            "2:15 kubectl_manifest.broken: the Kubernetes object in its YAML body cannot be checked: line 2, column 1 of the text: did not find expected ',' or ']' (while parsing a flow sequence at 1:7)",
        ])
        let deployment = try #require(outcome.deployment)
        #expect(try Self.brief(TerraformFixture.findings(deployment)) == ["MMC-NET-001 kubernetes_manifest.db"])
    }
}
