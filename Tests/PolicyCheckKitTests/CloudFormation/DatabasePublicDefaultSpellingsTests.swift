import PolicyCheckKit
import Testing

/// A database that does not state `PubliclyAccessible` is public when RDS's default makes it so
/// (`DatabasePublicDefault`): the same deployment written another way must be judged the same. Each spelling below
/// turned MMC-NET-012 from high into info ("cannot be verified"), so a run passed with a public database (tester,
/// round 27).
@Suite struct DatabasePublicDefaultSpellingsTests {
    /// A VPC with an internet gateway attached, two subnets and a DB subnet group of them, then `resources`.
    static func template(vpcs: String = "", resources: String) -> String {
        """
        Conditions:
          Prod: !Equals [!Ref AWS::Region, us-east-1]
        Resources:
          Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
          Gateway: {Type: AWS::EC2::InternetGateway}
          Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Gateway}}
          Private: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}
          PrivateSubnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Private, CidrBlock: 10.1.1.0/24}}
          PrivateGroup: {Type: AWS::RDS::DBSubnetGroup, Properties: {DBSubnetGroupDescription: db, SubnetIds: [!Ref PrivateSubnet]}}
        \(vpcs)
        \(resources)
        """
    }

    /// An instance with `extra` among its properties.
    static func instance(_ extra: String) -> String {
        """
          Db:
            Type: AWS::RDS::DBInstance
            Properties:
              DBInstanceClass: db.t3.micro
              Engine: postgres
              StorageEncrypted: true
              \(extra)
        """
    }

    /// MMC-NET-012's findings as `severity: message`.
    static func judgement(_ text: String) throws -> [String] {
        try CloudFormationTesting.findings(text).filter { $0.ruleId == "MMC-NET-012" }
            .map { "\($0.severity.rawValue): \($0.message)" }
    }

    // MARK: 1. The default VPC's group, `default`

