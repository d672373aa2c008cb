import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// A security group's inline rules and the standalone rules that join it are judged together for MMC-NET-001:
/// `0.0.0.0/1` inline and `128.0.0.0/1` in a rule admit every address, though neither list does alone (each was only
/// a high MMC-NET-004).
@Suite struct JoinedSecurityGroupUnionTests {
    private func worldOpen(_ findings: [Finding], rule: String = "MMC-NET-001") -> [String] {
        findings.filter { $0.ruleId == rule }.map { "\($0.resource): \($0.message)" }.sorted()
    }

    @Test func terraformRulesJoiningAGroup() throws {
        let findings = try TerraformSourceFixture.findings(files: ["main.tf": """
            provider "aws" { region = "us-east-1" }
            resource "aws_security_group" "split" {
              name = "split"
              ingress {
                from_port   = 22
                to_port     = 22
                protocol    = "tcp"
                cidr_blocks = ["0.0.0.0/1"]
                description = "half"
              }
            }
            resource "aws_security_group_rule" "other_half" {
              type              = "ingress"
              from_port         = 22
              to_port           = 22
              protocol          = "tcp"
              cidr_blocks       = ["128.0.0.0/1"]
              description       = "other half"
              security_group_id = aws_security_group.split.id
            }
            resource "aws_security_group" "bare" { name = "bare" }
            resource "aws_vpc_security_group_ingress_rule" "a" {
              security_group_id = aws_security_group.bare.id
              ip_protocol       = "tcp"
              from_port         = 443
              to_port           = 443
              cidr_ipv6         = "2000::/4"
              description       = "a"
            }
            resource "aws_vpc_security_group_ingress_rule" "b" {
              security_group_id = aws_security_group.bare.id
              ip_protocol       = "tcp"
              from_port         = 443
              to_port           = 443
              cidr_ipv6         = "3000::/4"
              description       = "b"
            }
            resource "aws_security_group_rule" "elsewhere" {
              type              = "ingress"
              from_port         = 22
              to_port           = 22
              protocol          = "tcp"
              cidr_blocks       = ["128.0.0.0/1"]
              description       = "another group's"
              security_group_id = "sg-0123456789abcdef0"
            }
            """])
        #expect(worldOpen(findings) == [
            "aws_security_group.split: the entries of aws_security_group.split and of the rules that join it (aws_security_group_rule.other_half) together (0.0.0.0/1, 128.0.0.0/1) cover every IPv4 address; the group restricts nothing",
        ])
        // HTTPS alone from everywhere is the other ports' rule, as a `::/0` entry on 443 is.
        #expect(worldOpen(findings, rule: "MMC-NET-011") == [
            "aws_vpc_security_group_ingress_rule.a: the entries of aws_security_group.bare and of the rules that join it (aws_vpc_security_group_ingress_rule.a, aws_vpc_security_group_ingress_rule.b) together (2000::/4, 3000::/4) cover every public IPv6 address (all but special-purpose blocks no internet host connects from); the group restricts nothing",
        ])
    }

    @Test func rulesOfDifferentProtocolsDoNotJoin() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: DNS
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 53, ToPort: 53, CidrIp: 0.0.0.0/1, Description: half}
              OtherHalf:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !Ref Group
                  IpProtocol: udp
                  FromPort: 53
                  ToPort: 53
                  CidrIp: 128.0.0.0/1
                  Description: other half
              AllProtocols:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: all
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/1, Description: half}
              Everything:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !Ref AllProtocols
                  IpProtocol: "-1"
                  CidrIp: 128.0.0.0/1
                  Description: other half, every protocol
            """)
        #expect(worldOpen(findings) == [
            "AllProtocols: the entries of AllProtocols and of the rules that join it (Everything) together (0.0.0.0/1, 128.0.0.0/1) cover every IPv4 address; the group restricts nothing",
        ])
        #expect(worldOpen(findings, rule: "MMC-NET-011").isEmpty)
    }

    @Test func templateIngressJoiningAGroup() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: split
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/1, Description: half}
              OtherHalf:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !GetAtt Group.GroupId
                  IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: 128.0.0.0/1
                  Description: other half
              Unrelated:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-0123456789abcdef0
                  IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: 128.0.0.0/1
                  Description: another group's
            """)
        #expect(worldOpen(findings) == [
            "Group: the entries of Group and of the rules that join it (OtherHalf) together (0.0.0.0/1, 128.0.0.0/1) cover every IPv4 address; the group restricts nothing",
        ])
    }
}
