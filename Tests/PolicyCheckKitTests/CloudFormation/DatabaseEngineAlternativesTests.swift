import Foundation
@testable import PolicyCheckAdapters
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// A database whose `Engine` or `EngineVersion` is a parameter with allowed values is judged at the worst of them; an
/// engine chosen at deployment cannot be verified. With the engine a parameter, MMC-ENC-003 was not judged at all
/// (startup-kit-templates' `db.cfn.yml`), and several versions read as none stated.
@Suite struct DatabaseEngineAlternativesTests {
    private func transport(_ parameters: String, engine: String, version: String? = nil) throws -> [Finding] {
        try CloudFormationTesting.findings("""
            Parameters:
            \(parameters)
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: \(engine)
            \(version.map { "      EngineVersion: \($0)" } ?? "")
                  DBInstanceClass: db.t3.micro
                  StorageEncrypted: true
            """).filter { $0.ruleId == "MMC-ENC-003" }
    }

    @Test func theWorstAllowedEngineIsJudged() throws {
        let findings = try transport("  Engine: {Type: String, Default: postgres, AllowedValues: [postgres, mysql]}", engine: "!Ref Engine")
        #expect(findings.map(\.cannotVerify) == [false])
        #expect(findings.first?.message.contains("with Engine 'mysql', one of the values the template's parameters or conditions allow") == true,
                "\(findings.map(\.message))")
    }

    @Test func anEngineChosenAtDeploymentCannotBeVerified() throws {
        let findings = try transport("  Engine: {Type: String}", engine: "!Ref Engine")
        #expect(findings.map(\.cannotVerify) == [true])
        #expect(findings.first?.message.contains("the engine is not known") == true)
    }

    @Test func theWorstAllowedVersionIsJudged() throws {
        let findings = try transport("  Version: {Type: String, Default: '16.4', AllowedValues: ['13.16', '16.4']}",
                                     engine: "postgres", version: "!Ref Version")
        #expect(findings.map(\.cannotVerify) == [false])
        #expect(findings.first?.message.contains("EngineVersion '13.16'") == true, "\(findings.map(\.message))")
        #expect(try transport("  Version: {Type: String, Default: '16.4', AllowedValues: ['15.2', '16.4']}",
                              engine: "postgres", version: "!Ref Version").isEmpty, "every allowed version requires TLS")
    }

    @Test func enginesWithoutATLSRuleStillLeaveNone() throws {
        #expect(try transport("  Engine: {Type: String, Default: custom-sqlserver-ee, AllowedValues: [custom-sqlserver-ee, custom-sqlserver-se]}", engine: "!Ref Engine").isEmpty)
    }
}
