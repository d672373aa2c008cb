import PolicyCheckKit
import Testing

/// An EKS managed node group with an SSH key and no source security groups has its SSH port (RDP on Windows)
/// opened to 0.0.0.0/0 by EKS (API_RemoteAccessConfig); both Terraform and CloudFormation passed it (tester,
/// round 36), where eksctl's `ssh` was judged.
@Suite struct NodeGroupRemoteAccessTests {
    static func network(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId.hasPrefix("MMC-NET") }.map { "\($0.ruleId) \($0.resource): \($0.message)" }
    }

    static func terraform(_ remoteAccess: String, amiType: String = "AL2023_x86_64_STANDARD") -> String {
        """
        provider "aws" { region = "us-east-1" }
        resource "aws_eks_node_group" "ng" {
          cluster_name    = "c"
          node_group_name = "ng"
          node_role_arn   = "arn:aws:iam::111122223333:role/n"
          subnet_ids      = ["subnet-1"]
          ami_type        = "\(amiType)"
          scaling_config {
            desired_size = 1
            max_size     = 1
            min_size     = 1
          }
          \(remoteAccess)
        }
        """
    }

    @Test func aKeyWithoutSourceGroupsOpensSSHToEveryone() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.terraform(#"remote_access { ec2_ssh_key = "ops" }"#))
        #expect(Self.network(findings) == ["MMC-NET-001 aws_eks_node_group.ng: '0.0.0.0/0' admits every IPv4 address on port 22; expected only the ranges that need access"])
        #expect(findings.first { $0.ruleId == "MMC-NET-001" }?.line == 13)
    }

    @Test func windowsNodesOpenRDP() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.terraform(#"remote_access { ec2_ssh_key = "ops" }"#,
                                                                                amiType: "WINDOWS_CORE_2022_x86_64"))
        #expect(Self.network(findings).first?.contains("on port 3389") == true, "\(Self.network(findings))")
    }

    @Test(arguments: ["remote_access {\n ec2_ssh_key = \"ops\"\n source_security_group_ids = [\"sg-1\"]\n}", "",
                      #"remote_access { source_security_group_ids = ["sg-1"] }"#])
    func sourceGroupsOrNoKeyOpenNothing(_ block: String) throws {
        let findings = try TerraformSourceFixture.findings(main: Self.terraform(block))
        #expect(Self.network(findings).isEmpty, "\(Self.network(findings))")
    }

    @Test func aKeyFromAVariableWithoutAValueCannotBeVerified() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.terraform(#"remote_access { ec2_ssh_key = var.key }"#)
            + "\nvariable \"key\" { type = string }\n")
        let finding = try #require(findings.first { $0.ruleId.hasPrefix("MMC-NET") })
        #expect(finding.cannotVerify, "\(finding.message)")
    }

    @Test func templatesAreJudgedAlike() throws {
        let template = """
            Parameters:
              Restrict: {Type: String, AllowedValues: ['yes', 'no'], Default: 'no'}
              Groups: {Type: 'List<AWS::EC2::SecurityGroup::Id>'}
            Conditions:
              Restricted: !Equals [!Ref Restrict, 'yes']
            Resources:
              Open:
                Type: AWS::EKS::Nodegroup
                Properties:
                  ClusterName: c
                  NodeRole: arn:aws:iam::111122223333:role/n
                  Subnets: [subnet-1]
                  RemoteAccess: {Ec2SshKey: ops}
              Branch:
                Type: AWS::EKS::Nodegroup
                Properties:
                  ClusterName: c
                  NodeRole: arn:aws:iam::111122223333:role/n
                  Subnets: [subnet-1]
                  RemoteAccess:
                    Ec2SshKey: ops
                    SourceSecurityGroups: !If [Restricted, [sg-1], !Ref AWS::NoValue]
              NoValue:
                Type: AWS::EKS::Nodegroup
                Properties:
                  ClusterName: c
                  NodeRole: arn:aws:iam::111122223333:role/n
                  Subnets: [subnet-1]
                  RemoteAccess:
                    Ec2SshKey: ops
                    SourceSecurityGroups: [!If [Restricted, sg-1, !Ref AWS::NoValue]]
              Chosen:
                Type: AWS::EKS::Nodegroup
                Properties:
                  ClusterName: c
                  NodeRole: arn:aws:iam::111122223333:role/n
                  Subnets: [subnet-1]
                  RemoteAccess: {Ec2SshKey: ops, SourceSecurityGroups: !Ref Groups}
              Closed:
                Type: AWS::EKS::Nodegroup
                Properties:
                  ClusterName: c
                  NodeRole: arn:aws:iam::111122223333:role/n
                  Subnets: [subnet-1]
                  RemoteAccess: {Ec2SshKey: ops, SourceSecurityGroups: [sg-1]}
            """
        let all = try CloudFormationTesting.findings(template)
        #expect(all.contains { $0.resource == "Chosen" && $0.ruleId.hasPrefix("MMC-NET") && $0.cannotVerify }, "\(Self.network(all))")
        let found = Self.network(all.filter { !$0.cannotVerify })
        #expect(found == [
            "MMC-NET-001 Open: '0.0.0.0/0' admits every IPv4 address on port 22; expected only the ranges that need access",
            "MMC-NET-001 Branch: '0.0.0.0/0' admits every IPv4 address on port 22; expected only the ranges that need access",
            "MMC-NET-001 NoValue: '0.0.0.0/0' admits every IPv4 address on port 22; expected only the ranges that need access",
        ])
    }
}
