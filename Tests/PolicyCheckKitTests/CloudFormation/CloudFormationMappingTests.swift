import Testing
@testable import PolicyCheckKit

/// How resources become the model, judged through the rules where that is what matters.
@Suite struct CloudFormationMappingTests {
    typealias T = CloudFormationTesting

    /// An Aurora instance's encryption is its cluster's, judged there; whether it is reachable is its own, judged on
    /// each instance as Terraform's `aws_rds_cluster_instance` is: a second public instance was hidden behind the
    /// first's finding on the cluster, which one inline ignore or baseline entry then covered (tester round 32).
    @Test func anAuroraInstanceInAClusterIsJudgedThroughItsClusterAndReachableOnItsOwn() throws {
        let text = """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties: {Engine: aurora-postgresql, StorageEncrypted: false, DBClusterIdentifier: Main}
              Writer:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster, PubliclyAccessible: true}
              Reader:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: aurora-postgresql, DBClusterIdentifier: main, PubliclyAccessible: true}
              Private:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster, PubliclyAccessible: false}
              Unstated:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: aurora-postgresql, DBClusterIdentifier: !Ref Cluster}
            """
        let findings = try T.findings(text).withoutLoggingTransitRecovery
        #expect(findings.map(\.cfnSummary) == [
            "4:63 critical MMC-ENC-001 Cluster Resources.Cluster.Properties.StorageEncrypted",
            "7:100 high MMC-NET-012 Writer Resources.Writer.Properties.PubliclyAccessible",
            "10:92 high MMC-NET-012 Reader Resources.Reader.Properties.PubliclyAccessible",
        ])
    }

    /// CDK's interface-endpoint security group allows `!GetAtt Vpc.CidrBlock`: the VPC's own `CidrBlock`, read from
    /// the template (a private range: no finding, where it was an info "cannot be verified" on every endpoint), and
    /// judged as written when it is not private. A VPC whose CIDR comes from an IPAM pool stays unknown.
    @Test func aVPCsCidrBlockAttributeIsTheCidrItDeclares() throws {
        func findings(_ vpc: String) throws -> [String] {
            try T.findings("""
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: \(vpc)}
                  Sg:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: endpoint
                      SecurityGroupIngress:
                        - {CidrIp: !GetAtt Vpc.CidrBlock, Description: vpc, FromPort: 443, ToPort: 443, IpProtocol: tcp}
                """).filter { $0.ruleId.hasPrefix("MMC-NET") }.map { "\($0.ruleId) \($0.cannotVerify)" }
        }
        #expect(try findings("{CidrBlock: 10.0.0.0/16}").isEmpty)
        #expect(try findings("{CidrBlock: 0.0.0.0/0}").contains("MMC-NET-011 false"))
        #expect(try findings("{Ipv4IpamPoolId: ipam-pool-1, Ipv4NetmaskLength: 16}").contains { $0.hasSuffix(" true") })
        // A CidrBlock that is itself an expression (here of its own attribute, three times over: followed, each
        // reference would triple the work per level) is not followed: unknown, at once.
        #expect(try findings("{CidrBlock: !Join ['', [!GetAtt Vpc.CidrBlock, !GetAtt Vpc.CidrBlock, !GetAtt Vpc.CidrBlock]]}")
            .contains { $0.hasSuffix(" true") })
    }

    @Test func aKeyOfTheTemplateCountsAsACustomerManagedKey() throws {
        let text = """
            Resources:
              Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}
              Alias: {Type: AWS::KMS::Alias, Properties: {AliasName: alias/data, TargetKeyId: !Ref Key}}
              DB: {Type: AWS::RDS::DBInstance, Properties: {StorageEncrypted: true, KmsKeyId: !GetAtt Key.Arn, PubliclyAccessible: false}}
              Vol: {Type: AWS::EC2::Volume, Properties: {Encrypted: true, KmsKeyId: !Ref Alias}}
              Other: {Type: AWS::EC2::Volume, Properties: {Encrypted: true, KmsKeyId: alias/aws/ebs}}
            """
        let deployment = try T.deployment(text)
        #expect(deployment.keys.compactMap { $0.id?.value } == ["Key"])
        // In the template's order (DB instances were mapped last, after the clusters they joined, until round 32).
        #expect(deployment.dataStores.map { $0.encryption.kmsKey?.value.known } == ["Key", "Key", "alias/aws/ebs"])
        let findings = try T.findings(text).withoutLoggingTransitRecovery
        #expect(findings.map(\.cfnSummary) == ["6:75 high MMC-ENC-002 Other Resources.Other.Properties.KmsKeyId"])
    }

    @Test func aBucketWithoutEncryptionSettingsUsesSSES3() throws {
        let findings = try T.findings("Resources:\n  Files:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: f\n").withoutLoggingTransitRecovery
        #expect(findings.map(\.cfnSummary) == ["4:5 high MMC-ENC-002 Files Resources.Files.Properties.BucketEncryption"])
        #expect(findings.first?.message.contains("SSE-S3 (AES256)") == true)
    }

    @Test func aKeyWithoutRotationIsFlaggedWhereTheSettingBelongs() throws {
        let findings = try T.findings("Resources:\n  K:\n    Type: AWS::KMS::Key\n").withoutLoggingTransitRecovery
        #expect(findings.map(\.cfnSummary) == ["2:3 medium MMC-KEY-005 K Resources.K.Properties.EnableKeyRotation"])
    }

    @Test("a key-policy statement under !If with AWS::NoValue reads its conditions from the branch that has it")
    func aConditionalStatementsConditionsAreItsOwn() throws {
        let template = """
            Conditions:
              InUSEast1: !Equals [!Ref 'AWS::Region', 'us-east-1']
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties:
                  EnableKeyRotation: true
                  KeyPolicy:
                    Statement:
                    - !If
                      - InUSEast1
                      - Effect: Allow
                        Principal: {AWS: '*'}
                        Action: 'kms:Decrypt'
                        Resource: '*'
                        Condition: {StringEquals: {'kms:ViaService': 's3.us-east-1.amazonaws.com'}}
                      - !Ref 'AWS::NoValue'
            """
        let findings = try T.findings(template).filter { $0.ruleId == "MMC-KEY-010" }
        #expect(findings.count == 1, "kms:ViaService alone does not bind the caller")
        #expect(findings.first?.message.contains("(kms:ViaService restricts how the key is called") == true,
                "\(findings.first?.message ?? "")")
        #expect(findings.first?.message.contains("(unknown)") == false)
    }

    /// A MySQL 8.0 instance (TLS off by default) whose parameter group is `group`.
    private static func mysqlDatabase(group: String) -> String {
        """
          DB:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              EngineVersion: '8.0.40'
              StorageEncrypted: true
              DBParameterGroupName: \(group)
        """
    }

    /// A MySQL 8.0 parameter group `Tls` setting `require_secure_transport` to `value`, and the database using it.
    private static func mysqlGroup(requireSecureTransport value: String) -> String {
        """
          Tls:
            Type: AWS::RDS::DBParameterGroup
            Properties:
              Family: mysql8.0
              Parameters: {require_secure_transport: \(value)}
        \(mysqlDatabase(group: "!Ref Tls"))
        """
    }

    @Test("a parameter group set only under a condition is judged at its worst: the default group of the other branch")
    func aConditionalParameterGroupIsJudgedAtItsWorstBranch() throws {
        let template = """
            Parameters:
              GroupName: {Type: String, Default: ''}
            Conditions:
              HasGroup: !Not [!Equals [!Ref GroupName, '']]
            Resources:
            \(Self.mysqlDatabase(group: "!If [HasGroup, !Ref GroupName, !Ref 'AWS::NoValue']"))
            """
        let tls = try T.findings(template).filter { $0.ruleId == "MMC-ENC-003" }
        #expect(tls.map(\.severity) == [.high], "\(tls.map(\.message))")
        #expect(tls.first?.message.contains("the default parameter group is used") == true)
        let group = "Resources:\n\(Self.mysqlGroup(requireSecureTransport: "'1'"))"
        #expect(try T.findings(group).filter { $0.ruleId == "MMC-ENC-003" }.isEmpty, "a group in every branch that requires TLS")
        let conditional = """
            Conditions:
              IsProd: !Equals [!Ref 'AWS::AccountId', '111122223333']
            Resources:
            \(Self.mysqlGroup(requireSecureTransport: "!If [IsProd, '1', '0']"))
            """
        let off = try T.findings(conditional).filter { $0.ruleId == "MMC-ENC-003" }
        #expect(off.map(\.severity) == [.high], "a parameter off in one branch is off: \(off.map(\.message))")
    }

    @Test func theStacksRegionIsNotAFindingButALiteralRegionIs() throws {
        let text = """
            Resources:
              V:
                Type: AWS::Backup::BackupVault
                Properties:
                  EncryptionKeyArn: !Sub arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab
              P:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: p
                    BackupPlanRule:
                      - RuleName: r
                        TargetBackupVault: v
                        CopyActions:
                          - DestinationBackupVaultArn: arn:aws:backup:eu-central-1:111122223333:backup-vault:copy
            """
        let deployment = try T.deployment(text)
        #expect(deployment.regions.map(\.region) == ["eu-central-1"])
        #expect(deployment.regions.first?.isReplica == true)
        let residency = try T.findings(text).withoutLoggingTransitRecovery.filter { $0.ruleId == "MMC-RES-001" }
        #expect(residency.map(\.cfnSummary) == ["15:44 high MMC-RES-001 P Resources.P.Properties.BackupPlan.BackupPlanRule[0].CopyActions[0].DestinationBackupVaultArn"])
        #expect(residency.first?.message.contains("a copy of the data would be kept in") == true)
    }

    @Test func aCopysOwnLifecycleIsABackupPlansRetention() throws {
        let text = """
            Resources:
              P:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: p
                    BackupPlanRule:
                      - RuleName: r
                        TargetBackupVault: v
                        Lifecycle:
                          DeleteAfterDays: 35
                        CopyActions:
                          - DestinationBackupVaultArn: arn:aws:backup:us-east-1:111122223333:backup-vault:copy
                            Lifecycle:
                              DeleteAfterDays: 5
            """
        let retention = try T.findings(text).filter { $0.ruleId == "MMC-AVL-001" }
        #expect(retention.map(\.message) == ["backups are kept 5 days; at least 30 are required"])
    }

    /// CDK's and amplify's region mappings: a lookup by `AWS::Region` picks the entry of the stack's region, so a
    /// region an entry names as its own key is the stack's region, no finding; another region in an entry is one.
    /// `!Select`, `!Split` and `!Join` only pick from or build on the entry a lookup by the stack's region chose:
    /// its zones and ARNs are still the stack's region's. Each was a high MMC-RES-001 (JamesWoolfenden's
    /// `FindInMapAZs.yaml`: 8 findings) while the bare lookup was none (review, round 26).
    @Test func aLookupByTheStacksRegionKeepsItsReadingInsideSelectSplitAndJoin() throws {
        let text = """
            Mappings:
              RegionMap:
                us-east-1: {AZs: [us-east-1a, us-east-1b], Keys: ['arn:aws:kms:us-east-1:123456789012:key/k1'], Csv: 'arn:aws:kms:us-east-1:123456789012:key/k1,x'}
                sa-east-1: {AZs: [sa-east-1a, sa-east-1c], Keys: ['arn:aws:kms:sa-east-1:123456789012:key/k2'], Csv: 'arn:aws:kms:sa-east-1:123456789012:key/k2,x'}
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [0, !FindInMap [RegionMap, !Ref 'AWS::Region', AZs]]}
              VolSelect:
                Type: AWS::EC2::Volume
                Properties: {AvailabilityZone: !Select [0, !GetAZs ''], Size: 10, Encrypted: true, KmsKeyId: !Select [0, !FindInMap [RegionMap, !Ref 'AWS::Region', Keys]]}
              VolSplit:
                Type: AWS::EC2::Volume
                Properties: {AvailabilityZone: !Select [0, !GetAZs ''], Size: 10, Encrypted: true, KmsKeyId: !Select [0, !Split [',', !FindInMap [RegionMap, !Ref 'AWS::Region', Csv]]]}
              VolJoin:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: !Select [0, !GetAZs '']
                  Size: 10
                  Encrypted: true
                  KmsKeyId: {'Fn::Join': ['', [{'Fn::FindInMap': [RegionMap, {Ref: 'AWS::Region'}, Csv]}]]}
            """
        #expect(try T.places("MMC-RES-001", text) == [])
        // Another region the expression writes itself still counts: in every region but its own.
        let other = """
            Mappings:
              RegionMap:
                us-east-1: {AZs: [us-east-1a]}
                sa-east-1: {AZs: [sa-east-1a]}
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [1, [!Select [0, !FindInMap [RegionMap, !Ref 'AWS::Region', AZs]], eu-west-1a]]}
            """
        #expect(try T.deployment(other).regions.map { "\($0.region) \($0.role)" } == ["eu-west-1 AvailabilityZone 'eu-west-1a'"])
        // An entry naming a region other than its own key is still that region behind `!Select`: the narrowing
        // takes only the entry's own region out, never what the entry itself places elsewhere.
        let misplaced = """
            Mappings:
              RegionMap:
                us-east-1: {AZs: [eu-west-1a]}
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [0, !FindInMap [RegionMap, !Ref 'AWS::Region', AZs]]}
            """
        #expect(try T.deployment(misplaced).regions.map(\.region) == ["eu-west-1"])
        #expect(try T.places("MMC-RES-001", misplaced).count == 1)
    }

    @Test func aLookupByTheStacksRegionNamesTheStacksRegion() throws {
        let text = """
            Mappings:
              Layers:
                us-east-1: {arn: 'arn:aws:lambda:us-east-1:668099181075:layer:SDK:1'}
                eu-west-1: {arn: 'arn:aws:lambda:eu-west-1:399891621064:layer:SDK:1'}
                ap-northeast-1: {arn: 'arn:aws:lambda:us-west-2:249908578461:layer:SDK:1'}
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Layers: [!FindInMap [Layers, !Ref 'AWS::Region', arn]]
                  KmsKeyArn: !FindInMap [Layers, eu-west-1, arn]
            """
        let deployment = try T.deployment(text)
        #expect(deployment.regions.map { "\($0.region) \($0.role)" }.sorted() == [
            "eu-west-1 region in the ARN at KmsKeyArn", "us-west-2 region in the ARN at Layers",
        ])
        // A `DefaultValue` (AWS::LanguageExtensions) is taken where the map has no entry for the stack's region,
        // us-east-1 here: its region is never the stack's.
        let fallback = """
            Transform: AWS::LanguageExtensions
            Mappings:
              Replicas: {eu-central-1: {Replica: eu-central-1}}
            Resources:
              Table:
                Type: AWS::DynamoDB::GlobalTable
                Properties:
                  Replicas:
                    - Region: !FindInMap [Replicas, !Ref 'AWS::Region', Replica, {DefaultValue: eu-west-1}]
                  Lookup: !FindInMap [Replicas, us-east-1, Replica, {DefaultValue: 'arn:aws:kms:ap-south-1:111122223333:key/k'}]
            """
        #expect(try T.deployment(fallback).regions.map(\.region).sorted() == ["ap-south-1", "eu-west-1"])
        // A key given as a parameter's `AllowedValues` is each of them: one the map lacks takes the `DefaultValue`,
        // whatever the parameter's Default (a tester's template hid a world-open ingress this way).
        let allowed = """
            Transform: AWS::LanguageExtensions
            Parameters:
              Env: {Type: String, AllowedValues: [prod, dev], Default: prod}
            Mappings:
              Replicas: {prod: {Replica: us-east-1}}
            Resources:
              Table:
                Type: AWS::DynamoDB::GlobalTable
                Properties:
                  Replicas:
                    - Region: !FindInMap [Replicas, !Ref Env, Replica, {DefaultValue: eu-west-1}]
            """
        #expect(try T.deployment(allowed).regions.map(\.region).sorted() == ["eu-west-1", "us-east-1"])
        // An RDS instance's automated backups replicated to another region are a copy of its data there.
        let backups = """
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: postgres, StorageEncrypted: true, AutomaticBackupReplicationRegion: eu-central-1}
            """
        #expect(try T.deployment(backups).regions.map { "\($0.region) \($0.isReplica)" } == ["eu-central-1 true"])
        // A lookup that would take more entries than an expression may (64) is left to the resolver's bounds (unknown):
        // read entry by entry for every resource, a large map made a template of many lookups quadratic.
        let subKeys = (0...64).map { "k\($0): 'arn:aws:s3:eu-west-1::b\($0)'" }.joined(separator: ", ")
        let large = """
            Mappings:
              Big: {us-east-1: {\(subKeys)}}
            Resources:
              B: {Type: AWS::S3::Bucket, Properties: {Tags: [{Key: x, Value: !FindInMap [Big, !Ref 'AWS::Region', !Ref Unknown]}]}}
            """
        #expect(try T.deployment(large).regions.isEmpty)
    }

    @Test func privateIngressIsNotJudgedAsInternetFacing() throws {
        let text = """
            Resources:
              SG:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: g
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.1.0.0/24, Description: app}
                    - {IpProtocol: "-1", CidrIpv6: "fd00::/64", Description: ula}
                    - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 192.168.1.0/24, Description: typo}
                    - {IpProtocol: "-1", CidrIp: 0.0.0.0/0, Description: everyone}
              Rule:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: {GroupId: !Ref SG, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: "::/0"}
            """
        let deployment = try T.deployment(text)
        #expect(deployment.allowlists.map(\.component) == ["SG", "SG", "Rule"])
        #expect(deployment.allowlists.map(\.internetFacing) == [true, false, true])
        #expect(deployment.allowlists[0].entries.first?.ports == PortRange(0, 65535))
        let findings = try T.findings(text).withoutLoggingTransitRecovery
        #expect(findings.map(\.cfnSummary) == [
            "10:38 critical MMC-NET-001 SG Resources.SG.Properties.SecurityGroupIngress[3].CidrIp",
            "13:5 low MMC-NET-008 Rule Resources.Rule.Properties",
            "13:91 high MMC-NET-011 Rule Resources.Rule.Properties.CidrIpv6",
        ])
    }

    @Test func anEKSClusterHasASecretsStoreAndAPublicEndpoint() throws {
        let text = """
            Resources:
              Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}
              Open:
                Type: AWS::EKS::Cluster
                Properties:
                  ResourcesVpcConfig: {SubnetIds: [a]}
              Listed:
                Type: AWS::EKS::Cluster
                Properties:
                  ResourcesVpcConfig: {SubnetIds: [a], PublicAccessCidrs: [198.51.100.0/24]}
                  EncryptionConfig: [{Resources: [secrets], Provider: {KeyArn: !GetAtt Key.Arn}}]
            """
        let deployment = try T.deployment(text)
        #expect(deployment.dataStores.map(\.kind) == [.secrets, .secrets])
        #expect(deployment.dataStores.map { $0.encryption.kmsKey?.value.known } == [nil, "Key"])
        #expect(deployment.allowlists.map(\.kind) == [.endpointPublicAccess, .endpointPublicAccess])
        let findings = try T.findings(text).withoutLoggingTransitRecovery
        #expect(findings.map(\.cfnSummary) == [
            // As Terraform's aws_eks_cluster (issue 15): without an EncryptionConfig, EKS envelope-encrypts the secrets
            // with an AWS owned key (no Version: EKS's default, 1.28 or later), so only the customer key is asked
            // for; the public Kubernetes API open to the world is administrative access.
            "5:5 high MMC-ENC-002 Open Resources.Open.Properties.EncryptionConfig",
            "6:27 critical MMC-NET-001 Open Resources.Open.Properties.ResourcesVpcConfig.PublicAccessCidrs",
            "10:64 medium MMC-NET-006 Listed Resources.Listed.Properties.ResourcesVpcConfig.PublicAccessCidrs[0]",
        ])
    }

    @Test func unresolvableValuesCannotBeVerified() throws {
        let text = """
            Parameters:
              Encrypt: {Type: String}
            Resources:
              Cache:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: {AtRestEncryptionEnabled: !Ref Encrypt, KmsKeyId: !ImportValue shared-key}
            """
        let findings = try T.findings(text).withoutLoggingTransitRecovery
        #expect(findings.map(\.cfnSummary) == [
            "6:43 info MMC-ENC-001 Cache Resources.Cache.Properties.AtRestEncryptionEnabled",
            "6:67 info MMC-ENC-002 Cache Resources.Cache.Properties.KmsKeyId",
        ])
        #expect(findings.allSatisfy { $0.cannotVerify })
        #expect(findings[0].message.contains("parameter 'Encrypt' has no Default"))
    }

    @Test func ifBranchesAreJudgedAtTheirWorst() throws {
        let text = """
            Conditions:
              Prod: !Equals [!Ref AWS::StackName, prod]
            Resources:
              Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}
              DB:
                Type: AWS::RDS::DBInstance
                Properties:
                  StorageEncrypted: true
                  KmsKeyId: !If [Prod, !Ref Key, !Ref AWS::NoValue]
                  PubliclyAccessible: !If [Prod, false, true]
            """
        let findings = try T.findings(text).withoutLoggingTransitRecovery
        #expect(findings.map(\.ruleId) == ["MMC-ENC-002", "MMC-NET-012"])
    }

    @Test func keyPoliciesAreReadIntoStatements() throws {
        let text = """
            {"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "KeyPolicy": {
              "Statement": [
                {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}}, "Action": "kms:*"},
                {"Sid": "Open", "Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["kms:*"], "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
              ]}}}}}
            """
        let key = try #require(try T.deployment(text, path: "k.json").keys.first)
        #expect(key.policy?.statements.map(\.principals) == [["arn:aws:iam::${AWS::AccountId}:root"], ["*"]])
        #expect(key.policy?.statements.map(\.hasCondition) == [false, true])
        let findings = try T.findings(text, path: "k.json").withoutLoggingTransitRecovery
        #expect(findings.map(\.cfnSummary) == ["4:5 high MMC-KEY-010 K Resources.K.Properties.KeyPolicy.Statement[1]"])
    }
}

