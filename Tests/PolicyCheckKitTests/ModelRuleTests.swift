import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Rules whose inputs only infrastructure code carries (key policies, security-group ports, public access),
/// exercised on the normalised model directly; the adapters' suites cover the same rules from real files.
@Suite struct ModelRuleTests {
    static let source = SourceFile(path: "model.json", bytes: Array("{\n  \"a\": 1,\n  \"b\": 2\n}\n".utf8))

    static func deployment() -> Deployment {
        var deployment = Deployment(name: "model.json", source: source, format: .terraformPlan,
                                    origin: Origin(offset: 0, path: ""))
        deployment.qualifiesResourceNames = false
        return deployment
    }

    static func evaluate(_ deployment: Deployment) -> Evaluation {
        Evaluator(policy: Fixture.defaultPolicy).evaluate(deployment, context: CheckContext(now: Fixture.now))
    }

    static func key(policy statements: [KeyPolicyStatement]) -> KeyDeclaration {
        var key = KeyDeclaration(component: "aws_kms_key.data", origin: Origin(offset: 4, path: "a"))
        key.id = Located("aws_kms_key.data", at: Origin(offset: 4, path: "a"))
        key.rotation = KeyRotation(origin: Origin(offset: 4, path: "a"))
        key.rotation?.mode = Located("automatic", at: Origin(offset: 4, path: "a"))
        key.policy = KeyPolicy(origin: Origin(offset: 15, path: "b"), statements: statements)
        return key
    }

    /// A condition that binds the caller to one account.
    static let callerAccount = KeyPolicyCondition(operatorName: "StringEquals", key: "kms:CallerAccount",
                                                  values: ["111122223333"])

    static func statement(principals: [String], actions: [String], condition: Bool) -> KeyPolicyStatement {
        statement(principals: principals, actions: actions, conditions: condition ? [callerAccount] : [])
    }

    static func statement(principals: [String], actions: [String], conditions: [KeyPolicyCondition]) -> KeyPolicyStatement {
        KeyPolicyStatement(effect: "Allow", principals: principals, actions: actions, conditions: conditions,
                           sid: "Open", origin: Origin(offset: 15, path: "b"))
    }

    /// Only conditions on who calls restrict principal "*" (issue 15): aws:SecureTransport says how, kms:ViaService
    /// alone admits any account through the service, and a negated or IfExists operator binds nothing.
    @Test(arguments: [
        ([KeyPolicyCondition(operatorName: "Bool", key: "aws:SecureTransport", values: ["true"])], true),
        ([KeyPolicyCondition(operatorName: "StringEquals", key: "kms:ViaService", values: ["rds.us-east-1.amazonaws.com"])], true),
        ([KeyPolicyCondition(operatorName: "StringEquals", key: "kms:ViaService", values: ["rds.us-east-1.amazonaws.com"]),
          callerAccount], false),
        ([KeyPolicyCondition(operatorName: "StringNotEquals", key: "kms:CallerAccount", values: ["111122223333"])], true),
        ([KeyPolicyCondition(operatorName: "StringEqualsIfExists", key: "aws:SourceAccount", values: ["111122223333"])], true),
        ([KeyPolicyCondition(operatorName: "StringLike", key: "aws:PrincipalArn", values: ["*"])], true),
        ([KeyPolicyCondition(operatorName: "StringEquals", key: "aws:PrincipalOrgID", values: ["o-a1b2c3d4e5"])], false),
        ([KeyPolicyCondition(operatorName: "ArnLike", key: "aws:SourceArn", values: ["arn:aws:s3:::acme-logs"])], false),
    ])
    func onlyCallerBindingConditionsRestrictEveryone(conditions: [KeyPolicyCondition], fails: Bool) throws {
        var deployment = Self.deployment()
        deployment.keys = [Self.key(policy: [Self.statement(principals: ["*"], actions: ["kms:Decrypt"], conditions: conditions)])]
        let findings = Self.evaluate(deployment).findings.filter { $0.ruleId == "MMC-KEY-010" }
        #expect(findings.isEmpty == !fails)
        if fails, conditions.count == 1, conditions[0].key == "aws:SecureTransport" {
            #expect(findings.first?.message.contains("with no condition that binds the caller (aws:SecureTransport restricts how the key is called, not who calls it)") == true)
        }
    }

