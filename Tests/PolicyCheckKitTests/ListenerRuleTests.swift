@testable import PolicyCheckKit
import Testing

/// MMC-ENC-004 on Application Load Balancer listener rules: AWS evaluates a listener's rules before its default
/// actions, so an HTTP listener that redirects to HTTPS by default still serves plain HTTP through a rule that
/// forwards. Rules are read from Terraform plans (`aws_lb_listener_rule`, `aws_alb_listener_rule`) and CloudFormation
/// (`AWS::ElasticLoadBalancingV2::ListenerRule`), and related to their listener once per input.
@Suite struct ListenerRuleTests {
    typealias CFN = CloudFormationTesting
    typealias Plan = TerraformPlanBuilder

    static var toHTTPS: [String: Any] { ["type": "redirect", "redirect": [["protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"]]] }
    static var forward: [String: Any] { ["type": "forward", "target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1"] }
    static var fixed: [String: Any] { ["type": "fixed-response", "fixed_response": [["content_type": "text/plain", "status_code": "404"]]] }
    static var keepsHTTP: [String: Any] { ["type": "redirect", "redirect": [["protocol": "#{protocol}", "host": "example.com", "status_code": "HTTP_301"]]] }
    static let existingARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x/1/2"

    static func summaries(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-ENC-004" }.map { "\($0.severity.rawValue) \($0.resource) \($0.path)" }
    }

    /// A plan with an HTTP listener that redirects to HTTPS, an HTTPS listener, and rules added to them.
    static func plan() -> Plan {
        var plan = Plan()
        plan.change("aws_lb_listener.http", "aws_lb_listener", after: ["port": 80, "protocol": "HTTP", "default_action": [toHTTPS]],
                    unknown: ["arn": true])
        plan.change("aws_lb_listener.https", "aws_lb_listener", after: [
            "port": 443, "protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "default_action": [forward],
        ], unknown: ["arn": true])
        let rules: [(String, String, [String: Any], String)] = [
            ("aws_lb_listener_rule.forwards", "aws_lb_listener_rule", forward, "aws_lb_listener.http"),
            ("aws_alb_listener_rule.alias", "aws_alb_listener_rule", forward, "aws_lb_listener.http"),
            ("aws_lb_listener_rule.redirects", "aws_lb_listener_rule", toHTTPS, "aws_lb_listener.http"),
            ("aws_lb_listener_rule.fixed", "aws_lb_listener_rule", fixed, "aws_lb_listener.http"),
            ("aws_lb_listener_rule.on_https", "aws_lb_listener_rule", forward, "aws_lb_listener.https"),
            ("aws_lb_listener_rule.keeps_http", "aws_lb_listener_rule", keepsHTTP, "aws_lb_listener.http"),
            ("aws_lb_listener_rule.elsewhere", "aws_lb_listener_rule", forward, "var.listener_arn"),
        ]
        for (address, type, action, listener) in rules {
            plan.change(address, type, after: ["priority": 1, "action": [action]], unknown: ["listener_arn": true])
            let references = listener.hasPrefix("var.") ? [listener] : ["\(listener).arn", listener]
            plan.configure(address, ["listener_arn": ["references": references]])
        }
        return plan
    }

    // MARK: - Terraform plans