/// Replica keys stand for their primary key.
@Suite struct CloudFormationReplicaKeyTests {
    typealias T = CloudFormationTesting

    @Test func aReplicaOfATemplateKeyIsThatKeyAndAnOutsideReplicaIsItsKeyID() throws {
        let text = """
            Resources:
              Primary: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true, MultiRegion: true}}
              Local: {Type: AWS::KMS::ReplicaKey, Properties: {PrimaryKeyArn: !GetAtt Primary.Arn, KeyPolicy: {}}}
              Remote:
                Type: AWS::KMS::ReplicaKey
                Properties:
                  PrimaryKeyArn: arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab
                  KeyPolicy: {}
              A: {Type: AWS::EC2::Volume, Properties: {Encrypted: true, KmsKeyId: !Ref Local}}
              B: {Type: AWS::EC2::Volume, Properties: {Encrypted: true, KmsKeyId: !GetAtt Remote.Arn}}
            """
        let deployment = try T.deployment(text)
        #expect(deployment.keys.compactMap { $0.id?.value } == ["Primary"])
        #expect(deployment.dataStores.map { $0.encryption.kmsKey?.value.known } == ["Primary", "mrk-1234abcd12ab34cd56ef1234567890ab"])
        let findings = try T.findings(text).withoutLoggingTransitRecovery
        #expect(findings.map(\.cfnSummary) == [
            "2:85 low MMC-RES-002 Primary Resources.Primary.Properties.MultiRegion",
            "7:22 high MMC-RES-001 Remote Resources.Remote.Properties.PrimaryKeyArn",
            // B uses a customer key defined outside the template: infrastructure code may, so MMC-ENC-002 passes.
        ])
    }
}
