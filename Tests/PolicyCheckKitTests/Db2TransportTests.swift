@testable import PolicyCheckKit
import Testing

/// RDS for Db2 refuses clear text only when a parameter group of its own sets DB2COMM to SSL alone; its default
/// group (which cannot be modified) and `TCPIP,SSL` accept clear text. It was not judged at all.
@Suite struct Db2TransportTests {
    private func transport(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId == "MMC-ENC-003" }.map { "\($0.severity.rawValue) \($0.resource)" }.sorted()
    }

    @Test func cloudFormationInstancesThatAcceptClearTextFail() throws {
        let findings = try CloudFormationTesting.findings(try CloudFormationTesting.fixture("fail-db2-accepts-clear-text.yaml"))
        #expect(transport(findings) == ["high BothPorts", "high DefaultGroup"])
        let both = try #require(findings.first { $0.ruleId == "MMC-ENC-003" && $0.resource == "BothPorts" })
        #expect(both.message.contains("db2comm is 'TCPIP,SSL' in TcpipAndSsl"))
    }

    @Test func cloudFormationSSLOnlyPasses() throws {
        let findings = try CloudFormationTesting.findings(try CloudFormationTesting.fixture("pass-db2-ssl-only.yaml"))
        #expect(transport(findings).isEmpty)
    }

    @Test func terraformSource() throws {
        let findings = try TerraformSourceFixture.findings("db2-accepts-clear-text-fail")
        #expect(transport(findings) == ["high aws_db_instance.fail_both_ports", "high aws_db_instance.fail_default_group"])
    }
}
