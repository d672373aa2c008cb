@testable import PolicyCheckKit
import Testing

/// A LoadBalancer Service that Terraform's kubernetes provider creates (`kubernetes_service_v1`) is judged as the same
/// Service in a manifest: world-open without source ranges, its listeners by AWS's annotations. It was not read: a
/// Postgres port open to the internet passed silently.
@Suite struct TerraformKubernetesServiceTests {
    typealias Plan = TerraformPlanBuilder

    private func summary(_ annotations: String = "", spec: String = "", port: String = "5432",
                         type: String = "\"LoadBalancer\"") throws -> [String] {
        try TerraformSourceFixture.findings(main: """
            variable "ranges" {
              type = list(string)
            }

            provider "aws" {
              region = "us-east-1"
            }

            resource "aws_acm_certificate" "web" {
              domain_name       = "chat.example.com"
              validation_method = "DNS"
            }

            resource "kubernetes_service_v1" "db" {
              metadata {
                name      = "db"
                namespace = "prod"
                annotations = {
            \(annotations)
                }
              }
              spec {
                type = \(type)
            \(spec)
                port {
                  name = "main"
                  port = \(port)
                }
              }
            }
            """)
            .filter { $0.ruleId.hasPrefix("MMC-NET") || $0.ruleId == "MMC-ENC-004" }
            .map { "\($0.ruleId) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }
    }

    @Test func aLoadBalancerServiceWithoutSourceRangesIsWorldOpen() throws {
        #expect(try summary() == ["MMC-NET-001 kubernetes_service_v1.db"])
        #expect(try summary(spec: "    load_balancer_source_ranges = [\"52.20.12.0/24\"]").isEmpty)
        #expect(try summary(spec: "    load_balancer_source_ranges = [\"0.0.0.0/0\"]") == ["MMC-NET-001 kubernetes_service_v1.db"])
        // Internal as the in-tree provider reads it; a ClusterIP Service has no load balancer.
        #expect(try summary("      \"service.beta.kubernetes.io/aws-load-balancer-internal\" = \"true\"").isEmpty)
        #expect(try summary(type: "\"ClusterIP\"").isEmpty)
    }

    @Test func rangesKnownOnlyAtApplyCannotBeVerified() throws {
        #expect(try summary(spec: "    load_balancer_source_ranges = var.ranges") == ["MMC-NET-001 kubernetes_service_v1.db (cannot verify)"])
    }

    /// The usual TLS Service: the certificate is an `aws_acm_certificate`'s ARN, known only at apply — still a
    /// certificate, so the listener is TLS and its missing policy a finding.
    @Test func aCertificateKnownAtApplyMakesTLSListenersJudgedByTheirPolicy() throws {
        let certificate = "      \"service.beta.kubernetes.io/aws-load-balancer-ssl-cert\" = aws_acm_certificate.web.arn"
        let ranges = "    load_balancer_source_ranges = [\"52.20.12.0/24\"]"
        #expect(try summary(certificate, spec: ranges, port: "443") == ["MMC-ENC-004 kubernetes_service_v1.db"])
        let policy = "\n      \"service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy\" = \"ELBSecurityPolicy-TLS-1-2-2017-01\""
        #expect(try summary(certificate + policy, spec: ranges, port: "443").isEmpty)
    }

    @Test func aPlannedServiceIsReadFromThePlan() throws {
        var plan = Plan()
        plan.change("kubernetes_service_v1.db", "kubernetes_service_v1", after: [
            "metadata": [["name": "db", "namespace": "prod", "annotations": [
                "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
            ]]],
            "spec": [["type": "LoadBalancer", "port": [["name": "tls", "port": 443, "protocol": "TCP"]],
                      "load_balancer_source_ranges": ["52.20.12.0/24"]]],
        ], unknown: ["metadata": [["annotations": ["service.beta.kubernetes.io/aws-load-balancer-ssl-cert": true]]]])
        let findings = try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json))
        #expect(findings.map { "\($0.ruleId) \($0.resource)" } == ["MMC-ENC-004 kubernetes_service_v1.db"])
        #expect(findings.first?.message.contains("such as ELBSecurityPolicy-TLS13-1-2-2021-06") == true, "an NLB")
    }

    /// A port number known only at apply is still a port the certificate covers (no `ssl-ports`): the listener is
    /// judged, not dropped.
    @Test func aPortKnownOnlyAtApplyIsStillATLSListener() throws {
        var plan = Plan()
        plan.change("kubernetes_service_v1.db", "kubernetes_service_v1", after: [
            "metadata": [["name": "db", "annotations": [
                "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
            ]]],
            "spec": [["type": "LoadBalancer", "port": [["name": "tls", "protocol": "TCP"]],
                      "load_balancer_source_ranges": ["52.20.12.0/24"]]],
        ], unknown: ["spec": [["port": [["port": true]]]]])
        let findings = try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json))
        #expect(findings.map { "\($0.ruleId) \($0.cannotVerify)" } == ["MMC-ENC-004 false"])
    }
}
