import Foundation
import PolicyCheckTestSupport
import PolicyCheckKit
import Testing

/// A value an alias repeats is placed at its anchor, so its findings share the anchor's line: an inline ignore on
/// that line would cover a resource it was never written for (tester, round 28). Such an ignore is an error and
/// covers nothing; an anchor no alias repeats, or an alias elsewhere, leaves the ignore as it was.
@Suite struct InlineIgnoreThroughAliasTests {
    private func check(_ text: String) throws -> CheckReport {
        let directory = ScratchFolder.path("alias")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("stack.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
        run.jobs = 1
        return run.run(paths: [path])
    }

    private func template(bastionCidr: String, databaseCidr: String, standsAlone: Bool = true) -> String {
        let ignore = "# policycheck:ignore MMC-NET-001 bastion host, approved in SEC-9"
        return """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Bastion:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: bastion
                  VpcId: vpc-123
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 22
                      ToPort: 22
            \(standsAlone ? "          \(ignore)\n          CidrIp: \(bastionCidr)" : "          CidrIp: \(bastionCidr) \(ignore)")
                      Description: ssh
              Db:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: db
                  VpcId: vpc-123
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: \(databaseCidr), Description: pg}

            """
    }

    @Test(arguments: [true, false])
    func anIgnoreOnAnAnchorAnAliasRepeatsIsAnErrorAndCoversNothing(standsAlone: Bool) throws {
        let report = try check(template(bastionCidr: "&open 0.0.0.0/0", databaseCidr: "*open", standsAlone: standsAlone))
        let error = try #require(report.errors.first)
        #expect(error.message.contains("covers a line of the node anchored '&open', which the alias on line \(standsAlone ? 21 : 20) repeats"), "\(error.message)")
        let open = report.findings.filter { $0.ruleId == "MMC-NET-001" }
        #expect(open.count == 2 && open.allSatisfy { $0.suppression == nil })
        #expect(report.exitCode == 2)
    }

    @Test func anAnchorNoAliasRepeatsStillTakesTheIgnore() throws {
        let report = try check(template(bastionCidr: "&open 0.0.0.0/0", databaseCidr: "10.0.0.0/16"))
        #expect(report.errors.isEmpty, "\(report.errors)")
        let bastion = try #require(report.findings.first { $0.ruleId == "MMC-NET-001" && $0.resource == "Bastion" })
        #expect(bastion.suppression?.kind == .inline)
    }

    /// A security group whose `SecurityGroupIngress` is written `ingress` (text after the key, then its lines).
    private func group(_ name: String, _ ingress: String) -> String {
        "  \(name):\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: \(name)\n      VpcId: vpc-123\n"
            + "      SecurityGroupIngress:\(ingress)\n"
    }

    private let ignoredSSH = """

                - IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  # policycheck:ignore MMC-NET-001 bastion host, approved in SEC-9
                  CidrIp: 0.0.0.0/0
                  Description: ssh
        """

    /// An anchored list of rules, the ignore on a line inside it: the anchor is on another line, and the alias's
    /// findings are still placed on the ignored one.
    @Test func anIgnoreInsideAnAnchoredCollectionIsAnErrorToo() throws {
        let header = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"
        let report = try check(header + group("Bastion", " &rules" + ignoredSSH) + group("Other", " *rules"))
        let error = try #require(report.errors.first)
        #expect(error.message.contains("the node anchored '&rules', which the alias on line 20 repeats"), "\(error.message)")
        #expect(report.findings.filter { $0.ruleId == "MMC-NET-001" }.allSatisfy { $0.suppression == nil })
        // The lines after the anchored list are not part of it: an ignore on the next resource stands.
        let web = "\n        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8, Description: web}"
        let after = try check(header + group("Bastion", " &rules" + web) + group("Other", ignoredSSH) + group("Third", " *rules"))
        #expect(after.errors.isEmpty, "\(after.errors)")
        #expect(after.findings.first { $0.ruleId == "MMC-NET-001" }?.suppression?.kind == .inline)
    }
}
