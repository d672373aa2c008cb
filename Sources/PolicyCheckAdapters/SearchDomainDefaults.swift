import PolicyCheckModel

/// What an OpenSearch Service (or legacy Elasticsearch) domain does with a network setting its input leaves out,
/// shared by the plan and template readers so both formats judge a domain alike.
///
/// Between nodes: every domain sits in a VPC of its own, but "by default, however, traffic within the VPC is
/// unencrypted"; node-to-node encryption turns TLS on for it
/// (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html). Not set is off — data replicates
/// between nodes in plaintext, as an MSK cluster's brokers do with in-cluster encryption off.
///
/// Endpoint: without VPC options, "OpenSearch Service creates the domain with a public endpoint"
/// (https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_CreateDomain.html), reachable from the
/// internet, where only its access policy decides who gets in; a domain created so cannot later be placed in a VPC
/// (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html). VPC options make it private.
enum SearchDomainDefaults {
    /// Node-to-node encryption stated off (`name` as the input spells it).
    static func nodeToNodeOff(_ name: String) -> String { "\(name) is false: nodes exchange data in plaintext" }

    /// Node-to-node encryption not set.
    static func nodeToNodeUnset(_ name: String) -> String {
        "\(name) is not set, and OpenSearch Service then leaves traffic between nodes unencrypted"
    }
}
