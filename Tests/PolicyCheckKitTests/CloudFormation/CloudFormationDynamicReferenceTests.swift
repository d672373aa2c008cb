import Testing
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit

/// Dynamic references (`{{resolve:ssm:…}}`, `{{resolve:ssm-secure:…}}`, `{{resolve:secretsmanager:…}}`) are read by
/// CloudFormation only at deployment: wherever a string holds one — written, built by `!Sub` or `!Join`, or a
/// parameter's default — the value cannot be verified, and is never judged as the reference's own text.
@Suite struct CloudFormationDynamicReferenceTests {
    typealias T = CloudFormationTesting

    /// `rule resource path`, with `(cannot verify)` when it is (the logging, transit and recovery rules' findings about
    /// settings these templates leave unstated set aside).
    private func summary(_ findings: [Finding]) -> [String] {
        findings.filter { $0.cannotVerify || !LoggingTransitRecoveryRules.ids.contains($0.ruleId) }.map {
            "\($0.ruleId) \($0.resource) \($0.path)\($0.cannotVerify ? " (cannot verify)" : "")"
        }
    }

    @Test func everyValueADynamicReferenceGivesCannotBeVerifiedInYAMLAndJSON() throws {
        let yaml = try T.findings(try T.fixture("cannot-verify-dynamic-references.yaml"))
        let expected = [
            "MMC-NET-011 OfficeIngress Resources.OfficeIngress.Properties.CidrIp (cannot verify)",
            "MMC-NET-001 PartnerIngress Resources.PartnerIngress.Properties.CidrIp (cannot verify)",
            // No PubliclyAccessible and no DBSubnetGroupName: RDS's default, public (CloudFormationDataStoreTests).
            "MMC-NET-012 DB Resources.DB.Properties.PubliclyAccessible",
            "MMC-ENC-001 DB Resources.DB.Properties.StorageEncrypted (cannot verify)",
            "MMC-ENC-002 DB Resources.DB.Properties.KmsKeyId (cannot verify)",
            "MMC-ENC-004 Listener Resources.Listener.Properties.Protocol (cannot verify)",
            "MMC-RES-001 Peer Resources.Peer.Properties.PeerRegion (cannot verify)",
        ]
        #expect(summary(yaml) == expected)
        // Before, the references' own text was judged: "not a valid CIDR", "not a declared key", "not a boolean".
        #expect(!yaml.contains { ["MMC-NET-002", "MMC-KEY-003"].contains($0.ruleId) })
        let json = try T.findings(try T.fixture("cannot-verify-dynamic-references.json"), path: "template.json")
        #expect(summary(json) == expected)
        #expect(yaml.map(\.message) == json.map(\.message))
    }

