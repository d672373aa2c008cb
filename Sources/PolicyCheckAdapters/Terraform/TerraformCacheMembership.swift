import PolicyCheckModel

/// Whether an ElastiCache cache's encryption is another's: a replication group that joins a global datastore as a
/// secondary is encrypted at rest and in transit as the datastore is, fixed by its primary
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_GlobalReplicationGroup.html; the provider
/// sends neither setting for a secondary), and a cluster that is a replication group's member as its group is.
///
/// `.elsewhere` when the id is set, or known only after apply with every reference leading to a datastore (or a
/// group), through module variables too (a module's `var.global_id` set to
/// `aws_elasticache_global_replication_group.g.id`). `.maybe` when it is known only after apply from anything else —
/// a variable without a value, a conditional's test, a local, a data source (`local.sec ? g.id : null`) —: the cache
/// is then either encrypted elsewhere or on its own settings, so what it leaves unset cannot be verified and what it
/// states is judged as stated (tester and reviews, round 36: judged as standalone, a module's secondary was a false
/// critical; a test through a data source or a local made an explicitly unencrypted group pass).
enum TerraformCacheMembership: Equatable {
    case elsewhere
    case maybe(reason: String, at: Origin)

    /// A replication group's membership of a global datastore; `nil` for a group of its own.
    static func global(_ group: TerraformResource, input: any TerraformResourceGraph) -> Self? {
        of(group, attribute: "global_replication_group_id", types: ["aws_elasticache_global_replication_group"],
           input: input, placedAtField: false) { id in
            "global_replication_group_id is \(id): as a secondary of a global datastore the group is encrypted as the datastore is, on its own as its settings say"
        }
    }

    /// A cache cluster's membership of a replication group; `nil` for a cluster of its own.
    static func member(_ cluster: TerraformResource, input: any TerraformResourceGraph) -> Self? {
        // Any known group id, even an empty one, is left to the group.
        if cluster["replication_group_id"].knownString != nil { return .elsewhere }
        return of(cluster, attribute: "replication_group_id", types: ["aws_elasticache_replication_group"], input: input,
                  placedAtField: true) { id in
            "replication_group_id is \(id): as a member of a replication group the cluster is encrypted as the group is, on its own it cannot be encrypted at rest"
        }
    }

    private static func of(_ resource: TerraformResource, attribute name: String, types: Set<String>,
                           input: any TerraformResourceGraph, placedAtField: Bool, reason: (String) -> String) -> Self? {
        let id = resource[name]
        if let text = id.knownString { return text.isEmpty ? nil : .elsewhere }
        guard id.isUnknown, !id.isProviderDefault else { return nil }
        let each = input.referencedEach(by: id, of: resource, types: types)
        if !each.isEmpty && each.allSatisfy({ $0.target != nil }) { return .elsewhere }
        return .maybe(reason: reason(id.unknownReason), at: placedAtField ? id.fieldOrigin : id.origin)
    }
}
