import Testing
@testable import PolicyCheckKit

/// An internet-facing Network Load Balancer created without security groups lets "all client traffic … reach the
/// Network Load Balancer listeners" (AWS's NLB security-group guide). aws-cdk-examples' Fargate service
/// (`java/ecs/fargate-load-balanced-service`, a CDK snapshot) is one, TCP on port 80 from anywhere: it passed
/// silently, with no allowlist read, while the same load balancer as a Kubernetes Service without source ranges is
/// world-open.
@Suite struct CloudFormationNetworkLoadBalancerTests {
    typealias T = CloudFormationTesting

    private func summary(_ text: String) throws -> [String] {
        try T.findings(text).filter { $0.ruleId.hasPrefix("MMC-NET") }
            .map { "\($0.ruleId) \($0.placeSummary)" }
    }

    private func template(_ balancer: String, listener: String = "Port: 80") -> String {
        """
        Resources:
          LB:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties:
              Type: network
              Subnets: [subnet-1, subnet-2]
        \(balancer)
          Listener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref LB
              Protocol: TCP
              \(listener)
              DefaultActions: [{Type: forward, TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/t/1}]
        """
    }

    @Test func anInternetFacingOneWithoutSecurityGroupsAdmitsEveryoneOnItsListenersPorts() throws {
        // Scheme not given: internet-facing, AWS's default.
        #expect(try summary(template("")) == ["MMC-NET-011 4:5 LB Resources.LB.Properties.SecurityGroups"])
        let message = try #require(T.findings(template("")).first { $0.ruleId == "MMC-NET-011" }).message
        #expect(message.contains("'0.0.0.0/0' admits every IPv4 address on port 80"), "\(message)")
        #expect(try summary(template("      Scheme: internet-facing\n      SecurityGroups: []"))
            == ["MMC-NET-011 8:23 LB Resources.LB.Properties.SecurityGroups"])
        // An administrative port is critical; dualstack opens IPv6 too.
        #expect(try summary(template("      IpAddressType: dualstack", listener: "Port: 22")) == [
            "MMC-NET-001 4:5 LB Resources.LB.Properties.SecurityGroups",
            "MMC-NET-001 4:5 LB Resources.LB.Properties.SecurityGroups",
        ])
    }

    @Test func securityGroupsAnInternalSchemeOrAnotherTypeLeaveItToTheGroups() throws {
        #expect(try summary(template("      SecurityGroups: [sg-0123456789abcdef0]")).isEmpty)
        #expect(try summary(template("      Scheme: internal")).isEmpty)
        #expect(try summary(template("").replacingOccurrences(of: "Type: network", with: "Type: application")).isEmpty)
        #expect(try summary(template("").replacingOccurrences(of: "      Type: network\n", with: "")).isEmpty)
    }

    @Test func aBranchWithoutSecurityGroupsIsJudged() throws {
        let text = "Conditions:\n  Guarded: !Equals [a, b]\n"
            + template("      SecurityGroups: !If [Guarded, [sg-0123456789abcdef0], !Ref AWS::NoValue]")
        #expect(try summary(text).map { $0.hasPrefix("MMC-NET-011 ") && $0.contains("Resources.LB.Properties.SecurityGroups") } == [true])
    }

    @Test func aTypeThatMayBeNetworkIsJudgedAsOne() throws {
        let text = "Parameters:\n  Kind: {Type: String, Default: application, AllowedValues: [application, network]}\n"
            + template("").replacingOccurrences(of: "Type: network", with: "Type: !Ref Kind")
        #expect(try summary(text) == ["MMC-NET-011 6:5 LB Resources.LB.Properties.SecurityGroups"])
    }

    @Test func aSchemeTheTemplateDoesNotKnowCannotBeVerified() throws {
        let text = "Parameters:\n  Scheme: {Type: String}\n" + template("      Scheme: !Ref Scheme")
        #expect(try summary(text) == ["MMC-NET-011 9:15 LB Resources.LB.Properties.Scheme (cannot verify)"])
    }

    /// A `Type` from a parameter with no default or allowed values may be `network`: without security groups the
    /// balancer cannot be verified (it passed silently as if it were an Application Load Balancer).
    @Test func aTypeTheTemplateDoesNotKnowCannotBeVerified() throws {
        let text = "Parameters:\n  Kind: {Type: String}\n"
            + template("").replacingOccurrences(of: "Type: network", with: "Type: !Ref Kind")
        let found = try summary(text)
        #expect(found == ["MMC-NET-011 7:13 LB Resources.LB.Properties.Type (cannot verify)"], "\(found)")
    }
}
