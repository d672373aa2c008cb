@testable import PolicyCheckKit
import Testing

/// A Classic Load Balancer's listeners in Terraform source are judged as in a plan (MMC-ENC-004).
@Suite struct TerraformSourceClassicListenerTests {
    @Test func plainHTTPAndAMissingOrCustomSecurityPolicyAreJudgedInternalOrNot() throws {
        let findings = try TerraformSourceFixture.findings("classic-load-balancer-listeners-fail")
            .filter { $0.ruleId == "MMC-ENC-004" }
        #expect(findings.map { "\($0.line):\($0.column) \($0.resource) \($0.path)\($0.cannotVerify ? " (cannot verify)" : "")" } == [
            "17:25 aws_elb.public aws_elb.public.listener[0].lb_protocol",
            // The https listener on 8443 has no policy attached; the one on 443 has an accepted predefined one.
            "35:3 aws_elb.public aws_elb.public.listener[3]",
            // A custom policy enabling Protocol-TLSv1 accepts TLS 1.0: a finding, not "cannot verify".
            "69:1 aws_elb.public aws_lb_ssl_negotiation_policy.own",
            "89:25 aws_elb.internal aws_elb.internal.listener[0].lb_protocol",
        ])
    }
}
