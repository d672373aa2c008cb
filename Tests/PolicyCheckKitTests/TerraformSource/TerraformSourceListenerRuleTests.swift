@testable import PolicyCheckKit
import Testing

/// Listener rules in Terraform source are judged with the listener `listener_arn` refers to, as in a plan
/// (MMC-ENC-004): the reference relates them, since the listener's ARN is known only after apply.
@Suite struct TerraformSourceListenerRuleTests {
    @Test func aRuleForwardingFromAnHTTPListenerFailsAtItsAction() throws {
        let findings = try TerraformSourceFixture.findings("listener-rules-forwarding-plain-http-fail")
            .filter { $0.ruleId == "MMC-ENC-004" }
        #expect(findings.map { "\($0.line):\($0.column) \($0.resource) \($0.path)\($0.cannotVerify ? " (cannot verify)" : "")" } == [
            // The variable has no value: the finding points at its declaration, as other values it leaves unknown do.
            "5:1 aws_lb_listener_rule.shared aws_lb_listener_rule.shared.listener_arn (cannot verify)",
            "27:3 aws_lb_listener_rule.forward_everything aws_lb_listener_rule.forward_everything.action[0]",
        ])
    }
}
