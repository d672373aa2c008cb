import Testing
import PolicyCheckSyntax
@testable import PolicyCheckAdapters
@testable import PolicyCheckKit

/// `!Cidr [ipBlock, count, cidrBits]` is a pure function of its arguments: when the template knows them, its blocks
/// are known, and a rule judges a block `!Select` picks from them as if it were written out.
@Suite struct CloudFormationCidrFunctionTests {
    typealias T = CloudFormationTesting

    static let parameters = """
        Parameters:
          VpcCidr: {Type: String, Default: 10.0.0.0/16}
          Bits: {Type: Number, Default: 8}
          Open: {Type: String}
        Resources:
          Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}
          Ipam: {Type: AWS::EC2::VPC, Properties: {Ipv4IpamPoolId: ipam-pool-1}}
        """

    static func resolve(_ expression: String) throws -> [TemplateValue] {
        let root = try #require(try YAMLReader().read(Array((parameters + "\nValue: \(expression)\n").utf8)).first)
        let resolver = IntrinsicResolver(template: try Template(root, source: SourceFile(path: "t.yaml", bytes: [])))
        return resolver.resolve(try #require(root["Value"]))
    }

    /// The blocks of a known list, or `unknown: reason`.
    static func blocks(_ expression: String) throws -> [String] {
        try resolve(expression).map { value in
            switch value {
            case .sequence(let node): return (node.items ?? []).compactMap(\.string).joined(separator: " ")
            case .string(let text): return text
            default: return "unknown: " + value.unknownReason(expected: "a list")
            }
        }
    }

    @Test func literalArgumentsGiveTheBlocksAWSDocumentsInBothForms() throws {
        // The documentation's example: "6 CIDRs with a subnet mask "/27" inside from a CIDR with a mask of "/24"".
        let expected = ["192.168.0.0/27 192.168.0.32/27 192.168.0.64/27 192.168.0.96/27 192.168.0.128/27 192.168.0.160/27"]
        #expect(try Self.blocks(#"!Cidr ["192.168.0.0/24", 6, 5]"#) == expected)
        #expect(try Self.blocks(#"{"Fn::Cidr": ["192.168.0.0/24", "6", "5"]}"#) == expected)
        #expect(try Self.blocks(#"!Cidr ["0.0.0.0/0", 2, 31]"#) == ["0.0.0.0/1 128.0.0.0/1"])
    }

    @Test func ipv6BlocksSplitAsIPv4Ones() throws {
        #expect(try Self.blocks(#"!Cidr ["2001:db8::/56", 3, 64]"#) == ["2001:db8::/64 2001:db8:0:1::/64 2001:db8:0:2::/64"])
        #expect(try Self.blocks(#"!Select [1, !Cidr ["::/0", 2, 127]]"#) == ["8000::/1"])
    }

    @Test func parametersAndAVpcsDeclaredBlockAreKnownArguments() throws {
        #expect(try Self.blocks("!Select [2, !Cidr [!Ref VpcCidr, 4, !Ref Bits]]") == ["10.0.2.0/24"])
        #expect(try Self.blocks("!Select [1, !Cidr [!GetAtt Vpc.CidrBlock, 2, 8]]") == ["10.1.1.0/24"])
    }

    @Test func anUnknownArgumentLeavesTheBlocksUnknownWithItsReason() throws {
        #expect(try Self.blocks("!Cidr [!Ref Open, 2, 8]") == [
            "unknown: the address block of !Cidr: parameter 'Open' has no Default; its value is chosen at deployment",
        ])
        let ipam = try Self.blocks("!Cidr [!GetAtt Ipam.CidrBlock, 2, 8]")
        #expect(ipam.count == 1 && ipam[0].hasPrefix("unknown: the address block of !Cidr: it is attribute CidrBlock"))
    }

    @Test(arguments: [
        (#"!Cidr ["10.0.0.0/24", 0, 4]"#, "the count of !Cidr: '0' is not a number from 1 to 256"),
        (#"!Cidr ["10.0.0.0/8", 257, 4]"#, "the count of !Cidr: '257' is not a number from 1 to 256"),
        (#"!Cidr ["10.0.0.0/24", 2, 0]"#, "the subnet bits of !Cidr: '0' is not a number from 1 to 32"),
        (#"!Cidr ["10.0.0.0/24", 2, 33]"#, "the subnet bits of !Cidr: '33' is not a number from 1 to 32"),
        (#"!Cidr ["::/0", 2, 129]"#, "the subnet bits of !Cidr: '129' is not a number from 1 to 128"),
        (#"!Cidr ["10.0.0.0/24", 2, 9]"#, "!Cidr cannot make 2 blocks of /23 in 10.0.0.0/24"),
        (#"!Cidr ["10.0.0.0/24", 3, 7]"#, "!Cidr cannot make 3 blocks of /25 in 10.0.0.0/24"),
        (#"!Cidr ["10.0.0.300/24", 2, 4]"#, "the address block of !Cidr, '10.0.0.300/24', is not a CIDR block"),
        (#"!Cidr ["10.0.0.0/24", 2]"#, "!Cidr needs an address block, a count and a number of subnet bits"),
    ])
    func argumentsCloudFormationRefusesAreUnknownWithTheReason(expression: String, reason: String) throws {
        #expect(try Self.blocks(expression) == ["unknown: \(reason)"])
    }

    @Test func aWorldOpenRuleBuiltWithCidrIsJudgedAsIfWrittenOut() throws {
        let findings = try T.findings(try T.fixture("fail-cidr-function-world-open.yaml"))
        let open = findings.filter { $0.ruleId == "MMC-NET-001" }
        #expect(open.count == 1)
        #expect(open.first?.severity == .critical)
        #expect(open.first?.cannotVerify == false)
        #expect(open.first?.message.contains("0.0.0.0/1, 128.0.0.0/1") == true, "\(open.map(\.message))")
        #expect(!findings.contains { $0.cannotVerify }, "\(findings.filter(\.cannotVerify).map(\.message))")
    }
}