    @Test func administrationGrantedToAnotherAccountsRootFails() throws {
        var deployment = Self.deployment()
        var key = Self.key(policy: [
            Self.statement(principals: ["arn:aws:iam::111122223333:root"], actions: ["kms:*"], condition: false),
            Self.statement(principals: ["arn:aws:iam::444455556666:root"], actions: ["kms:*"], condition: false),
        ])
        key.arn = Located(.known("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                          at: Origin(offset: 4, path: "a"))
        deployment.keys = [key]
        let findings = Self.evaluate(deployment).findings.filter { $0.ruleId == "MMC-KEY-010" }
        #expect(findings.map(\.message) == [
            "statement 'Open' allows kms:* to the root of account 444455556666, which is not the key's own account 111122223333; grant another account only the actions it needs",
        ])
        // Without the key's ARN, the first account granted kms:* is taken as the key's own.
        deployment.keys[0].arn = nil
        #expect(Self.evaluate(deployment).findings.filter { $0.ruleId == "MMC-KEY-010" }.count == 1)
    }

    @Test func keyPolicyOpenToEveryoneWithoutConditionFails() throws {
        var deployment = Self.deployment()
        deployment.keys = [Self.key(policy: [Self.statement(principals: ["*"], actions: ["kms:Decrypt"], condition: false)])]
        let finding = try #require(Self.evaluate(deployment).findings.first { $0.ruleId == "MMC-KEY-010" })
        #expect(finding.severity == .high)
        #expect(finding.resource == "aws_kms_key.data")
        #expect((finding.line, finding.column) == (3, 4))
        #expect(finding.message.contains("allows principal \"*\" (anyone) without a condition"))
    }

    @Test(arguments: [
        (["arn:aws:iam::111122223333:root"], ["kms:*"], false, false),
        (["*"], ["kms:Decrypt"], true, false),
        (["*"], ["kms:*"], true, true),
    ])
    func keyPolicyStatementsAreJudgedByPrincipalActionAndCondition(principals: [String], actions: [String],
                                                                   condition: Bool, fails: Bool) {
        var deployment = Self.deployment()
        deployment.keys = [Self.key(policy: [Self.statement(principals: principals, actions: actions, condition: condition)])]
        let findings = Self.evaluate(deployment).findings.filter { $0.ruleId == "MMC-KEY-010" }
        #expect(findings.isEmpty == !fails)
    }

    static func ingress(_ cidr: String, ports: PortRange) -> Deployment {
        var deployment = Self.deployment()
        var list = Allowlist(kind: .securityGroupIngress, component: "aws_security_group.web", origin: Origin(offset: 4, path: "a"),
                             internetFacing: true, hasDescriptionField: true)
        list.entries = [AllowlistEntry(cidr: Located(.known(cidr), at: Origin(offset: 15, path: "b")),
                                       description: Located("web", at: Origin(offset: 15, path: "b")), enabled: true,
                                       origin: Origin(offset: 15, path: "b"), ports: ports)]
        deployment.allowlists = [list]
        return deployment
    }

    @Test(arguments: [(22, 22, "MMC-NET-001", Severity.critical), (5432, 5432, "MMC-NET-001", .critical),
                      (0, 65535, "MMC-NET-001", .critical), (443, 443, "MMC-NET-011", .high), (80, 80, "MMC-NET-011", .high)])
    func worldOpenIngressIsCriticalOnAdministrativePortsAndHighElsewhere(lower: Int, upper: Int, rule: String,
                                                                         severity: Severity) throws {
        let findings = Self.evaluate(Self.ingress("0.0.0.0/0", ports: PortRange(lower, upper))).findings
        let worldOpen = findings.filter { $0.ruleId == "MMC-NET-001" || $0.ruleId == "MMC-NET-011" }
        #expect(worldOpen.count == 1)
        let finding = try #require(worldOpen.first)
        #expect(finding.ruleId == rule)
        #expect(finding.severity == severity)
    }

    @Test func narrowIngressIsNotWorldOpen() {
        let findings = Self.evaluate(Self.ingress("203.0.113.0/24", ports: PortRange(22, 22))).findings
        #expect(!findings.contains { $0.ruleId == "MMC-NET-001" || $0.ruleId == "MMC-NET-011" })
    }

    @Test(arguments: [(Fact<Bool>.known(true), "fail"), (.known(false), "pass"), (.unknown(reason: "known only after apply"), "cannot-verify")])
    func publicDataStoresFail(access: Fact<Bool>, expected: String) {
        var deployment = Self.deployment()
        var store = DataStore(kind: .database, component: "aws_db_instance.main", origin: Origin(offset: 4, path: "a"),
                              encryption: Encryption(origin: Origin(offset: 4, path: "a")))
        store.encryption.atRest = Located(.known(true), at: Origin(offset: 4, path: "a"))
        store.encryption.kmsKey = Located(.known("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                                          at: Origin(offset: 4, path: "a"))
        store.publicAccess = Located(access, at: Origin(offset: 15, path: "b"))
        deployment.dataStores = [store]
        let outcome = Self.evaluate(deployment).outcomes.first { $0.ruleId == "MMC-NET-012" }
        #expect(outcome?.status.rawValue == expected)
        #expect(outcome?.resource == "aws_db_instance.main")
    }
}
