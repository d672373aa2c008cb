import PolicyCheckKit
import Testing

/// OpenSearch Serverless collections and Lightsail databases are data stores in every format (before, neither was
/// read: a collection a network policy opened to public networks, or a Lightsail database in public mode, passed
/// without a word). A collection is public when a network policy rule for its `collection` or its Dashboards
/// endpoint allows public access, whatever other rules say; its key is the one the most specific encryption policy rule names.
@Suite struct ServerlessCollectionAndLightsailTests {
    typealias CFN = CloudFormationTesting

    static func lines(_ findings: [Finding]) -> [String] {
        findings.filter { $0.ruleId.hasPrefix("MMC-NET") || $0.ruleId.hasPrefix("MMC-ENC") }
            .map { "\($0.ruleId) \($0.resource)\($0.cannotVerify ? " (cannot verify)" : "")" }
    }

    static let source = """
        provider "aws" { region = "us-east-1" }
        resource "aws_kms_key" "k" { enable_key_rotation = true }
        resource "aws_opensearchserverless_security_policy" "logs_key" {
          name   = "logs-key"
          type   = "encryption"
          policy = jsonencode({ Rules = [{ ResourceType = "collection", Resource = ["collection/logs*"] }], AWSOwnedKey = true })
        }
        resource "aws_opensearchserverless_security_policy" "audit_key" {
          name   = "audit-key"
          type   = "encryption"
          policy = jsonencode({ Rules = [{ ResourceType = "collection", Resource = ["collection/logs-audit"] }], AWSOwnedKey = false, KmsARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" })
        }
        resource "aws_opensearchserverless_security_policy" "private" {
          name   = "private"
          type   = "network"
          policy = jsonencode([{ Rules = [{ ResourceType = "collection", Resource = ["collection/logs*"] }], AllowFromPublic = false, SourceVPCEs = ["vpce-050f79086ee71ac05"] }])
        }
        resource "aws_opensearchserverless_security_policy" "dashboards" {
          name   = "dashboards"
          type   = "network"
          policy = jsonencode([{ Rules = [{ ResourceType = "dashboard", Resource = ["collection/logs-audit"] }], AllowFromPublic = true }])
        }
        resource "aws_opensearchserverless_security_policy" "public" {
          name   = "public"
          type   = "network"
          policy = jsonencode([{ Rules = [{ ResourceType = "collection", Resource = ["collection/${aws_opensearchserverless_collection.open.name}"] }], AllowFromPublic = true }])
        }
        resource "aws_opensearchserverless_collection" "open" { name = "logs-app" }
        resource "aws_opensearchserverless_collection" "audit" { name = "logs-audit" }
        resource "aws_opensearchserverless_collection" "stray" { name = "metrics" }
        resource "aws_lightsail_database" "public" {
          relational_database_name = "public"
          master_database_name     = "app"
          master_username          = "admin"
          blueprint_id             = "mysql_8_0"
          bundle_id                = "micro_1_0"
          publicly_accessible      = true
        }
        resource "aws_lightsail_database" "private" {
          relational_database_name = "private"
          master_database_name     = "app"
          master_username          = "admin"
          blueprint_id             = "mysql_8_0"
          bundle_id                = "micro_1_0"
        }
        """

