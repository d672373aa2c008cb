import Testing
@testable import PolicyCheckKit

/// A Classic Load Balancer's listeners (`AWS::ElasticLoadBalancing::LoadBalancer` `Listeners[]`) are judged as ELBv2
/// listeners are (MMC-ENC-004), internal or not, with no redirect to excuse plain HTTP.
@Suite struct CloudFormationClassicListenerTests {
    typealias T = CloudFormationTesting

    private func listenerFindings(_ text: String, path: String = "template.yaml") throws -> [String] {
        try T.places("MMC-ENC-004", text, path: path)
    }

    @Test func plainHTTPAndAMissingOrCustomSecurityPolicyAreJudgedInternalOrNot() throws {
        let text = try T.fixture("fail-classic-load-balancer-listeners.yaml")
        #expect(try listenerFindings(text) == [
            "14:66 Public Resources.Public.Properties.Listeners[0].Protocol",
            "22:11 Public Resources.Public.Properties.Listeners[3]",
            // A custom policy enabling Protocol-TLSv1 accepts TLS 1.0: a finding, not "cannot verify".
            "35:11 Public Resources.Public.Properties.Policies[1]",
            "48:68 Internal Resources.Internal.Properties.Listeners[0].Protocol",
            // `!If [Secure, HTTPS, HTTP]`: the worse branch.
            "49:69 Internal Resources.Internal.Properties.Listeners[1].Protocol",
        ])
        let messages = try T.findings(text).filter { $0.ruleId == "MMC-ENC-004" }.map(\.message)
        #expect(messages[0]
            == "the listener accepts plain HTTP and forwards it; expected HTTPS or SSL (a Classic Load Balancer has no redirect actions)")
        #expect(messages[1].hasPrefix("no security policy is named, so AWS applies ELBSecurityPolicy-2016-08"))
        let deployment = try T.deployment(text)
        #expect(deployment.listeners.map { $0.protocolName?.value.known } == ["HTTP", "TCP", "HTTPS", "HTTPS", "SSL", "http", "HTTP"])
        // The HTTPS listener on 443 names its SSL negotiation policy (beside a stickiness policy): a predefined one the
        // pack accepts, so it passes; TCP passes traffic through and is not judged.
        #expect(deployment.listeners[2].sslPolicy?.value == .known("ELBSecurityPolicy-TLS-1-2-2017-01"))
        #expect(deployment.listeners.allSatisfy { !$0.offersRedirects && $0.defaultActions.isEmpty })
    }

    @Test func theReproducerFailsInJSONAsInYAML() throws {
        let yaml = """
            Resources:
              LB:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  AvailabilityZones: [us-east-1a]
                  Listeners:
                    - LoadBalancerPort: "80"
                      InstancePort: "80"
                      Protocol: HTTP
            """
        let json = """
            {"Resources": {"LB": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {
              "AvailabilityZones": ["us-east-1a"],
              "Listeners": [{"LoadBalancerPort": "80", "InstancePort": "80", "Protocol": "HTTP"}]}}}}
            """
        #expect(try listenerFindings(yaml) == ["9:21 LB Resources.LB.Properties.Listeners[0].Protocol"])
        #expect(try listenerFindings(json, path: "template.json") == ["3:78 LB Resources.LB.Properties.Listeners[0].Protocol"])
    }

    /// Two SSL negotiation policies on one port: the port keeps one, and the template does not say which, so the
    /// worst is judged — before, the last listed won silently, and a current one hid an old one listed first.
    @Test func twoPoliciesOnOnePortAreJudgedAtTheWorst() throws {
        let text = """
            Resources:
              Both:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Listeners: [{LoadBalancerPort: 443, InstancePort: 80, Protocol: HTTPS, PolicyNames: [old, current]}]
                  Policies:
                    - PolicyName: old
                      PolicyType: SSLNegotiationPolicyType
                      Attributes: [{Name: Reference-Security-Policy, Value: ELBSecurityPolicy-2016-08}]
                    - PolicyName: current
                      PolicyType: SSLNegotiationPolicyType
                      Attributes: [{Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01}]
            """
        #expect(try listenerFindings(text) == ["9:65 Both Resources.Both.Properties.Policies[0].Attributes[0].Value"])
    }

    @Test func aPolicyAttachedByPortOrNamedNowhereIsReadAsCloudFormationDoes() throws {
        let text = """
            Parameters:
              Policy: {Type: String}
            Resources:
              ByPort:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Listeners: [{LoadBalancerPort: 443, InstancePort: 80, Protocol: HTTPS, SSLCertificateId: arn:aws:acm:us-east-1:123456789012:certificate/c}]
                  Policies:
                    - PolicyName: old
                      PolicyType: SSLNegotiationPolicyType
                      LoadBalancerPorts: ["443"]
                      Attributes: [{Name: Reference-Security-Policy, Value: ELBSecurityPolicy-2015-05}]
              Elsewhere:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Listeners: [{LoadBalancerPort: 443, InstancePort: 80, Protocol: SSL, PolicyNames: [shared]}]
              Undecided:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Listeners: [{LoadBalancerPort: 443, InstancePort: 80, Protocol: HTTPS, PolicyNames: [!Ref Policy]}]
            """
        #expect(try listenerFindings(text) == [
            "12:65 ByPort Resources.ByPort.Properties.Policies[0].Attributes[0].Value",
            "16:89 Elsewhere Resources.Elsewhere.Properties.Listeners[0].PolicyNames (cannot verify)",
            "20:92 Undecided Resources.Undecided.Properties.Listeners[0].PolicyNames[0] (cannot verify)",
        ])
    }
}