    /// `DBSubnetGroupName: default` names the default VPC's DB subnet group: "PubliclyAccessible defaults to false
    /// unless the value of DBSubnetGroup is default, in which case PubliclyAccessible defaults to true"
    /// (CreateDBInstance). It was read as a group the template does not decide: info.
    @Test(arguments: ["default", "Default", "DEFAULT", "'default'"])
    func theDefaultSubnetGroupIsPublic(spelling: String) throws {
        let found = try Self.judgement(Self.template(resources: Self.instance("DBSubnetGroupName: \(spelling)")))
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("high: ") == true, "\(found)")
        #expect(found.first?.contains("the default VPC's DB subnet group") == true, "\(found)")
    }

    /// At its worst over an `!If`: one branch on the default group, the other on a group whose VPC has no gateway
    /// in the template.
    @Test func aBranchOnTheDefaultSubnetGroupIsPublic() throws {
        let found = try Self.judgement(Self.template(resources: Self.instance("DBSubnetGroupName: !If [Prod, !Ref PrivateGroup, default]")))
        #expect(found.count == 1 && found[0].hasPrefix("high: ") && found[0].contains("'default'"), "\(found)")
    }

    /// Another name the template does not declare still cannot be verified, and the group of a VPC without a
    /// gateway in the template too: neither is a pass, neither is high.
    @Test(arguments: ["defaults", "default-vpc-group", "!Ref PrivateGroup"])
    func anotherGroupStaysCannotBeVerified(group: String) throws {
        let found = try Self.judgement(Self.template(resources: Self.instance("DBSubnetGroupName: \(group)")))
        #expect(found.count == 1 && found[0].hasPrefix("info: "), "\(found)")
    }

    // MARK: 2. `!GetAtt` of the id a `Ref` gives

    /// A second VPC, `Net`, whose gateway attachment, subnet and subnet group are written as the arguments say.
    static func net(attachVPC: String, subnetVPC: String, subnet: String) -> String {
        """
          Net: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.2.0.0/16}}
          NetGateway: {Type: AWS::EC2::InternetGateway}
          NetAttach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: \(attachVPC), InternetGatewayId: !Ref NetGateway}}
          NetSubnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: \(subnetVPC), CidrBlock: 10.2.1.0/24}}
          NetGroup: {Type: AWS::RDS::DBSubnetGroup, Properties: {DBSubnetGroupDescription: db, SubnetIds: [\(subnet)]}}
        """
    }

    /// `!GetAtt Net.VpcId` (a VPC's documented `VpcId` return value) in the gateway attachment or in the subnet, and
    /// `!GetAtt NetSubnet.SubnetId` in the subnet group, are the ids a `Ref` gives. Each was read as a group the
    /// template does not decide (the attachment's message even said no attachment to 'Net' was in the template).
    @Test(arguments: [
        ("!GetAtt Net.VpcId", "!Ref Net", "!Ref NetSubnet"),
        ("{'Fn::GetAtt': [Net, VpcId]}", "!Ref Net", "!Ref NetSubnet"),
        ("!Ref Net", "!GetAtt Net.VpcId", "!Ref NetSubnet"),
        ("!Ref Net", "!Ref Net", "!GetAtt NetSubnet.SubnetId"),
        ("!GetAtt Net.VpcId", "!GetAtt Net.VpcId", "!GetAtt NetSubnet.SubnetId"),
    ])
    func theIdReturnValuesAreFollowedAsRef(attachVPC: String, subnetVPC: String, subnet: String) throws {
        let text = Self.template(vpcs: Self.net(attachVPC: attachVPC, subnetVPC: subnetVPC, subnet: subnet),
                                 resources: Self.instance("DBSubnetGroupName: !Ref NetGroup"))
        let found = try Self.judgement(text)
        #expect(found.count == 1 && found[0].hasPrefix("high: ")
                    && found[0].contains("its DB subnet group's VPC 'Net' has an internet gateway attached ('NetAttach')"), "\(found)")
    }

    /// Another attribute is not the id: `!GetAtt Net.DefaultSecurityGroup` names no VPC, and the group cannot be
    /// verified.
    @Test func anotherAttributeIsNotTheId() throws {
        let text = Self.template(vpcs: Self.net(attachVPC: "!Ref Net", subnetVPC: "!GetAtt Net.DefaultSecurityGroup", subnet: "!Ref NetSubnet"),
                                 resources: Self.instance("DBSubnetGroupName: !Ref NetGroup"))
        let found = try Self.judgement(text)
        #expect(found.count == 1 && found[0].hasPrefix("info: "), "\(found)")
    }

    // MARK: 3. The group named by its own name, or by `!Sub`

    /// The template's subnet groups: `Named` (in `Vpc`, which has an internet gateway) takes the name `App-Db`, and a
    /// parameter group takes the name `other-db`.
    static let namedGroups = """
          Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
          Named: {Type: AWS::RDS::DBSubnetGroup, Properties: {DBSubnetGroupName: App-Db, DBSubnetGroupDescription: db, SubnetIds: [!Ref Subnet]}}
          Params: {Type: AWS::RDS::DBParameterGroup, Properties: {DBParameterGroupName: other-db, Family: postgres16, Description: p}}
        """

    /// A DB instance names a subnet group of the template by the group's own `DBSubnetGroupName` (RDS stores it
    /// lowercase, so any case), or by `!Sub "${Named}"`, the group's `Ref`: both were read as a group the template
    /// does not decide.
    @Test(arguments: ["App-Db", "app-db", "APP-DB", "!Sub '${Named}'", "{'Fn::Sub': '${Named}'}"])
    func aGroupNamedByItsNameOrSubIsResolved(spelling: String) throws {
        let found = try Self.judgement(Self.template(vpcs: Self.namedGroups,
                                                     resources: Self.instance("DBSubnetGroupName: \(spelling)")))
        #expect(found.count == 1 && found[0].hasPrefix("high: ")
                    && found[0].contains("its DB subnet group's VPC 'Vpc' has an internet gateway attached ('Attach')"), "\(found)")
    }

    /// A name no subnet group of the template takes (a parameter group's, a longer `!Sub`) still cannot be verified.
    @Test(arguments: ["other-db", "app-db-2", "!Sub '${Named}-2'", "!Sub '${Params}'"])
    func anotherNameStaysCannotBeVerified(spelling: String) throws {
        let found = try Self.judgement(Self.template(vpcs: Self.namedGroups,
                                                     resources: Self.instance("DBSubnetGroupName: \(spelling)")))
        #expect(found.count == 1 && found[0].hasPrefix("info: "), "\(found)")
    }

    // MARK: 4. A Multi-AZ DB cluster

    /// A DB cluster with `extra` among its properties, one a line.
    static func cluster(engine: String, _ extra: [String]) -> String {
        """
          Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
          Group: {Type: AWS::RDS::DBSubnetGroup, Properties: {DBSubnetGroupDescription: db, SubnetIds: [!Ref Subnet]}}
          Cluster:
            Type: AWS::RDS::DBCluster
            Properties:
              Engine: \(engine)
              StorageEncrypted: true
              \(extra.joined(separator: "\n      "))
        """
    }

    /// A Multi-AZ DB cluster (`DBClusterInstanceClass`, engine `mysql` or `postgres`) takes CreateDBCluster's
    /// default when it does not set `PubliclyAccessible`, as an instance takes CreateDBInstance's. It had no
    /// MMC-NET-012 finding at all.
    @Test(arguments: [
        ("postgres", [], "high", "creates the cluster in the region's default VPC"),
        ("mysql", [], "high", "creates the cluster in the region's default VPC"),
        ("postgres", ["DBSubnetGroupName: !Ref Group"], "high", "its DB subnet group's VPC 'Vpc' has an internet gateway attached ('Attach')"),
        ("mysql", ["DBSubnetGroupName: default"], "high", "the default VPC's DB subnet group"),
        ("postgres", ["DBSubnetGroupName: !Ref PrivateGroup"], "info",
         "RDS then makes the cluster public when its DB subnet group's VPC has an internet gateway attached"),
    ] as [(String, [String], String, String)])
    func aMultiAZClusterIsJudgedByRDSDefault(engine: String, extra: [String], severity: String, reason: String) throws {
        let found = try Self.judgement(Self.template(resources: Self.cluster(engine: engine, ["DBClusterInstanceClass: db.m6gd.large"] + extra)))
        #expect(found.count == 1 && found[0].hasPrefix("\(severity): ") && found[0].contains(reason), "\(found)")
    }

    /// An Aurora cluster's instances decide its public access, each by its own `PubliclyAccessible`: the cluster is
    /// not judged by the default (also with `DBClusterInstanceClass`, which Aurora refuses); nor is a Multi-AZ
    /// cluster that states `PubliclyAccessible: false`.
    @Test(arguments: [
        ("aurora-postgresql", []),
        ("aurora-mysql", ["DBSubnetGroupName: default"]),
        ("aurora-postgresql", ["DBClusterInstanceClass: db.m6gd.large"]),
        ("postgres", ["DBClusterInstanceClass: db.m6gd.large", "PubliclyAccessible: false"]),
    ] as [(String, [String])])
    func otherClustersAreNotJudgedByTheDefault(engine: String, extra: [String]) throws {
        let found = try Self.judgement(Self.template(resources: Self.cluster(engine: engine, extra)))
        #expect(found.isEmpty, "\(found)")
    }

    // MARK: 5. Stated in some scenarios only

    /// `PubliclyAccessible: !If [Cond, false, !Ref AWS::NoValue]` leaves it unset where the condition is false, and
    /// RDS's default then decides: public here (no subnet group). It was read as false, with no finding (reviewer,
    /// round 27); a branch stating `false` beside a private subnet group stays without a finding.
    @Test func anUnsetBranchIsJudgedByRDSsDefault() throws {
        let found = try Self.judgement(Self.template(resources: Self.instance("PubliclyAccessible: !If [Prod, false, !Ref AWS::NoValue]")))
        #expect(found.count == 1 && found[0].hasPrefix("high: "), "\(found)")
        let stated = try Self.judgement(Self.template(resources: Self.instance("PubliclyAccessible: !If [Prod, false, false]")))
        #expect(stated.isEmpty, "\(stated)")
    }
}
