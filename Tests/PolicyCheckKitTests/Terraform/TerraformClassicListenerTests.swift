import PolicyCheckKit
import Testing

/// The `listener` blocks of `aws_elb` are judged as `aws_lb_listener`s are (MMC-ENC-004), internal or not; an HTTPS
/// or SSL listener's security policy is the one attached to its port by other resources.
@Suite struct TerraformClassicListenerTests {
    typealias Plan = TerraformPlanBuilder

    private func listenerFindings(_ plan: Plan) throws -> [Finding] {
        try TerraformFixture.findings("MMC-ENC-004", json: plan.json)
    }

    private static func listener(_ port: Int, _ protocolName: String) -> [String: Any] {
        ["instance_port": port, "instance_protocol": protocolName, "lb_port": port, "lb_protocol": protocolName]
    }

    @Test func plainHTTPFailsInternalOrNotAndTCPIsNotJudged() throws {
        var plan = Plan()
        plan.change("aws_elb.lb", "aws_elb", after: [
            "availability_zones": ["us-east-1a"], "listener": [Self.listener(80, "http"), Self.listener(5432, "tcp")],
        ])
        plan.change("aws_elb.internal", "aws_elb", after: [
            "internal": true, "subnets": ["subnet-1"], "listener": [Self.listener(80, "http")],
        ])
        let findings = try listenerFindings(plan)
        #expect(findings.map { "\($0.resource) \($0.path)" } == [
            "aws_elb.lb resource_changes[0].change.after.listener[0].lb_protocol",
            "aws_elb.internal resource_changes[1].change.after.listener[0].lb_protocol",
        ])
        #expect(findings.first?.message
            == "the listener accepts plain HTTP and forwards it; expected HTTPS or SSL (a Classic Load Balancer has no redirect actions)")
    }

    /// A listener policy and a negotiation policy for one port: each replaces the port's set when applied, in an order
    /// the plan does not fix, so the worst is judged (before, the negotiation policy, read last, won silently).
    @Test func twoPoliciesForOnePortAreJudgedAtTheWorst() throws {
        var plan = Plan()
        plan.change("aws_elb.lb", "aws_elb", after: ["name": "lb", "listener": [Self.listener(443, "https")]])
        plan.change("aws_load_balancer_policy.old", "aws_load_balancer_policy", after: [
            "load_balancer_name": "lb", "policy_name": "old", "policy_type_name": "SSLNegotiationPolicyType",
            "policy_attribute": [["name": "Reference-Security-Policy", "value": "ELBSecurityPolicy-2016-08"]],
        ])
        plan.change("aws_load_balancer_listener_policy.https", "aws_load_balancer_listener_policy", after: [
            "load_balancer_name": "lb", "load_balancer_port": 443, "policy_names": ["old"],
        ])
        plan.change("aws_lb_ssl_negotiation_policy.current", "aws_lb_ssl_negotiation_policy", after: [
            "name": "current", "load_balancer": "lb", "lb_port": 443,
            "attribute": [["name": "Reference-Security-Policy", "value": "ELBSecurityPolicy-TLS-1-2-2017-01"]],
        ])
        let findings = try listenerFindings(plan)
        #expect(findings.map(\.path) == ["resource_changes[1].change.after.policy_attribute[0].value"])
        #expect(findings.first?.message.hasPrefix("the listener uses the security policy 'ELBSecurityPolicy-2016-08'") == true)
    }

    @Test func anHTTPSListenerTakesThePolicyAttachedToItsPortElseTheDefault() throws {
        var plan = Plan()
        var https = Self.listener(443, "https")
        https["ssl_certificate_id"] = "arn:aws:acm:us-east-1:123456789012:certificate/c"
        plan.change("aws_elb.lb", "aws_elb", after: [
            "name": "lb", "listener": [https, Self.listener(8443, "https"), Self.listener(636, "ssl")],
        ])
        plan.change("aws_load_balancer_policy.tls", "aws_load_balancer_policy", after: [
            "load_balancer_name": "lb", "policy_name": "tls", "policy_type_name": "SSLNegotiationPolicyType",
            "policy_attribute": [["name": "Reference-Security-Policy", "value": "ELBSecurityPolicy-2016-08"]],
        ])
        plan.change("aws_load_balancer_listener_policy.https", "aws_load_balancer_listener_policy", after: [
            "load_balancer_name": "lb", "load_balancer_port": 443, "policy_names": ["tls"],
        ])
        plan.change("aws_lb_ssl_negotiation_policy.own", "aws_lb_ssl_negotiation_policy", after: [
            "name": "own", "load_balancer": "lb", "lb_port": 636,
            "attribute": [["name": "Protocol-TLSv1.2", "value": "true"]],
        ], unknown: ["load_balancer": true])
        plan.configure("aws_lb_ssl_negotiation_policy.own", ["load_balancer": Plan.references("aws_elb.lb.id", "aws_elb.lb")])
        let findings = try listenerFindings(plan)
        #expect(findings.map { "\($0.path)\($0.cannotVerify ? " (cannot verify)" : "")" } == [
            "resource_changes[0].change.after.listener[1]",
            "resource_changes[1].change.after.policy_attribute[0].value",
            "resource_changes[3] (cannot verify)",
        ])
        #expect(findings[1].message.hasPrefix("the listener uses the security policy 'ELBSecurityPolicy-2016-08', which is not a current policy"))
        #expect(findings[2].message.contains("its SSL negotiation policy 'own' is a custom one"))
    }

    @Test func listenersOrPortsKnownOnlyAfterApplyCannotBeVerified() throws {
        var plan = Plan()
        // `dynamic "listener"` over a variable with no value: the blocks are unknown as a whole.
        plan.change("aws_elb.dynamic", "aws_elb", after: ["name": "dynamic"], unknown: ["listener": true])
        plan.configure("aws_elb.dynamic", ["listener": Plan.references("var.listeners")])
        // An accepted policy attached to a port known only after apply may be another listener's.
        plan.change("aws_elb.lb", "aws_elb", after: ["name": "lb", "listener": [Self.listener(443, "https")]])
        plan.change("aws_lb_ssl_negotiation_policy.tls", "aws_lb_ssl_negotiation_policy", after: [
            "name": "tls", "load_balancer": "lb",
            "attribute": [["name": "Reference-Security-Policy", "value": "ELBSecurityPolicy-TLS-1-2-2017-01"]],
        ], unknown: ["lb_port": true])
        plan.configure("aws_lb_ssl_negotiation_policy.tls", ["lb_port": Plan.references("var.port")])
        let findings = try listenerFindings(plan)
        #expect(findings.map { "\($0.resource) \($0.cannotVerify)" } == ["aws_elb.dynamic true", "aws_elb.lb true"])
        #expect(findings.map(\.message) == [
            "the listener's protocol cannot be verified: its listeners are known only after apply (it comes from var.listeners)",
            "the listener's security policy cannot be verified: a policy is attached to a port that is known only after apply (it comes from var.port)",
        ])
    }

    @Test func theAcceptedPolicyPasses() throws {
        var plan = Plan()
        plan.change("aws_elb.lb", "aws_elb", after: ["name": "lb", "listener": [Self.listener(443, "https")]])
        plan.change("aws_lb_ssl_negotiation_policy.tls", "aws_lb_ssl_negotiation_policy", after: [
            "name": "tls", "load_balancer": "lb", "lb_port": 443,
            "attribute": [["name": "Reference-Security-Policy", "value": "ELBSecurityPolicy-TLS-1-2-2017-01"]],
        ])
        #expect(try listenerFindings(plan).isEmpty)
    }
}