    @Test func theReasonNamesTheReferenceAndWhereCloudFormationReadsIt() throws {
        let findings = try T.findings(try T.fixture("cannot-verify-dynamic-references.yaml"))
        let messages = Dictionary(findings.map { ($0.path.split(separator: ".").last.map(String.init) ?? "", $0.message) },
                                  uniquingKeysWith: { first, _ in first })
        #expect(messages["CidrIp"]
            == "allowlist entry cannot be verified: '{{resolve:ssm:/network/office-cidr}}' is a dynamic reference, which CloudFormation reads from Systems Manager Parameter Store only at deployment")
        // Inside other text (an ARN `!Sub` builds), and built by `!Join` from parts that are none on their own.
        #expect(messages["KmsKeyId"]
            == "the database's KMS key cannot be verified: it holds the dynamic reference '{{resolve:ssm:/accounts/keys}}', which CloudFormation reads from Systems Manager Parameter Store only at deployment")
        #expect(messages["Protocol"]
            == "the listener's protocol cannot be verified: '{{resolve:ssm:/lb/protocol}}' is a dynamic reference, which CloudFormation reads from Systems Manager Parameter Store only at deployment")
    }

    /// A hostile template cannot hide a failing value behind a dynamic reference: of `!If` branches the worse is
    /// judged, and a reference is unknown, not good.
    @Test func aDynamicReferenceBesideAFailingBranchStillFails() throws {
        let text = """
            Conditions:
              Open: !Equals [!Ref 'AWS::AccountId', '111122223333']
            Resources:
              Ingress:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-12345678
                  Description: admin
                  IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: !If [Open, 0.0.0.0/0, '{{resolve:ssm:/network/admin-cidr}}']
              Volume:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: us-east-1a
                  Size: 10
                  Encrypted: !If [Open, false, '{{resolve:ssm:/volumes/encrypted}}']
            """
        let findings = try T.findings(text).withoutLoggingTransitRecovery
        #expect(summary(findings) == [
            "MMC-NET-001 Ingress Resources.Ingress.Properties.CidrIp",
            "MMC-ENC-001 Volume Resources.Volume.Properties.Encrypted",
        ])
    }

    @Test func aParameterDefaultOrAMappingEntryThatIsADynamicReferenceIsUnknown() throws {
        let text = """
            Parameters:
              AdminCidr: {Type: String, Default: '{{resolve:ssm:/network/admin-cidr}}'}
            Mappings:
              Network: {prod: {Office: '{{resolve:ssm:/network/office-cidr}}'}}
            Resources:
              Admin:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: {GroupId: sg-1, Description: a, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr}
              Office:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-1
                  Description: o
                  IpProtocol: tcp
                  FromPort: 443
                  ToPort: 443
                  CidrIp: !FindInMap [Network, prod, Office]
            """
        let findings = try T.findings(text).withoutLoggingTransitRecovery
        #expect(summary(findings) == [
            "MMC-NET-001 Admin Resources.Admin.Properties.CidrIp (cannot verify)",
            "MMC-NET-011 Office Resources.Office.Properties.CidrIp (cannot verify)",
        ])
    }

    @Test func theReferenceIsFoundWhereverItIsAndOnlyWhenItIsClosed() {
        #expect(DynamicReference.reason(in: "{{resolve:ssm-secure:/db/password:3}}")
            == "'{{resolve:ssm-secure:/db/password:3}}' is a dynamic reference, which CloudFormation reads from Systems Manager Parameter Store (a secure string) only at deployment")
        #expect(DynamicReference.reason(in: "user={{resolve:secretsmanager:MySecret:SecretString:username}};")
            == "it holds the dynamic reference '{{resolve:secretsmanager:MySecret:SecretString:username}}', which CloudFormation reads from Secrets Manager only at deployment")
        #expect(DynamicReference.first(in: "a {b} {{c}} {{resolve:ssm:x}} {{resolve:ssm:y}}") == "{{resolve:ssm:x}}")
        // Parts of a reference (a `!Join` element) and plain text are none.
        #expect(DynamicReference.first(in: "{{resolve:ssm:") == nil)
        #expect(DynamicReference.first(in: "10.0.0.0/8") == nil)
        #expect(DynamicReference.first(in: "{{resolve:ssm:/a}") == nil)
    }

    /// The second review's bypass: a reference after the delimiter made every part of a `!Split` unknown, so
    /// `!Select [0, …]` of a world-open CIDR, `false` or `PLAINTEXT` was an info below the gate. Parts before the
    /// first reference are known; the part holding it, and what follows, are not.
    @Test func partsOfASplitBeforeTheReferenceAreKnown() throws {
        let findings = try T.findings("""
            Resources:
              Ssh:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-0123456789abcdef0
                  IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  Description: ssh
                  CidrIp: !Select [0, !Split ['|', '0.0.0.0/0|{{resolve:ssm:/anything}}']]
              Later:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-0123456789abcdef0
                  IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  Description: ssh
                  CidrIp: !Select [1, !Split ['|', '{{resolve:ssm:/anything}}|0.0.0.0/0']]
            """).filter { $0.ruleId == "MMC-NET-001" }
        #expect(findings.map { "\($0.resource) \($0.severity.rawValue) \($0.cannotVerify)" }
                == ["Ssh critical false", "Later info true"], "\(findings.map(\.message))")
    }
}
