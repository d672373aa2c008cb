import Testing
@testable import PolicyCheckKit

/// A security-group rule whose `SourcePrefixListId` names an `AWS::EC2::PrefixList` of the template admits the list's
/// `Entries[].Cidr`, judged as if the rule wrote them; a list outside the template cannot be verified.
@Suite struct CloudFormationPrefixListTests {
    typealias T = CloudFormationTesting

    @Test func aRuleAdmitsTheEntriesOfATemplatesPrefixList() throws {
        let findings = try T.findings(try T.fixture("fail-prefix-list-world-open.yaml"))
        let open = findings.filter { $0.ruleId == "MMC-NET-001" }
        #expect(open.map { "\($0.resource) \($0.severity.rawValue)" }.sorted() == [
            "OpenByAttribute critical", "SG critical",
        ])
        // The world-open range is shown where the list writes it, and the port is the rule's.
        #expect(open.allSatisfy { $0.path == "Resources.World.Properties.Entries[0].Cidr" })
        #expect(open.contains { $0.resource == "SG" && $0.message.contains("'0.0.0.0/0' admits every IPv4 address on port 5432") },
                "\(open.map(\.message))")
        // A list of private ranges admits nothing from the internet.
        #expect(!findings.contains { $0.resource == "Branch" && $0.ruleId.hasPrefix("MMC-NET-00") && $0.severity >= .high })
    }

    @Test func aPrefixListOutsideTheTemplateCannotBeVerifiedAndSaysWhy() throws {
        let findings = try T.findings(try T.fixture("fail-prefix-list-world-open.yaml"))
        let about = findings.filter { $0.resource == "CloudFront" }
        #expect(about.count == 1, "\(about.map(\.message))")
        let outside = try #require(about.first)
        #expect(outside.cannotVerify && outside.severity == .info)
        #expect(outside.path == "Resources.CloudFront.Properties.SourcePrefixListId")
        #expect(outside.message.contains("prefix list 'pl-3b927c52' is not declared in this template"), "\(outside.message)")
    }

    /// A lookup by region names one AWS-managed list per region (eks-workshop-v2's CloudFront rule): one entry for the
    /// rule, naming some of them, not one finding per region.
    @Test func listsALookupMayPickAreOneEntry() throws {
        let findings = try T.findings("""
            Mappings:
              Lists:
                us-east-1: {Id: pl-3b927c52}
                us-west-2: {Id: pl-82a045eb}
                eu-west-1: {Id: pl-4fa04526}
                eu-central-1: {Id: pl-a3a144ca}
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 80, ToPort: 80, Description: cdn, SourcePrefixListId: !FindInMap [Lists, !Ref AWS::Region, Id]}
            """).filter { $0.resource == "Web" && $0.ruleId == "MMC-NET-011" }
        #expect(findings.count == 1, "\(findings.map(\.message))")
        #expect(findings.first?.message.contains("prefix list (one of 'pl-3b927c52', 'pl-82a045eb', 'pl-4fa04526' and 1 more)") == true,
                "\(findings.map(\.message))")
    }
}
