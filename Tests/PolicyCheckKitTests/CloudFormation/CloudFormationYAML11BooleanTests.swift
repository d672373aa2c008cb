import Testing
@testable import PolicyCheckKit

/// CloudFormation reads YAML templates as YAML 1.1, where a plain `on`, `off`, `yes`, `no`, `y` or `n` is a
/// boolean (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html): a template that
/// turns encryption `off` is judged off, not "cannot be verified". Quoted, the word is a string, as it is in JSON.
@Suite struct CloudFormationYAML11BooleanTests {
    typealias T = CloudFormationTesting

    @Test func plainBooleanWordsAreJudgedAndQuotedOnesAreNot() throws {
        let findings = try T.findings(T.fixture("fail-yaml11-boolean-words.yaml"), path: "fail-yaml11-boolean-words.yaml")
        #expect(findings.filter { $0.ruleId == "MMC-ENC-001" || $0.ruleId == "MMC-NET-012" }.map(\.cfnSummary) == [
            "11:25 critical MMC-ENC-001 OffDB Resources.OffDB.Properties.StorageEncrypted",
            "25:27 high MMC-NET-012 PublicDB Resources.PublicDB.Properties.PubliclyAccessible",
            "35:25 critical MMC-ENC-001 NoDB Resources.NoDB.Properties.StorageEncrypted",
            // Quoted: a string CloudFormation refuses for a boolean, so unknown.
            "47:25 info MMC-ENC-001 QuotedDB Resources.QuotedDB.Properties.StorageEncrypted",
        ])
    }

    @Test func aJSONTemplateHasNoBooleanWords() throws {
        let json = #"{"Resources": {"DB": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "postgres", "StorageEncrypted": "off"}}}}"#
        let findings = try T.findings(json, path: "template.json").filter { $0.ruleId == "MMC-ENC-001" }
        #expect(findings.map(\.severity) == [.info], "the string 'off' is not a boolean in JSON")
    }
}
