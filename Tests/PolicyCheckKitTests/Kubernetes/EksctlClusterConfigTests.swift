@testable import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// eksctl's `ClusterConfig` is the CloudFormation of an EKS cluster: its region, its secrets' encryption and its
/// public API endpoint are judged as `AWS::EKS::Cluster`'s are (it was counted as checked with nothing read, tester
/// round 33).
@Suite struct EksctlClusterConfigTests {
    typealias H = AdapterHarness

    static func config(_ rest: String) -> String {
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: chat\n  region: us-east-1\n" + rest
    }

    static func rules(_ text: String) throws -> [String] {
        let read = H.read(text: text)
        #expect(read.errors.isEmpty, "\(read.errors)")
        return try H.findings(read.deployments).map(\.ruleId).sorted()
    }

    @Test func theDefaultsMakeAPublicEndpointOpenToEveryone() throws {
        let read = H.read(text: Self.config(""))
        let endpoint = try #require(read.deployments.first?.allowlists.first)
        #expect(endpoint.kind == .endpointPublicAccess && endpoint.component == "ClusterConfig/chat")
        #expect(try Self.rules(Self.config("")).contains("MMC-NET-001"))
    }

    @Test func narrowedPrivateOrKeyedClustersAreRead() throws {
        let narrowed = Self.config("vpc:\n  publicAccessCIDRs: [\"52.20.12.0/24\"]\nsecretsEncryption:\n"
            + "  keyARN: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\n")
        let read = H.read(text: narrowed)
        #expect(read.deployments.first?.allowlists.first?.entries.map(\.cidr.value.known) == ["52.20.12.0/24"])
        #expect(read.deployments.first?.dataStores.first?.encryption.kmsKey?.value.known?.hasPrefix("arn:aws:kms:") == true)
        let closed = H.read(text: Self.config("vpc:\n  clusterEndpoints:\n    publicAccess: false\n    privateAccess: true\n"))
        #expect(closed.deployments.first?.allowlists.isEmpty == true)
        // eksctl turns the public endpoint off for a fully private cluster, and Outposts control planes have none.
        let fullyPrivate = H.read(text: Self.config("privateCluster:\n  enabled: true\n"))
        #expect(fullyPrivate.deployments.first?.allowlists.isEmpty == true)
        let outposts = H.read(text: Self.config("outpost:\n  controlPlaneOutpostARN: arn:aws:outposts:us-east-1:111122223333:outpost/op-1\n"))
        #expect(outposts.deployments.first?.allowlists.isEmpty == true)
    }

    /// eksctl opens a node group's SSH to the world unless it is private or names source security groups.
    @Test func aNodeGroupsSSHIsAnAllowlist() throws {
        let open = Self.config("privateCluster:\n  enabled: true\nmanagedNodeGroups:\n  - name: ng\n    ssh:\n      publicKeyName: k\n")
        let read = H.read(text: open)
        let ssh = try #require(read.deployments.first?.allowlists.first)
        #expect(ssh.component == "ClusterConfig/chat/nodeGroup/ng" && ssh.entries.compactMap(\.cidr.value.known) == ["0.0.0.0/0", "::/0"])
        #expect(try Self.rules(open).contains("MMC-NET-001"))
        for closed in ["    ssh:\n      publicKeyName: k\n      allow: false\n", "    privateNetworking: true\n    ssh:\n      allow: true\n",
                       "    ssh:\n      allow: true\n      sourceSecurityGroupIds: [sg-1]\n"] {
            let text = Self.config("privateCluster:\n  enabled: true\nnodeGroups:\n  - name: ng\n" + closed)
            #expect(H.read(text: text).deployments.first?.allowlists.isEmpty == true, "\(closed)")
        }
    }

    @Test func aRegionOutsideTheAllowedOneIsAResidencyFinding() throws {
        let text = Self.config("").replacingOccurrences(of: "us-east-1", with: "eu-west-1")
        let read = H.read(text: text)
        #expect(read.deployments.first?.regions.map(\.region) == ["eu-west-1"])
    }
}
