import PolicyCheckModel
import PolicyCheckSyntax

/// Collects every region a plan names or implies: provider regions (literal, or a root variable's value),
/// per-resource region attributes (`region`, `peer_region`, `destination_region`, `source_region`, … below) and
/// `availability_zone`, regions
/// written in nested blocks or lists of some types, and the region part of ARNs in resource values.
struct TerraformRegionReader {
    /// Top-level attributes of any resource whose value is a region, the role messages give it, and whether a copy
    /// of the data is kept there: the resource's own `region` (AWS provider 6) or `location`; the peer's region of a
    /// VPC peering connection or transit gateway peering attachment
    /// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_peering_connection#peer_region,
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_transit_gateway_peering_attachment#peer_region);
    /// the region a StackSet instance's stack is created in, which AWS provider 6 renamed from `region`
    /// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade#resource-aws_cloudformation_stack_set_instance).
    /// Where a copy of the data goes or comes from, as CloudFormation's `DestinationRegion` and `SourceRegion` are
    /// read: the region an RDS snapshot or cluster snapshot is copied to
    /// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_snapshot_copy#destination_region,
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster_snapshot_copy#destination_region;
    /// AWS: "you can copy a snapshot from one AWS Region to another",
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CopyDBSnapshot.html), the region Redshift copies
    /// a cluster's snapshots to
    /// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_snapshot_copy#destination_region,
    /// https://docs.aws.amazon.com/redshift/latest/APIReference/API_EnableSnapshotCopy.html); the region the source
    /// of an encrypted cross-region Aurora replica, of an EBS snapshot copy or of an AMI copy is in, where the data
    /// is kept
    /// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#source_region,
    /// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html;
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_snapshot_copy#source_region,
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopySnapshot.html;
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ami_copy#source_ami_region,
    /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CopyImage.html).
    /// A value the configuration sets from something unknown until apply cannot be verified (never for `location`,
    /// which no AWS resource has); one left to the provider (the current region) is not read.
    static let regionAttributes: [RegionAttribute] = [
        RegionAttribute("region", role: "resource region"), RegionAttribute("location", role: "resource location"),
        RegionAttribute("peer_region", role: "peer region"),
        RegionAttribute("stack_set_instance_region", role: "stack instance region"),
        RegionAttribute("destination_region", role: "destination region", isReplica: true),
        RegionAttribute("source_region", role: "source region"),
        RegionAttribute("source_ami_region", role: "source AMI region"),
    ]

    /// Top-level attributes of AWS resources whose value is an Availability Zone name, or a list of them (an
    /// instance's, volume's or subnet's `availability_zone`; an Auto Scaling group's, Classic Load Balancer's or RDS
    /// cluster's `availability_zones`), read for the region the zone is in (`AvailabilityZoneName`), as
    /// CloudFormation's `AvailabilityZone` and `AvailabilityZones` are.
    /// `availability_zone_name`: an EFS One Zone file system's zone
    /// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system#availability_zone_name).
    /// `availability_zone_id`: a subnet's zone by its ID (`use1-az1`, `AvailabilityZoneID`; an ID names the same
    /// zone in every account, https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/subnet#availability_zone_id).
    static let zoneAttributes = [SourceKey("availability_zone"), SourceKey("availability_zones"),
                                 SourceKey("availability_zone_name"), SourceKey("availability_zone_id")]
    /// The region attributes' names, then the zone attributes', for `SourceNode.presence(of:)`.
    static let presenceKeys = regionAttributes.map(\.key) + zoneAttributes
    /// Zones written inside a block of some types: an S3 directory bucket's `location.name`, "the name of the
    /// location is the Zone ID of the Availability Zone (AZ) or Local Zone (LZ) where the bucket will be created"
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_LocationInfo.html,
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_directory_bucket#location).
    static let nestedZones: [String: (block: String, attribute: String)] = [
        "aws_s3_directory_bucket": ("location", "name"),
    ]

    /// Regions written inside nested blocks or lists of some types: the blocks (lists) down to the attribute, which
    /// may itself be a list of regions, the role messages give it, and whether a copy of the data is kept there.
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#replica,
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_global_table,
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret#replica,
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_replication_configuration,
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudformation_stack_instances#regions
    /// (the regions a stack set's stacks are created in),
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_resource_data_sync#s3_destination
    /// (the region of the bucket the synced inventory is stored in),
    /// https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/redshift_cluster#snapshot_copy
    /// (a Redshift cluster's cross-region snapshot copy as AWS provider 5 wrote it, deprecated from 5.45 for
    /// `aws_redshift_snapshot_copy`, https://github.com/hashicorp/terraform-provider-aws/pull/36810).
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_replication_configuration#destination
    /// (the region of the replica file system, https://docs.aws.amazon.com/efs/latest/ug/efs-replication.html),
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dlm_lifecycle_policy (a
    /// schedule's `cross_region_copy_rule` `target` or `target_region`, an event-based policy's
    /// `action.cross_region_copy` `target`: the region snapshot and AMI copies are made in,
    /// https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-ami-policy.html#snapshot-ami-policy-cross-region).
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dsql_cluster (a multi-Region
    /// cluster's witness region, where its encrypted transaction logs are written,
    /// https://docs.aws.amazon.com/aurora-dsql/latest/userguide/disaster-recovery-resiliency.html);
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint#service_region (the
    /// region of the service a cross-Region interface endpoint reaches,
    /// https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html);
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/globalaccelerator_endpoint_group#endpoint_group_region
    /// (where the group's endpoints serve traffic);
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_outbound_connection#remote_domain_info
    /// (the region of the domain a cross-cluster connection searches,
    /// https://docs.aws.amazon.com/opensearch-service/latest/developerguide/cross-cluster-search.html).
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/keyspaces_keyspace#region_list
    /// (the regions a Keyspaces keyspace is replicated in, each holding a replica of its tables).
    static let nestedRegions: [String: [(path: [String], role: String, isReplica: Bool)]] = [
        "aws_dynamodb_table": [(["replica", "region_name"], "replica region", true)],
        "aws_dynamodb_global_table": [(["replica", "region_name"], "replica region", true)],
        "aws_secretsmanager_secret": [(["replica", "region"], "replica region", true)],
        "aws_ecr_replication_configuration": [(["replication_configuration", "rule", "destination", "region"],
                                               "replication destination region", true)],
        "aws_cloudformation_stack_instances": [(["regions"], "stack instance region", false)],
        "aws_ssm_resource_data_sync": [(["s3_destination", "region"], "sync destination region", true)],
        "aws_redshift_cluster": [(["snapshot_copy", "destination_region"], "snapshot copy destination region", true)],
        "aws_efs_replication_configuration": [(["destination", "region"], "replication destination region", true)],
        "aws_keyspaces_keyspace": [(["replication_specification", "region_list"], "replica region", true)],
        "aws_dlm_lifecycle_policy": [
            (["policy_details", "schedule", "cross_region_copy_rule", "target"], "cross-Region copy target", true),
            (["policy_details", "schedule", "cross_region_copy_rule", "target_region"], "cross-Region copy target", true),
            (["policy_details", "action", "cross_region_copy", "target"], "cross-Region copy target", true),
        ],
        "aws_dsql_cluster": [(["multi_region_properties", "witness_region"], "witness region", true)],
        "aws_dsql_cluster_peering": [(["witness_region"], "witness region", true)],
        "aws_vpc_endpoint": [(["service_region"], "endpoint service region", false)],
        "aws_globalaccelerator_endpoint_group": [(["endpoint_group_region"], "endpoint group region", false)],
        "aws_globalaccelerator_custom_routing_endpoint_group": [(["endpoint_group_region"], "endpoint group region", false)],
        "aws_opensearch_outbound_connection": [(["remote_domain_info", "region"], "remote domain region", false)],
    ]

    let input: any TerraformResourceGraph
    /// The values other readers placed a region reference on (by component and byte offset), and those placed on
    /// the resource being read: sets, so that placing one costs the same in a plan of 70,000 resources as in a plan
    /// of ten, and small ones (references of different resources never share a value).
    private var placedBefore: Set<Placement> = []
    private var placed: Set<Placement> = []
    /// The regions of provider configurations with an alias (`aws.eu`, `module.edge:aws.eu`), by configuration key:
    /// a resource that uses one is created in that region, and gets a residency reference of its own there.
    private var aliasRegions: [String: TerraformProviderRegions.Region] = [:]
    /// The keys of `aliasRegions` that are configurations of a local name other than `aws` rather than aliases.
    private var otherLocalNames: Set<String> = []
    /// The regions other readers already placed on each resource (`component`, NUL, region), when there are aliases.
    private var regionsBefore: Set<String> = []
    /// The input's bucket names (`bucketNames()`), once a replication destination asks.
    private var knownBucketNames: Set<String>?

    init(input: any TerraformResourceGraph) {
        self.input = input
    }

    mutating func read(into deployment: inout Deployment) {
        placedBefore = Set(deployment.regions.map { Placement(component: $0.component, offset: $0.origin.packedOffset) })
        readProviders(into: &deployment)
        placedBefore.formUnion(placed)
        if !aliasRegions.isEmpty { regionsBefore = Set(deployment.regions.map { $0.component + "\u{0}" + $0.region }) }
        for resource in input.resources {
            readResource(resource, into: &deployment)
        }
    }

    // MARK: - Providers

    private mutating func readProviders(into deployment: inout Deployment) {
        let providers = input.providers
        for entry in providers.configs {
            let config = entry.value
            guard let name = config["name"]?.string ?? entry.key.split(separator: ":").last.map(String.init) else { continue }
            let module = config["module_address"]?.string
            let alias = config["alias"]?.string
            let component = [module, "provider.\(name)", alias].compactMap { $0 }.joined(separator: ".")
            // A module's statement that it requires the provider is no configuration: its resources use their caller's.
            if providers.isRequirementOnly(config, key: entry.key) { continue }
            guard let region = providers.region(of: config, key: entry.key) else {
                if let unknown = providers.unknownRegion(of: config, name: name) {
                    deployment.regions.append(RegionReference(unknown: unknown.reason, at: unknown.origin,
                                                              component: component, role: "provider region"))
                }
                continue
            }
            let role = region.variable.map { "provider region (var.\($0))" } ?? "provider region"
            add(region.value, at: region.origin, component: component, role: role, into: &deployment)
            // A second local name of the AWS provider (`amazon = { source = "hashicorp/aws" }`) is, to Terraform,
            // an alias by another spelling ("exactly the same thing", hashicorp/terraform#31218): its resources get
            // findings of their own too, so an ignore at the provider block covers no resource added later.
            // Only resources of the AWS provider's types are judged so under another local name: `google`'s own
            // configuration is no alias of the AWS provider (regression tester, round 33).
            if alias != nil {
                aliasRegions[entry.key] = region
            } else if name != "aws" {
                aliasRegions[entry.key] = region
                otherLocalNames.insert(entry.key)
            }
            if name == "aws" && module == nil && alias == nil && region.variable == nil {
                deployment.region = Located(region.value, at: region.origin)
            }
        }
        for (local, node, path) in providers.unconfigured {
            deployment.regions.append(RegionReference(
                unknown: TerraformProviderRegions.unconfiguredReason,
                at: Origin(offset: node.offset, path: path),
                component: "provider.\(local)", role: "provider region"))
        }
    }

    // MARK: - Resources

    private mutating func readResource(_ resource: TerraformResource, into deployment: inout Deployment) {
        placed.removeAll(keepingCapacity: true)
        let first = deployment.regions.endIndex
        // A value is a known string only when it is written in the values, so the values are asked first and the
        // attribute (with its unknown and configuration mirrors) is built only for the fields that are there.
        // The values and their unknown mirror put together once, not once per field (every resource passes here).
        let values = resource.valuesNode
        let unknown = resource.isAWS ? resource.unknownMirror : nil
        // Which region and zone attributes the values and the mirror have, each found in one pass over its members.
        let inValues = values?.presence(of: Self.presenceKeys) ?? 0
        let inUnknown = unknown?.presence(of: Self.presenceKeys) ?? 0
        for (bit, field) in Self.regionAttributes.enumerated() {
            guard inValues & 1 << UInt64(bit) != 0 else {
                // A region the configuration sets from something without a value here (AWS provider 6's
                // per-resource `region = var.region`): never a silent pass.
                if field.name != "location", inUnknown & 1 << UInt64(bit) != 0 {
                    let attribute = resource[field.name]
                    if attribute.isUnknown, !attribute.isProviderDefault {
                        deployment.regions.append(RegionReference(unknown: attribute.unknownReason, at: attribute.origin,
                                                                  component: resource.address, role: field.role,
                                                                  isReplica: field.isReplica))
                    }
                }
                continue
            }
            let attribute = resource[field.name]
            if let region = attribute.knownString {
                add(region, at: attribute.origin, component: resource.address, role: field.role,
                    isReplica: field.isReplica, into: &deployment)
            }
        }
        if resource.isAWS {
            for (offset, key) in Self.zoneAttributes.enumerated()
            where inValues & 1 << UInt64(Self.regionAttributes.count + offset) != 0 {
                let attribute = resource[key.text]
                // A list of zones (`availability_zones = ["eu-west-1a"]`): each item is one.
                for zone in attribute.node?.isSequence == true ? attribute.items : [attribute] {
                    readZone(zone, of: resource, into: &deployment)
                }
            }
            if let nested = Self.nestedZones[resource.type] {
                for block in resource[nested.block].items { readZone(block.child(nested.attribute), of: resource, into: &deployment) }
            }
        }
        for nested in Self.nestedRegions[resource.type] ?? [] {
            readNestedRegions(resource, path: nested.path, role: nested.role, isReplica: nested.isReplica,
                              into: &deployment)
        }
        if resource.type == "aws_s3_bucket_replication_configuration"
            || (resource.type == "aws_s3_bucket" && Self.mayReplicate(resource)) {
            readReplicationDestinations(resource, into: &deployment)
        }
        var seen: Set<String> = []
        scanARNs(resource.attributes, component: resource.address, seen: &seen, into: &deployment)
        if !aliasRegions.isEmpty { readAliasProvider(of: resource, placedFrom: first, into: &deployment) }
    }

    /// The region of a zone, named by its name (`eu-west-1a`) or its ID (`euw1-az1`).
    private mutating func readZone(_ zone: TerraformAttribute, of resource: TerraformResource,
                                   into deployment: inout Deployment) {
        guard let text = zone.knownString else { return }
        if let region = AvailabilityZoneName.region(of: text) {
            add(region, at: zone.origin, component: resource.address, role: "availability zone '\(text)'", into: &deployment)
        } else if let region = AvailabilityZoneID.region(of: text) {
            add(region, at: zone.origin, component: resource.address, role: "availability zone ID '\(text)'",
                into: &deployment)
        }
    }

    /// The regions at `path` (blocks, then the attribute or list of regions), each located at its value; a region,
    /// list or block known only after apply (`region_name = var.replica_region`) cannot be verified.
    private mutating func readNestedRegions(_ resource: TerraformResource, path: [String], role: String,
                                            isReplica: Bool, into deployment: inout Deployment) {
        var level = [resource[path[0]]]
        for name in path.dropFirst() {
            var next: [TerraformAttribute] = []
            for block in level {
                if block.isUnknown, !block.isProviderDefault {
                    add(unknown: block.unknownReason, at: block.origin, component: resource.address, role: role,
                        isReplica: isReplica, into: &deployment)
                }
                next += block.items.map { $0.child(name) }
            }
            level = next
        }
        // The attribute may be a list of regions (`regions = ["eu-west-1"]`): each item is one.
        for attribute in level.flatMap({ $0.node?.isSequence == true ? $0.items : [$0] }) {
            if let region = attribute.knownString {
                add(region, at: attribute.origin, component: resource.address, role: role, isReplica: isReplica,
                    into: &deployment)
            } else if attribute.isUnknown, !attribute.isProviderDefault {
                add(unknown: attribute.unknownReason, at: attribute.origin, component: resource.address, role: role,
                    isReplica: isReplica, into: &deployment)
            }
        }
    }

    /// Each replication rule's destination bucket that is no bucket of the input (by reference, or by the name its
    /// ARN ends with): S3 copies every object the rule covers there, and a bucket's ARN names no region, so where
    /// the copy is kept cannot be verified (as CloudFormation's `Destination.Bucket`; tester, round 36). A bucket of
    /// the input is judged where it is created. `aws_s3_bucket_replication_configuration`'s `rule[].destination`, and
    /// AWS provider 3's inline `replication_configuration[0].rules[].destination`.
    private mutating func readReplicationDestinations(_ resource: TerraformResource, into deployment: inout Deployment) {
        let rules = resource.type == "aws_s3_bucket" ? resource["replication_configuration"].child(0).child("rules").items
            : resource["rule"].items
        guard !rules.isEmpty else { return }
        for rule in rules {
            let bucket = rule.child("destination").child(0).child("bucket")
            if bucket.isProviderDefault || (bucket.node == nil && !bucket.isUnknown) { continue }
            if input.referencedEach(by: bucket, of: resource, types: ["aws_s3_bucket"]).contains(where: { $0.target != nil }) {
                continue
            }
            if let arn = bucket.knownString, bucketNames().contains(S3ReplicationDestination.bucketName(arn)) { continue }
            add(unknown: S3ReplicationDestination.reason, at: bucket.origin, component: resource.address,
                role: "replication destination bucket", isReplica: true, into: &deployment)
        }
    }

    /// The known names of the input's buckets, gathered once, on the first replication destination read.
    private mutating func bucketNames() -> Set<String> {
        if let knownBucketNames { return knownBucketNames }
        let names = Set(input.resources(ofType: ["aws_s3_bucket"]).compactMap { $0["bucket"].knownString })
        knownBucketNames = names
        return names
    }

    /// Whether a bucket's values (or what is known only after apply) hold an inline replication configuration:
    /// most buckets hold none, and are passed over without building an attribute view.
    private static func mayReplicate(_ bucket: TerraformResource) -> Bool {
        if let inline = bucket.valuesNode?["replication_configuration"], inline.items?.isEmpty == false { return true }
        if let unknown = bucket.unknownMirror?["replication_configuration"], unknown.bool != false {
            return unknown.items?.isEmpty != true
        }
        // Source: the attribute view reads the configuration itself.
        return bucket.valuesNode == nil
    }

    /// A resource under a provider alias is created in the alias's region: reported on the resource itself (once,
    /// unless its own values already name that region), not only on the provider block.
    private mutating func readAliasProvider(of resource: TerraformResource, placedFrom first: Int,
                                            into deployment: inout Deployment) {
        guard let key = input.providerConfigKey(of: resource),
              let region = aliasRegions[key],
              !otherLocalNames.contains(key) || resource.type.hasPrefix("aws_"),
              !regionsBefore.contains(resource.address + "\u{0}" + region.value),
              !deployment.regions[first...].contains(where: { $0.component == resource.address && $0.region == region.value })
        else { return }
        add(region.value, at: resource.origin, component: resource.address,
            role: "provider region (the resource uses provider \(key))", into: &deployment)
    }

    /// Every ARN with a region in the resource's values (one reference per region and resource), except ARNs whose
    /// region places no data (a Serverless Application Repository application's, deployed where the stack is). The
    /// scan passes over the values' strings and works out an attribute (its path and origin) only for the ARNs it
    /// keeps.
    private mutating func scanARNs(_ attribute: TerraformAttribute, component: String, seen: inout Set<String>,
                                   into deployment: inout Deployment) {
        guard let node = attribute.node else { return }
        node.forEachString(withPrefix: "arn:") { text, steps in
            guard let (service, region) = AmazonResourceName.serviceAndRegion(text), !region.isEmpty,
                  AmazonResourceName.regionPlacesData(service: service), seen.insert(region).inserted else { return }
            let role = service == "kms" ? "region in the KMS key ARN" : "region in the \(service) ARN"
            let origin = attribute.descend(steps().map(TerraformStep.init)).origin
            add(region, at: origin, component: component, role: role, into: &deployment)
        }
    }

    /// Adds a reference, unless another reader already placed one on the same value (a backup copy's vault ARN).
    private mutating func add(_ region: String, at origin: Origin, component: String, role: String,
                              isReplica: Bool = false, into deployment: inout Deployment) {
        guard place(origin, component: component) else { return }
        deployment.regions.append(RegionReference(region, at: origin, component: component, role: role, isReplica: isReplica))
    }

    /// Adds a region known only after apply.
    private mutating func add(unknown reason: String, at origin: Origin, component: String, role: String,
                              isReplica: Bool, into deployment: inout Deployment) {
        guard place(origin, component: component) else { return }
        deployment.regions.append(RegionReference(unknown: reason, at: origin, component: component, role: role,
                                                  isReplica: isReplica))
    }

    /// Whether no reference sits on the value yet (and records that one now does).
    private mutating func place(_ origin: Origin, component: String) -> Bool {
        let placement = Placement(component: component, offset: origin.packedOffset)
        return !placedBefore.contains(placement) && placed.insert(placement).inserted
    }
}

/// A top-level attribute whose value is a region: its name (with its hash worked out once, as every resource is
/// asked for it), the role messages give it, and whether a copy of the data is kept there.
struct RegionAttribute: Sendable {
    let key: SourceKey
    let role: String
    let isReplica: Bool

    var name: String { key.text }

    init(_ name: String, role: String, isReplica: Bool = false) {
        key = SourceKey(name)
        self.role = role
        self.isReplica = isReplica
    }
}

/// Where a region reference sits: the component it belongs to and the byte offset of its value.
private struct Placement: Hashable {
    var component: String
    var offset: Int
}

extension TerraformRegionReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
