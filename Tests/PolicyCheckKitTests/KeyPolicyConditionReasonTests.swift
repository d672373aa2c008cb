@testable import PolicyCheckKit
import Testing

/// MMC-KEY-010's message says why a condition on who calls does not bind the caller: the operator (IfExists, a
/// negation) or the value, not "restricts how the key is called", which is said only of keys that do not name the
/// caller.
@Suite struct KeyPolicyConditionReasonTests {
    /// A key whose policy opens `kms:Decrypt` to principal `"*"` under `condition`, after `parameters`.
    private static func template(_ condition: String, parameters: String = "") -> String {
        parameters + """
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties:
                  EnableKeyRotation: true
                  PendingWindowInDays: 30
                  KeyPolicy:
                    Version: '2012-10-17'
                    Statement:
                      - {Effect: Allow, Principal: '*', Action: ['kms:Decrypt'], Resource: '*', Condition: \(condition)}
            """
    }

    private static func findings(_ condition: String, parameters: String = "") throws -> [Finding] {
        try CloudFormationTesting.findings(template(condition, parameters: parameters)).filter { $0.ruleId == "MMC-KEY-010" }
    }

    private func message(_ condition: String) throws -> String {
        let findings = try Self.findings(condition)
        try #require(findings.count == 1)
        return findings[0].message
    }

    @Test func ifExistsSaysAnAbsentKeyIsAdmitted() throws {
        let text = try message("{StringEqualsIfExists: {'aws:PrincipalOrgID': o-abc123example}}")
        #expect(text.contains("StringEqualsIfExists on aws:PrincipalOrgID also admits a request without aws:PrincipalOrgID (a caller in no organization has none)"))
        #expect(!text.contains("restricts how the key is called"))
    }

    @Test func aNegationSaysEveryOtherCallerIsAdmitted() throws {
        let text = try message("{StringNotEquals: {'aws:PrincipalAccount': '999999999999'}}")
        #expect(text.contains("StringNotEquals on aws:PrincipalAccount admits every caller but those it names"))
    }

    /// `ForAllValues:` is true when the key is absent, and a wildcard in an organization or account id matches them
    /// all: each passed as binding the caller (review, round 35). A wildcard after a whole organization id in a path,
    /// or after a role's unique id, still binds.
    @Test func forAllValuesAndWildcardIdentifiersDoNotBindTheCaller() throws {
        #expect(try message("{'ForAllValues:StringEquals': {'aws:PrincipalOrgID': [o-abc123example]}}")
            .contains("ForAllValues:StringEquals on aws:PrincipalOrgID is true when the request has no aws:PrincipalOrgID"))
        #expect(try message("{StringLike: {'aws:PrincipalOrgID': 'o-*'}}").contains("aws:PrincipalOrgID 'o-*' matches any caller"))
        #expect(try message("{StringLike: {'kms:CallerAccount': '????????????'}}").contains("kms:CallerAccount '????????????' matches any caller"))
        for binding in ["{StringLike: {'aws:PrincipalOrgPaths': 'o-abc123example/r-ab12/*'}}",
                        "{StringLike: {'aws:userid': 'AROAEXAMPLEID:*'}}",
                        "{StringEquals: {'aws:PrincipalOrgID': o-abc123example}}",
                        // A part known only at deployment before the wildcard may be the whole id (regression run).
                        "{StringLike: {'kms:CallerAccount': !Sub '${AWS::AccountId}*'}}"] {
            #expect(try Self.findings(binding).isEmpty, "\(binding)")
        }
    }

    /// An IAM policy variable is the caller's own value, so `${aws:PrincipalOrgID}*` matches every caller; a
    /// template parameter before the wildcard is known only at deployment: cannot be verified (review, round 35).
    @Test func aPolicyVariableMatchesAnyCallerAndAParameterIsUndecided() throws {
        #expect(try message("{StringLike: {'aws:PrincipalOrgID': '${aws:PrincipalOrgID}*'}}")
            .contains("aws:PrincipalOrgID '${aws:PrincipalOrgID}*' matches any caller"))
        let findings = try Self.findings("{StringLike: {'aws:PrincipalOrgID': !Sub '${OrgId}*'}}",
                                         parameters: "Parameters:\n  OrgId: {Type: String}\n")
        #expect(findings.count == 1 && findings[0].cannotVerify, "\(findings.map(\.message))")
    }

    @Test func anARNOfAnyAccountSaysSo() throws {
        let text = try message("{ArnLike: {'aws:PrincipalArn': 'arn:aws:iam::*:role/*'}}")
        #expect(text.contains("aws:PrincipalArn 'arn:aws:iam::*:role/*' matches principals of any account"))
    }

    @Test func aKeyThatDoesNotNameTheCallerStillSaysHow() throws {
        let text = try message("{Bool: {'aws:SecureTransport': 'true'}}")
        #expect(text.contains("aws:SecureTransport restricts how the key is called, not who calls it"))
    }
}