    @Test func sourceCollectionsArePublicAndKeyedAsTheirPoliciesSay() throws {
        let findings = try TerraformSourceFixture.findings(main: Self.source)
        #expect(Self.lines(findings) == [
            // A public rule overrides a VPC one for the collection both name; a public Dashboards endpoint reaches
            // the data of a collection whose own endpoint is private (tester, round 36).
            "MMC-ENC-002 aws_opensearchserverless_collection.open",
            "MMC-NET-012 aws_opensearchserverless_collection.audit",
            "MMC-NET-012 aws_opensearchserverless_collection.open",
            // No encryption policy of the input matches: one elsewhere in the account chooses the key.
            "MMC-ENC-002 aws_opensearchserverless_collection.stray (cannot verify)",
            "MMC-ENC-001 aws_lightsail_database.public (cannot verify)",
            "MMC-ENC-002 aws_lightsail_database.public",
            "MMC-NET-012 aws_lightsail_database.public",
            "MMC-ENC-001 aws_lightsail_database.private (cannot verify)",
            "MMC-ENC-002 aws_lightsail_database.private",
        ])
        let open = try #require(findings.first { $0.ruleId == "MMC-NET-012" && $0.resource.hasSuffix(".open") })
        #expect(open.message == "the search collection's endpoint is reachable from the internet: network policy 'public' allows public access to it (AllowFromPublic true); expected its network policies to admit only VPC endpoints (AllowFromPublic false)")
        #expect(open.line == 26)
        let dashboards = try #require(findings.first { $0.ruleId == "MMC-NET-012" && $0.resource.hasSuffix(".audit") })
        #expect(dashboards.message.contains("network policy 'dashboards' allows public access to its OpenSearch Dashboards endpoint, and through it to its data (AllowFromPublic true)"), "\(dashboards.message)")
        let owned = try #require(findings.first { $0.ruleId == "MMC-ENC-002" && $0.resource.hasSuffix(".open") })
        #expect(owned.message.contains("encryption policy 'logs-key' chooses an AWS owned key"), "\(owned.message)")
        #expect(findings.first { $0.ruleId == "MMC-ENC-002" && $0.resource.hasSuffix("lightsail_database.private") }?.message
            .contains("a Lightsail database takes no KMS key") == true)
    }

    @Test func aPlansPoliciesKnownOnlyInPartLeaveTheCollectionUnverified() throws {
        var plan = TerraformPlanBuilder()
        plan.change("aws_opensearchserverless_security_policy.net", "aws_opensearchserverless_security_policy",
                    after: ["name": "net", "type": "network"], unknown: ["policy": true])
        plan.change("aws_opensearchserverless_collection.c", "aws_opensearchserverless_collection",
                    after: ["name": "logs"], unknown: ["kms_key_arn": true, "arn": true])
        // An existing collection's assigned key decides it, whatever policies say now.
        plan.change("aws_opensearchserverless_collection.old", "aws_opensearchserverless_collection",
                    after: ["name": "old", "kms_key_arn": "auto"])
        let findings = try TerraformFixture.findings(try TerraformFixture.deployment(json: plan.json))
        #expect(Self.lines(findings) == [
            // The network policy is known only after apply: it may open either.
            "MMC-NET-012 aws_opensearchserverless_collection.c (cannot verify)",
            "MMC-NET-012 aws_opensearchserverless_collection.old (cannot verify)",
            "MMC-ENC-002 aws_opensearchserverless_collection.c (cannot verify)",
            "MMC-ENC-002 aws_opensearchserverless_collection.old",
        ])
    }

    @Test func templateCollectionsAndDatabasesAreJudgedAtTheirWorst() throws {
        let template = """
            Parameters:
              CollectionName: {Type: String, Default: search-app}
            Conditions:
              IsProd: !Equals [!Ref "AWS::StackName", prod]
            Resources:
              Key:
                Type: AWS::OpenSearchServerless::SecurityPolicy
                Properties:
                  Name: app-key
                  Type: encryption
                  Policy: !Sub '{"Rules":[{"ResourceType":"collection","Resource":["collection/${CollectionName}"]}],"AWSOwnedKey":false,"KmsARN":"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}'
              Wide:
                Type: AWS::OpenSearchServerless::SecurityPolicy
                Properties:
                  Name: wide
                  Type: encryption
                  Policy: '{"Rules":[{"ResourceType":"collection","Resource":["collection/search*"]}],"AWSOwnedKey":true}'
              Net:
                Type: AWS::OpenSearchServerless::SecurityPolicy
                Properties:
                  Name: app-net
                  Type: network
                  Policy: '[{"Rules":[{"ResourceType":"collection","Resource":["collection/search*"]}],"AllowFromPublic":true}]'
              Collection:
                Type: AWS::OpenSearchServerless::Collection
                Properties: {Name: !Ref CollectionName}
              Sibling:
                Type: AWS::OpenSearchServerless::Collection
                Properties: {Name: search-two}
              Db:
                Type: AWS::Lightsail::Database
                Properties:
                  RelationalDatabaseName: db
                  RelationalDatabaseBlueprintId: mysql_8_0
                  RelationalDatabaseBundleId: micro_2_0
                  MasterDatabaseName: app
                  MasterUsername: admin
                  PubliclyAccessible: !If [IsProd, false, true]
            """
        let findings = try CFN.findings(template)
        #expect(Self.lines(findings) == [
            // The exact name is more specific than the prefix: Collection has the customer key, Sibling an AWS owned one.
            "MMC-ENC-002 Sibling",
            "MMC-NET-012 Collection",
            "MMC-NET-012 Sibling",
            "MMC-ENC-001 Db (cannot verify)",
            "MMC-ENC-002 Db",
            "MMC-NET-012 Db",
        ])
    }

    /// A DMS replication instance holds the data it migrates: always encrypted (its key judged), and public as
    /// `publicly_accessible`/`PubliclyAccessible` says — unset, public in a template (DMS's default) and private
    /// from Terraform (its provider sends false) (before, never read; tester and review, round 34).
    @Test func dmsReplicationInstancesArePublicByDefault() throws {
        let source = try TerraformSourceFixture.findings(main: """
            provider "aws" { region = "us-east-1" }
            resource "aws_kms_key" "k" { enable_key_rotation = true }
            resource "aws_dms_replication_instance" "unset" {
              replication_instance_class = "dms.t3.micro"
              replication_instance_id    = "unset"
              kms_key_arn                = aws_kms_key.k.arn
            }
            resource "aws_dms_replication_instance" "public" {
              replication_instance_class = "dms.t3.micro"
              replication_instance_id    = "public"
              kms_key_arn                = aws_kms_key.k.arn
              publicly_accessible        = true
            }
            resource "aws_dms_replication_instance" "private" {
              replication_instance_class = "dms.t3.micro"
              replication_instance_id    = "private"
              kms_key_arn                = aws_kms_key.k.arn
              publicly_accessible        = false
            }
            """)
        // Terraform's provider sends false for an unset `publicly_accessible`.
        #expect(Self.lines(source) == ["MMC-NET-012 aws_dms_replication_instance.public"], "\(Self.lines(source))")
        let template = try CFN.findings("""
            Resources:
              Unset:
                Type: AWS::DMS::ReplicationInstance
                Properties: {ReplicationInstanceClass: dms.t3.micro}
              Private:
                Type: AWS::DMS::ReplicationInstance
                Properties: {ReplicationInstanceClass: dms.t3.micro, PubliclyAccessible: false, KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab}
            """)
        #expect(Self.lines(template) == ["MMC-ENC-002 Unset", "MMC-NET-012 Unset"])
    }

    /// Policies whose rules match every collection (`collection/*`) are summarised by pattern: a collection reads
    /// what its name and prefixes say (the first public rule, whether the most specific encryption rules name
    /// different keys), never the rules one by one (each collection copied every matching rule, quadratic: 10,000
    /// collections took 156 s, hunter, round 37). What they decide is unchanged: the most specific pattern wins,
    /// rules of one pattern naming different keys cannot be verified, any public rule makes the collection public.
    @Test func policiesOfEveryCollectionDecideAsTheirRulesSay() throws {
        func policy(_ name: String, _ type: String, _ document: String) -> String {
            "  \(name): {Type: AWS::OpenSearchServerless::SecurityPolicy, Properties: {Name: \(name.lowercased()), Type: \(type), Policy: '\(document)'}}\n"
        }
        let every = #"{"Rules":[{"ResourceType":"collection","Resource":["collection/*"]}],"#
        let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let template = "Resources:\n"
            + policy("OwnedAll", "encryption", every + #""AWSOwnedKey":true}"#)
            + policy("KeyAll", "encryption", every + #""KmsARN":"\#(key)"}"#)
            + policy("Exact", "encryption", #"{"Rules":[{"ResourceType":"collection","Resource":["collection/logs-one"]}],"KmsARN":"\#(key)"}"#)
            + policy("Closed", "network", "[" + every + #""AllowFromPublic":false}]"#)
            + policy("Open", "network", #"[{"Rules":[{"ResourceType":"dashboard","Resource":["collection/logs*"]}],"AllowFromPublic":true}]"#)
            + "  One: {Type: AWS::OpenSearchServerless::Collection, Properties: {Name: logs-one}}\n"
            + "  Two: {Type: AWS::OpenSearchServerless::Collection, Properties: {Name: logs-two}}\n"
            + "  Other: {Type: AWS::OpenSearchServerless::Collection, Properties: {Name: metrics}}\n"
        let findings = try CFN.findings(template)
        #expect(Self.lines(findings) == [
            "MMC-ENC-002 Other (cannot verify)", "MMC-ENC-002 Two (cannot verify)", "MMC-NET-012 One", "MMC-NET-012 Two",
        ], "\(Self.lines(findings))")
        #expect(findings.contains { $0.resource == "Two" && $0.message.contains("encryption policies 'ownedall', 'keyall' match it alike and name different keys") },
                "\(findings.map(\.message))")
    }

    /// A name far longer than AWS takes (32 characters) is matched against prefixes of at most that length: every
    /// prefix of it was tried, quadratic in its length (a hostile template's 200,000-character name; the time limit
    /// is a hang guard, the run takes under a second).
    @Test(.timeLimit(.minutes(1))) func aHugeCollectionNameIsMatchedInLinearTime() throws {
        let name = "logs" + String(repeating: "x", count: 200_000)
        let findings = try CFN.findings("""
            Resources:
              Net:
                Type: AWS::OpenSearchServerless::SecurityPolicy
                Properties: {Name: net, Type: network, Policy: '[{"Rules":[{"ResourceType":"collection","Resource":["collection/logs*"]}],"AllowFromPublic":true}]'}
              Collection:
                Type: AWS::OpenSearchServerless::Collection
                Properties: {Name: \(name)}
            """)
        #expect(Self.lines(findings).contains("MMC-NET-012 Collection"))
    }
}
