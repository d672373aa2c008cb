import PolicyCheckModel

/// What resources of a template say about other resources, indexed once per template before mapping: the bucket
/// policy of each bucket, the buckets that receive access logs or trail log files, and the Redshift parameter groups
/// by name. Mappers look a bucket or group up here rather than scan every resource per bucket or cluster.
struct TemplateRelations {
    /// `PolicyDocument` of every `AWS::S3::BucketPolicy` naming each bucket (logical id), in document order.
    private(set) var bucketPolicies: [String: [PropertyValue]] = [:]
    /// Buckets (logical ids) named as a `LoggingConfiguration.DestinationBucketName` or a trail's `S3BucketName`.
    private(set) var logDestinations: Set<String> = []
    /// Buckets (logical ids) an Application Load Balancer writes access logs to, which AWS writes only with SSE-S3
    /// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
    private(set) var albLogDestinations: Set<String> = []
    /// `AWS::Redshift::ClusterParameterGroup`s (logical ids) by their `ParameterGroupName`, lowercased as Redshift
    /// stores it; the first in document order.
    private(set) var redshiftParameterGroups: [String: String] = [:]
    /// The ports of the `AWS::ElasticLoadBalancingV2::Listener`s on each load balancer (logical id, a listener's
    /// `LoadBalancerArn` `!Ref` or `!GetAtt`), in document order; `nil` when a listener's port is not known.
    private(set) var listenerPorts: [String: [PortRange]?] = [:]
    /// The OpenSearch Serverless security policies, indexed by their collection patterns.
    private(set) var serverlessCollectionPolicies = ServerlessCollectionPolicies()
    /// The actions of the web ACL rules that reference each WAF IP set, by the set's logical id.
    private(set) var ipSetActions: [String: Set<String>] = [:]
    /// The literal `BucketName`s of the template's buckets (a replication destination there is in the stack).
    private(set) var bucketNames: Set<String> = []

    init(template: Template, resolver: IntrinsicResolver) {
        var bucketsByName: [String: String] = [:]
        for resource in template.resources {
            switch resource.type {
            case "AWS::S3::Bucket":
                if let name = resource.properties?.value["BucketName"]?.string, bucketsByName[name] == nil {
                    bucketsByName[name] = resource.logicalID
                    bucketNames.insert(name)
                }
            case "AWS::Redshift::ClusterParameterGroup":
                if let name = resource.properties?.value["ParameterGroupName"]?.string?.lowercased(),
                   redshiftParameterGroups[name] == nil {
                    redshiftParameterGroups[name] = resource.logicalID
                }
            default:
                break
            }
        }
        func buckets(_ value: PropertyValue) -> [String] {
            value.alternatives.compactMap { alternative in
                if case .resource(let id, "AWS::S3::Bucket", _) = alternative { return id }
                return alternative.scalarText.flatMap { bucketsByName[$0] }
            }
        }
        let types: Set<String> = ["AWS::S3::BucketPolicy", "AWS::S3::Bucket", "AWS::CloudTrail::Trail",
                                  "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::Listener",
                                  ServerlessCollectionMapper.policyType, "AWS::WAFv2::WebACL"]
        for resource in template.resources where types.contains(resource.type) {
            let properties = ResourceContext(resource: resource, template: template, resolver: resolver).properties
            switch resource.type {
            case "AWS::S3::BucketPolicy":
                // Every one: each replaces the bucket's one policy, in an order the template does not fix.
                for bucket in buckets(properties.child("Bucket")) {
                    bucketPolicies[bucket, default: []].append(properties.child("PolicyDocument"))
                }
            case "AWS::S3::Bucket":
                // A bucket that logs to itself is no log destination the rule leaves out: its own logging is off.
                logDestinations.formUnion(buckets(properties.child("LoggingConfiguration", "DestinationBucketName"))
                    .filter { $0 != resource.logicalID })
            case "AWS::CloudTrail::Trail":
                logDestinations.formUnion(buckets(properties.child("S3BucketName")))
            case "AWS::ElasticLoadBalancingV2::LoadBalancer":
                guard properties.child("Type").knownText ?? "application" == "application" else { break }
                var attributes: [String: PropertyValue] = [:]
                for item in properties.child("LoadBalancerAttributes").items() {
                    if let key = item.child("Key").knownText, attributes[key] == nil { attributes[key] = item.child("Value") }
                }
                if attributes["access_logs.s3.enabled"]?.knownText?.lowercased() == "true",
                   let bucket = attributes["access_logs.s3.bucket"] {
                    albLogDestinations.formUnion(buckets(bucket))
                }
            case "AWS::WAFv2::WebACL":
                WAFIPSetMapper.add(webACL: properties, into: &ipSetActions)
            case ServerlessCollectionMapper.policyType:
                ServerlessCollectionMapper.add(properties, into: &serverlessCollectionPolicies)
            case "AWS::ElasticLoadBalancingV2::Listener":
                let numbers = properties.child("Port").integers()
                for alternative in properties.child("LoadBalancerArn").alternatives {
                    guard case .resource(let id, _, _) = alternative else { continue }
                    let known = listenerPorts[id] ?? []
                    guard let known, let numbers else {
                        listenerPorts[id] = .some(nil)
                        continue
                    }
                    var ports = known
                    for port in numbers where !ports.contains(PortRange(port, port)) { ports.append(PortRange(port, port)) }
                    listenerPorts[id] = ports
                }
            default:
                break
            }
        }
    }
}
