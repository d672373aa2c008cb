import PolicyCheckModel
import PolicyCheckSyntax

/// What an OpenSearch Service (or legacy Elasticsearch) domain does with a network setting its input leaves out,
/// shared by the plan and template readers so both formats judge a domain alike.
///
/// Between nodes: every domain sits in a VPC of its own, but "by default, however, traffic within the VPC is
/// unencrypted"; node-to-node encryption turns TLS on for it
/// (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html). Not set is off — data replicates
/// between nodes in plaintext, as an MSK cluster's brokers do with in-cluster encryption off.
///
/// HTTPS: `EnforceHTTPS` is "True to require that all traffic to the domain arrive over HTTPS", and the API reference
/// states no default for it (Required: No,
/// https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html); Terraform's
/// provider sends `DomainEndpointOptions` only when `domain_endpoint_options` is written. Not set cannot be verified:
/// neither read as off nor passed.
///
/// Endpoint: without VPC options, "OpenSearch Service creates the domain with a public endpoint"
/// (https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_CreateDomain.html), reachable from the
/// internet, where only its access policy decides who gets in; a domain created so cannot later be placed in a VPC
/// (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html). VPC options make it private.
///
/// Oldest TLS version: the endpoint's `TLSSecurityPolicy` — `Policy-Min-TLS-1-0-2019-07` "supports TLS version 1.0 to
/// TLS version 1.2", `Policy-Min-TLS-1-2-2019-07` and `Policy-Min-TLS-1-2-PFS-2023-10` start at 1.2
/// (https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html). The reference
/// states no default for it (Required: No; the TLS 1.0 default written on CloudSearch's `DomainEndpointOptions` is
/// another service's), so a policy the input leaves out is not judged, and MMC-ENC-003 judges only one it states.
enum SearchDomainDefaults {
    /// The TLS 1.0 policy.
    static let tls10Policy = "Policy-Min-TLS-1-0-2019-07"

    /// Whether a stated TLS security policy (`name` as the input spells it) refuses TLS before 1.2.
    static func tlsPolicy(_ policy: String, name: String, at origin: Origin) -> StoreSetting<Bool> {
        if policy == tls10Policy {
            return StoreSetting(.known(false), at: origin, note: "\(name) is \(policy), which accepts TLS 1.0 to 1.2")
        }
        if policy.hasPrefix("Policy-Min-TLS-1-2-") { return StoreSetting(.known(true), at: origin) }
        return StoreSetting(.unknown(reason: "\(name) is '\(Excerpt.quote(policy))', which is not a policy the OpenSearch Service API reference lists"),
                            at: origin)
    }

    /// Node-to-node encryption stated off (`name` as the input spells it).
    static func nodeToNodeOff(_ name: String) -> String { "\(name) is false: nodes exchange data in plaintext" }

    /// HTTPS enforcement not set (`name` as the input spells it).
    static func httpsUnset(_ name: String) -> String {
        "\(name) is not set, and AWS documents no default for it (OpenSearch Service API reference, "
            + "DomainEndpointOptions EnforceHTTPS): whether the domain accepts plain HTTP is known only at deployment"
    }

    /// Node-to-node encryption not set.
    static func nodeToNodeUnset(_ name: String) -> String {
        "\(name) is not set, and OpenSearch Service then leaves traffic between nodes unencrypted"
    }
}
