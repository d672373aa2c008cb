import PolicyCheckKit
import Testing

/// A security-group rule's `prefix_list_ids` (`prefix_list_id` of `aws_vpc_security_group_ingress_rule`) admits the
/// entries of the managed prefix lists it names, judged as if the rule wrote them; a list the input does not declare
/// (AWS-managed, a data source, another configuration's) cannot be verified — never a silent pass.
@Suite struct TerraformPrefixListTests {
    typealias Plan = TerraformPlanBuilder

    private static var rule: [String: Any] { [
        "type": "ingress", "from_port": 5432, "to_port": 5432, "protocol": "tcp", "description": "clients",
    ] }

    private func allowlists(_ deployment: Deployment) -> [String] {
        deployment.allowlists.map { list in
            "\(list.component): " + list.entries.map { $0.cidr.value.known ?? "?" }.joined(separator: ",")
        }
    }

    @Test func aPlannedListIsFoundThroughTheConfigurationsReferences() throws {
        var plan = Plan()
        plan.change("aws_ec2_managed_prefix_list.world", "aws_ec2_managed_prefix_list",
                    after: ["name": "world", "entry": [["cidr": "0.0.0.0/0", "description": "everyone"]]],
                    unknown: ["id": true])
        plan.change("aws_security_group_rule.db", "aws_security_group_rule", after: Self.rule,
                    unknown: ["prefix_list_ids": [true]])
        plan.configure("aws_security_group_rule.db", [
            "prefix_list_ids": Plan.references("aws_ec2_managed_prefix_list.world.id", "aws_ec2_managed_prefix_list.world"),
        ])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(allowlists(deployment) == ["aws_security_group_rule.db: 0.0.0.0/0"])
        let findings = try TerraformFixture.findings(deployment).filter { $0.ruleId == "MMC-NET-001" }
        #expect(findings.map { "\($0.severity.rawValue) \($0.path)" } == [
            "critical resource_changes[0].change.after.entry[0].cidr",
        ])
        #expect(findings.first?.message.contains("'0.0.0.0/0' admits every IPv4 address on port 5432") == true)
    }

    @Test func anExistingListIsFoundByItsIdWithTheEntriesOfItsEntryResourcesOnce() throws {
        var plan = Plan()
        plan.change("aws_ec2_managed_prefix_list.office", "aws_ec2_managed_prefix_list", after: [
            "id": "pl-0aaa", "name": "office", "entry": [["cidr": "10.20.0.0/16"]],
        ], actions: ["no-op"])
        plan.change("aws_ec2_managed_prefix_list_entry.vpn", "aws_ec2_managed_prefix_list_entry",
                    after: ["prefix_list_id": "pl-0aaa", "cidr": "10.20.0.0/16"], actions: ["no-op"])
        plan.change("aws_ec2_managed_prefix_list_entry.partner", "aws_ec2_managed_prefix_list_entry",
                    after: ["prefix_list_id": "pl-0aaa", "cidr": "198.51.100.0/24"])
        var rule = Self.rule
        rule["prefix_list_ids"] = ["pl-0aaa"]
        plan.change("aws_security_group_rule.db", "aws_security_group_rule", after: rule)
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(allowlists(deployment).sorted() == [
            "aws_security_group_rule.db: 10.20.0.0/16", "aws_security_group_rule.db: 198.51.100.0/24",
        ])
    }

    @Test func aListOutsideThePlanCannotBeVerifiedOnceAndSaysWhy() throws {
        var plan = Plan()
        var rule = Self.rule
        rule["prefix_list_ids"] = ["pl-63a5400a", "pl-3b927c52"]
        plan.change("aws_security_group_rule.db", "aws_security_group_rule", after: rule)
        plan.change("aws_vpc_security_group_ingress_rule.s3", "aws_vpc_security_group_ingress_rule", after: [
            "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "description": "s3",
        ], unknown: ["prefix_list_id": true])
        plan.configure("aws_vpc_security_group_ingress_rule.s3", [
            "prefix_list_id": Plan.references("aws_vpc_endpoint.s3.prefix_list_id", "aws_vpc_endpoint.s3"),
        ])
        let findings = try TerraformFixture.findings(TerraformFixture.deployment(json: plan.json))
            .filter { $0.ruleId.hasPrefix("MMC-NET-") }
        #expect(findings.map { "\($0.ruleId) \($0.resource) \($0.cannotVerify)" } == [
            "MMC-NET-001 aws_security_group_rule.db true", "MMC-NET-011 aws_vpc_security_group_ingress_rule.s3 true",
        ])
        #expect(findings.first?.message.contains(
            "prefix lists 'pl-63a5400a', 'pl-3b927c52' are not declared in this input") == true, "\(findings.map(\.message))")
        #expect(findings.last?.message.contains("comes from aws_vpc_endpoint.s3.prefix_list_id, which is not a managed "
                                                + "prefix list of this input") == true, "\(findings.map(\.message))")
    }

    @Test func moreUnknownIdsThanListsReferencedCannotBeVerified() throws {
        var plan = Plan()
        plan.change("aws_ec2_managed_prefix_list.office", "aws_ec2_managed_prefix_list",
                    after: ["name": "office", "entry": [["cidr": "10.20.0.0/16"]]], unknown: ["id": true])
        plan.change("aws_security_group_rule.db", "aws_security_group_rule", after: Self.rule,
                    unknown: ["prefix_list_ids": [true, true]])
        plan.configure("aws_security_group_rule.db", [
            "prefix_list_ids": Plan.references("aws_ec2_managed_prefix_list.office.id", "aws_ec2_managed_prefix_list.office",
                                               "var.extra"),
        ])
        let deployment = try TerraformFixture.deployment(json: plan.json)
        #expect(allowlists(deployment).sorted() == ["aws_security_group_rule.db: 10.20.0.0/16", "aws_security_group_rule.db: ?"])
    }

    @Test func aRuleWithoutPrefixListsIsUnchanged() throws {
        var plan = Plan()
        var rule = Self.rule
        rule["cidr_blocks"] = ["203.0.113.0/24"]
        rule["prefix_list_ids"] = [String]()
        plan.change("aws_security_group_rule.db", "aws_security_group_rule", after: rule)
        #expect(allowlists(try TerraformFixture.deployment(json: plan.json)) == ["aws_security_group_rule.db: 203.0.113.0/24"])
    }
}
