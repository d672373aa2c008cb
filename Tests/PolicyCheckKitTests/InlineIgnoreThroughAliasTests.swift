import Foundation
import PolicyCheckKit
import Testing

/// A value an alias repeats is placed at its anchor, so its findings share the anchor's line: an inline ignore on
/// that line would cover a resource it was never written for (tester, round 28). Such an ignore is an error and
/// covers nothing; an anchor no alias repeats, or an alias elsewhere, leaves the ignore as it was.
@Suite struct InlineIgnoreThroughAliasTests {
    private func check(_ text: String) throws -> CheckReport {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alias-\(UUID().uuidString)")
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
        #expect(error.message.contains("covers the anchor '&open', whose value the alias on line \(standsAlone ? 21 : 20) repeats"), "\(error.message)")
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
}
