import PolicyCheckKit
import Testing

/// Security-group ingress as allowlists (private ranges apart, ports, unknown CIDRs) and S3 public access.
@Suite struct TerraformNetworkTests {
    typealias Plan = TerraformPlanBuilder

    private func securityGroup(_ rules: [[String: Any]]) throws -> Deployment {
        var plan = Plan()
        plan.change("aws_security_group.web", "aws_security_group", after: ["ingress": rules])
        plan.configure("aws_security_group.web", ["ingress": Plan.constant(rules)])
        return try TerraformFixture.deployment(json: plan.json)
    }

    private func rule(_ cidrs: [String], ipv6: [String] = [], from: Int, to: Int, protocol proto: String = "tcp",
                      description: String = "reason") -> [String: Any] {
        ["cidr_blocks": cidrs, "ipv6_cidr_blocks": ipv6, "from_port": from, "to_port": to, "protocol": proto,
         "description": description]
    }

    @Test func privateRangesFormTheirOwnListThatIsNotInternetFacing() throws {
        let deployment = try securityGroup([
            rule(["203.0.113.0/24", "10.1.0.0/24", "not-a-cidr", "0.0.0.0/0"], ipv6: ["fd00:1::/64"], from: 443, to: 443),
        ])
        let lists = deployment.allowlists.map { list in
            "\(list.component) internet=\(list.internetFacing): " + list.entries.map { $0.cidr.value.known ?? "?" }.joined(separator: ",")
        }
        #expect(lists == [
            "aws_security_group.web internet=true: 203.0.113.0/24,not-a-cidr,0.0.0.0/0",
            "aws_security_group.web internet=false: 10.1.0.0/24,fd00:1::/64",
        ])
        #expect(deployment.allowlists.allSatisfy { $0.kind == .securityGroupIngress && $0.hasDescriptionField })
        let rules = try TerraformFixture.findings(deployment).map(\.ruleId)
        #expect(rules.filter { $0 == "MMC-NET-006" }.count == 1)  // 203.0.113.0/24 (documentation), not the private ones
        #expect(rules.contains("MMC-NET-002"))                    // the malformed entry is still judged
    }

    @Test(arguments: [
        ("-1", 0, 0, PortRange(0, 65535)), ("tcp", 22, 22, PortRange(22, 22)), ("udp", 1000, 2000, PortRange(1000, 2000)),
        ("icmp", 8, 0, nil), ("tcp", 30, 20, nil),
    ] as [(String, Int, Int, PortRange?)])
    func portsFollowTheProtocol(proto: String, from: Int, to: Int, expected: PortRange?) throws {
        let deployment = try securityGroup([rule(["198.51.100.7/32"], from: from, to: to, protocol: proto)])
        #expect(deployment.allowlists.first?.entries.first?.ports == expected)
    }

    @Test func sameRangeOnDifferentPortsIsNotRedundant() throws {
        let distinct = try securityGroup([rule(["0.0.0.0/0"], from: 80, to: 80), rule(["0.0.0.0/0"], from: 443, to: 443)])
        #expect(!(try TerraformFixture.findings(distinct).contains { $0.ruleId == "MMC-NET-007" }))
        let repeated = try securityGroup([rule(["52.1.2.0/24"], from: 443, to: 443), rule(["52.1.2.0/24"], from: 443, to: 443)])
        #expect(try TerraformFixture.findings(repeated).filter { $0.ruleId == "MMC-NET-007" }.count == 1)
        let inside = try securityGroup([rule(["52.1.0.0/16"], from: 0, to: 65535), rule(["52.1.2.0/24"], from: 443, to: 443)])
        #expect(try TerraformFixture.findings(inside).contains { $0.ruleId == "MMC-NET-007" })
    }

    @Test func unknownCIDRsCannotBeVerified() throws {
        var plan = Plan()
        plan.change("aws_security_group_rule.vpn", "aws_security_group_rule",
                    after: ["type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "description": "VPN"],
                    unknown: ["cidr_blocks": true])
        plan.configure("aws_security_group_rule.vpn", ["cidr_blocks": Plan.references("var.vpn_cidrs")])
        let findings = try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json))
        // Port 22 is administrative: MMC-NET-001's scope only, not MMC-NET-011's.
        #expect(findings.map(\.ruleId) == ["MMC-NET-001"])
        #expect(findings.first?.cannotVerify == true)
        #expect(findings.first?.message == "allowlist entry cannot be verified: known only after apply (it comes from var.vpn_cidrs)")
    }

    @Test func theDefaultSecurityGroupsIngressIsAnAllowlistAsAnyGroups() throws {
        let ssh = rule(["0.0.0.0/0"], from: 22, to: 22)
        var plan = Plan()
        plan.change("aws_default_security_group.this", "aws_default_security_group", after: ["vpc_id": "vpc-1", "ingress": [ssh]])
        plan.change("aws_vpc_security_group_ingress_rule.rdp", "aws_vpc_security_group_ingress_rule", after: [
            "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "tcp", "from_port": 3389, "to_port": 3389, "description": "rdp",
        ], unknown: ["security_group_id": true])
        plan.configure("aws_default_security_group.this", ["ingress": Plan.constant([ssh])])
        plan.configure("aws_vpc_security_group_ingress_rule.rdp", [
            "security_group_id": Plan.references("aws_default_security_group.this.id", "aws_default_security_group.this"),
        ])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.allowlists.map { "\($0.component) \($0.origin.path)" } == [
            "aws_default_security_group.this resource_changes[0].change.after.ingress",
            "aws_vpc_security_group_ingress_rule.rdp resource_changes[1].change.after",
        ])
        let findings = try TerraformFixture.findings(deployment).filter { $0.ruleId == "MMC-NET-001" }
        #expect(findings.map { "\($0.severity.rawValue) \($0.resource) \($0.path)" } == [
            "critical aws_default_security_group.this resource_changes[0].change.after.ingress[0].cidr_blocks[0]",
            "critical aws_vpc_security_group_ingress_rule.rdp resource_changes[1].change.after.cidr_ipv4",
        ])
    }

    @Test func egressAndComputedIngressAreNotAllowlists() throws {
        var plan = Plan()
        plan.change("aws_security_group_rule.out", "aws_security_group_rule",
                    after: ["type": "egress", "cidr_blocks": ["0.0.0.0/0"], "from_port": 0, "to_port": 0, "protocol": "-1"])
        plan.change("aws_security_group.db", "aws_security_group", after: ["name": "db"], unknown: ["ingress": true])
        plan.configure("aws_security_group_rule.out", [:])
        plan.configure("aws_security_group.db", ["name": Plan.constant("db")])
        #expect(try TerraformFixture.deployment(json: plan.json).allowlists.isEmpty)
    }

    @Test func bucketsArePublicWithAPublicACLOrAPartialBlock() throws {
        var plan = Plan()
        plan.change("aws_s3_bucket.open", "aws_s3_bucket", after: ["bucket": "open"])
        plan.change("aws_s3_bucket_acl.open", "aws_s3_bucket_acl", after: ["bucket": "open", "acl": "public-read"])
        plan.change("aws_s3_bucket.partial", "aws_s3_bucket", after: ["bucket": "partial"])
        plan.change("aws_s3_bucket_public_access_block.partial", "aws_s3_bucket_public_access_block", after: [
            "bucket": "partial", "block_public_acls": true, "block_public_policy": false, "ignore_public_acls": true,
            "restrict_public_buckets": true,
        ])
        plan.change("aws_s3_bucket.plain", "aws_s3_bucket", after: ["bucket": "plain"])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(deployment.dataStores.map { "\($0.component)=\($0.publicAccess.map { "\($0.value)" } ?? "nil")" } == [
            "aws_s3_bucket.open=known(true)", "aws_s3_bucket.partial=known(true)", "aws_s3_bucket.plain=nil",
        ])
        let partial = deployment.dataStores[1].publicAccess?.origin.path
        #expect(partial == "resource_changes[3].change.after.block_public_policy")
        // A partial block is not an open bucket: the message says which setting lets a public policy open it (a
        // review found "reachable from the internet" for a bucket whose only policy granted CloudFront).
        #expect(deployment.dataStores.map(\.publicAccessNote) == [
            nil,
            "aws_s3_bucket_public_access_block.partial leaves block_public_policy off, so public grants can be made, though the settings left on keep S3 from honouring them",
            nil,
        ])
    }

    @Test func aPartialBlockIsReportedForTheSettingItLeavesOff() throws {
        let findings = try CloudFormationTesting.findings("""
            Resources:
              Partial:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration: {BlockPublicPolicy: true, RestrictPublicBuckets: true}
              Open:
                Type: AWS::S3::Bucket
                Properties: {AccessControl: PublicReadWrite}
              Policies:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration: {BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false}
              AlreadyOpen:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: PublicRead
                  PublicAccessBlockConfiguration: {BlockPublicPolicy: true, RestrictPublicBuckets: true}
            """)
        #expect(findings.filter { $0.ruleId == "MMC-NET-012" }.map { "\($0.resource): \($0.message)" } == [
            "Partial: the file store does not block public access: PublicAccessBlockConfiguration leaves BlockPublicAcls, IgnorePublicAcls off, so a public ACL would open it to the internet; expected every public access block setting true",
            "Open: the file store is reachable from the internet; expected it to be private",
            "Policies: the file store does not block public access: PublicAccessBlockConfiguration leaves BlockPublicPolicy, RestrictPublicBuckets off, so a public bucket policy would open it to the internet; expected every public access block setting true",
            // Its public ACL, which the block does not make S3 ignore, opens it already.
            "AlreadyOpen: the file store is reachable from the internet; expected it to be private",
        ])
    }
}
