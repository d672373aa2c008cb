@testable import PolicyCheckKit
import Testing

/// An internet-facing Network Load Balancer without security groups admits the whole internet on its listeners'
/// ports, in Terraform as in CloudFormation (`CloudFormationNetworkLoadBalancerTests`): "all client traffic can reach
/// the Network Load Balancer listeners" (AWS's NLB security-group guide). It passed silently in both.
@Suite struct TerraformSourceNetworkLoadBalancerTests {
    private func summary(_ balancer: String, port: String = "80", type: String = "\"network\"") throws -> [String] {
        try TerraformSourceFixture.findings(main: """
            variable "type" {
              type = string
            }

            provider "aws" {
              region = "us-east-1"
            }

            resource "aws_lb" "nlb" {
              name               = "nlb"
              load_balancer_type = \(type)
              subnets            = ["subnet-1", "subnet-2"]
            \(balancer)
            }

            resource "aws_lb_listener" "tcp" {
              load_balancer_arn = aws_lb.nlb.arn
              port              = \(port)
              protocol          = "TCP"
              default_action {
                type             = "forward"
                target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/t/1"
              }
            }
            """)
            .filter { $0.ruleId.hasPrefix("MMC-NET") }
            .map { "\($0.ruleId) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }
    }

    @Test func anInternetFacingOneWithoutSecurityGroupsIsWorldOpenOnItsListenersPorts() throws {
        #expect(try summary("") == ["MMC-NET-011 aws_lb.nlb"])
        #expect(try summary("  security_groups = []") == ["MMC-NET-011 aws_lb.nlb"])
        #expect(try summary("  ip_address_type = \"dualstack\"", port: "22") == ["MMC-NET-001 aws_lb.nlb", "MMC-NET-001 aws_lb.nlb"])
    }

    @Test func securityGroupsOrAnInternalSchemeLeaveItToTheGroups() throws {
        #expect(try summary("  security_groups = [\"sg-0123456789abcdef0\"]").isEmpty)
        #expect(try summary("  internal = true").isEmpty)
    }

    /// `load_balancer_type = var.type` with no value may be `network`: without security groups it cannot be verified,
    /// not passed as an Application Load Balancer.
    @Test func aTypeNotKnownHereCannotBeVerifiedWithoutSecurityGroups() throws {
        #expect(try summary("", type: "var.type") == ["MMC-NET-011 aws_lb.nlb (cannot verify)"])
        #expect(try summary("  security_groups = [\"sg-0123456789abcdef0\"]", type: "var.type").isEmpty)
        #expect(try summary("", type: "\"application\"").isEmpty)
    }
}