    @Test func terraformRulesFindTheirListenerByTheConfigurationsReference() throws {
        let deployment = try TerraformFixture.deployment(json: Self.plan().json)
        #expect(deployment.listenerRules.map { "\($0.component) -> \($0.listener.value.known ?? "?")" } == [
            "aws_lb_listener_rule.forwards -> aws_lb_listener.http",
            "aws_alb_listener_rule.alias -> aws_lb_listener.http",
            "aws_lb_listener_rule.redirects -> aws_lb_listener.http",
            "aws_lb_listener_rule.fixed -> aws_lb_listener.http",
            "aws_lb_listener_rule.on_https -> aws_lb_listener.https",
            "aws_lb_listener_rule.keeps_http -> aws_lb_listener.http",
            "aws_lb_listener_rule.elsewhere -> ?",
        ])
        #expect(deployment.listenerRules.last?.listener.value
            == .unknown(reason: "listener_arn is known only after apply (it comes from var.listener_arn)"))
        #expect(deployment.listenerRules[5].actions.first?.redirectProtocol?.value == .known("#{protocol}"))
    }

    @Test func terraformRulesOfAnHTTPListenerMustNotForwardPlainHTTP() throws {
        let findings = try TerraformFixture.findings(TerraformFixture.deployment(json: Self.plan().json))
        #expect(Self.summaries(findings) == [
            "high aws_lb_listener_rule.forwards resource_changes[2].change.after.action[0]",
            "high aws_alb_listener_rule.alias resource_changes[3].change.after.action[0]",
            "high aws_lb_listener_rule.keeps_http resource_changes[7].change.after.action[0]",
            "info aws_lb_listener_rule.elsewhere resource_changes[8].change.after_unknown.listener_arn",
        ])
        let forwards = try #require(findings.first { $0.resource == "aws_lb_listener_rule.forwards" })
        #expect(forwards.message == "the rule forwards plain HTTP: its listener aws_lb_listener.http accepts HTTP, and rules are evaluated before the default actions; expected the listener to use HTTPS, or the rule to redirect to HTTPS or answer with a fixed response")
        let keeps = try #require(findings.first { $0.resource == "aws_lb_listener_rule.keeps_http" })
        #expect(keeps.message == "the rule redirects plain HTTP from its listener aws_lb_listener.http without moving to HTTPS (the redirect's protocol is '#{protocol}'); expected a redirect to HTTPS")
        let elsewhere = try #require(findings.first { $0.resource == "aws_lb_listener_rule.elsewhere" })
        #expect(elsewhere.cannotVerify)
        #expect(elsewhere.message.hasPrefix("the rule does not only redirect to HTTPS or answer with a fixed response, and its listener cannot be told"))
    }

    @Test func terraformRulesFindAnExistingListenerByItsARN() throws {
        var plan = Plan()
        plan.change("aws_lb_listener.old", "aws_lb_listener", after: [
            "arn": Self.existingARN, "port": 80, "protocol": "HTTP", "default_action": [Self.toHTTPS],
        ], actions: ["no-op"])
        plan.change("aws_lb_listener_rule.named", "aws_lb_listener_rule", after: ["listener_arn": Self.existingARN, "action": [Self.forward]])
        plan.change("aws_lb_listener_rule.foreign", "aws_lb_listener_rule", after: [
            "listener_arn": Self.existingARN + "9", "action": [Self.forward],
        ])
        let findings = try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json))
        #expect(Self.summaries(findings) == [
            "high aws_lb_listener_rule.named resource_changes[1].change.after.action[0]",
            "info aws_lb_listener_rule.foreign resource_changes[2].change.after.listener_arn",
        ])
    }

    // MARK: - CloudFormation

    static let template = """
        Resources:
          Http:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              Protocol: HTTP
              Port: 80
              DefaultActions: [{Type: redirect, RedirectConfig: {Protocol: HTTPS, Port: "443", StatusCode: HTTP_301}}]
          Https: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {Protocol: HTTPS, Port: 443, SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06, DefaultActions: [{Type: forward}]}}
          Forwards: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !Ref Http, Priority: 1, Actions: [{Type: forward}]}}
          ByAttribute: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !GetAtt Http.ListenerArn, Priority: 2, Actions: [{Type: forward}]}}
          Fixed: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !Ref Http, Priority: 3, Actions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "404"}}]}}
          OnHttps: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !Ref Https, Priority: 1, Actions: [{Type: forward}]}}
          Imported: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !ImportValue shared-listener, Priority: 4, Actions: [{Type: forward}]}}
          KeepsHttp: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !Ref Http, Priority: 5, Actions: [{Type: redirect, RedirectConfig: {Protocol: "#{protocol}", Host: example.com, StatusCode: HTTP_301}}]}}
        """

    @Test func cloudFormationRulesFindTheirListenerByRefOrGetAtt() throws {
        let deployment = try CFN.deployment(Self.template)
        #expect(deployment.listenerRules.map { "\($0.component) -> \($0.listener.value.known ?? "?")" } == [
            "Forwards -> Http", "ByAttribute -> Http", "Fixed -> Http", "OnHttps -> Https", "Imported -> ?", "KeepsHttp -> Http",
        ])
    }

    /// An expression that only spells the listener's ARN names it; a branch without `ListenerArn` (required) cannot
    /// be deployed, so the other branch's listener decides (all three were "cannot verify" before the review).
    @Test func cloudFormationRulesSeeThroughWrappersOfTheListenersARN() throws {
        let deployment = try CFN.deployment("""
            Parameters:
              Env: {Type: String, AllowedValues: [prod, dev]}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Http: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/a/1, Port: 80, Protocol: HTTP, DefaultActions: [{Type: forward}]}}
              Sub: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !Sub '${Http}', Priority: 1, Actions: [{Type: forward}]}}
              SubAttribute: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !Sub '${Http.ListenerArn}', Priority: 2, Actions: [{Type: forward}]}}
              Join: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !Join ['', [!Ref Http]], Priority: 3, Actions: [{Type: forward}]}}
              NoValue: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !If [IsProd, !Ref Http, !Ref AWS::NoValue], Priority: 4, Actions: [{Type: forward}]}}
              Prefixed: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !Sub 'x${Http}', Priority: 5, Actions: [{Type: forward}]}}
              Rebound: {Type: AWS::ElasticLoadBalancingV2::ListenerRule, Properties: {ListenerArn: !Sub ['${Http}', {Http: !ImportValue other-listener}], Priority: 6, Actions: [{Type: forward}]}}
            """)
        #expect(deployment.listenerRules.map { "\($0.component) -> \($0.listener.value.known ?? "?")" } == [
            "Sub -> Http", "SubAttribute -> Http", "Join -> Http", "NoValue -> Http", "Prefixed -> ?", "Rebound -> ?",
        ])
    }

    @Test func cloudFormationRulesOfAnHTTPListenerMustNotForwardPlainHTTP() throws {
        let findings = try CFN.findings(Self.template).filter { $0.ruleId == "MMC-ENC-004" }
        #expect(findings.map(\.placeSummary) == [
            "9:123 Forwards Resources.Forwards.Properties.Actions[0]",
            "10:141 ByAttribute Resources.ByAttribute.Properties.Actions[0]",
            "13:89 Imported Resources.Imported.Properties.ListenerArn (cannot verify)",
            "14:124 KeepsHttp Resources.KeepsHttp.Properties.Actions[0]",
        ])
    }

    @Test func cloudFormationFixtureFailsAtTheForwardingRule() throws {
        let text = try CFN.fixture("fail-listener-rule-forwards-plain-http.yaml")
        #expect(try CFN.places("MMC-ENC-004", text) == ["22:11 ForwardEverything Resources.ForwardEverything.Properties.Actions[0]"])
    }
}
