import PolicyCheckModel
import PolicyCheckSyntax

/// What separate resources (provider v4+) or the bucket's own blocks (v3) say about a bucket's access logging,
/// versioning and bucket policy.
extension TerraformBucketReader {
    static let loggingType = "aws_s3_bucket_logging"
    static let versioningType = "aws_s3_bucket_versioning"
    static let policyType = "aws_s3_bucket_policy"

    /// Buckets that receive other buckets' access logs or a trail's log files, by address: they are log
    /// destinations, not data stores whose requests need logging. A bucket that logs to itself is not one: S3 advises
    /// against it, each log delivery being logged in turn (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html),
    /// so its own logging is judged, and found off (`accessLogging`).
    static func logDestinations(_ input: any TerraformResourceGraph) -> Set<String> {
        let byName = bucketsByName(input)
        var destinations: Set<String> = []
        func add(_ attribute: TerraformAttribute, of resource: TerraformResource, source: String?) {
            if let target = bucketAddress(attribute, of: resource, input: input, byName: byName), target != source {
                destinations.insert(target)
            }
        }
        for logging in input.resources(ofType: [loggingType]) {
            add(logging["target_bucket"], of: logging,
                source: bucketAddress(logging["bucket"], of: logging, input: input, byName: byName))
        }
        for bucket in input.resources(ofType: ["aws_s3_bucket"]) {
            for block in bucket["logging"].items { add(block.child("target_bucket"), of: bucket, source: bucket.address) }
        }
        for trail in input.resources(ofType: ["aws_cloudtrail"]) { add(trail["s3_bucket_name"], of: trail, source: nil) }
        return destinations
    }

    /// Buckets an Application Load Balancer (`aws_lb`, `aws_alb`, `load_balancer_type` application, the default)
    /// writes access logs to (`access_logs { bucket, enabled = true }`; `enabled` defaults to false): AWS writes them
    /// only with SSE-S3 (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
    static func albLogDestinations(_ input: any TerraformResourceGraph) -> Set<String> {
        let byName = bucketsByName(input)
        var destinations: Set<String> = []
        for balancer in input.resources(ofType: ["aws_lb", "aws_alb"])
        where balancer["load_balancer_type"].knownString ?? "application" == "application" {
            for block in balancer["access_logs"].items where block.child("enabled").bool()?.value.known == true {
                if let target = bucketAddress(block.child("bucket"), of: balancer, input: input, byName: byName) {
                    destinations.insert(target)
                }
            }
        }
        return destinations
    }

    /// The plan's buckets by their known `bucket` name (the first of each name).
    private static func bucketsByName(_ input: any TerraformResourceGraph) -> [String: String] {
        var byName: [String: String] = [:]
        for bucket in input.resources(ofType: ["aws_s3_bucket"]) {
            if let name = bucket["bucket"].knownString, byName[name] == nil { byName[name] = bucket.address }
        }
        return byName
    }

    /// The address of the bucket an attribute names, by the configuration's reference or by its known name.
    private static func bucketAddress(_ attribute: TerraformAttribute, of resource: TerraformResource,
                                      input: any TerraformResourceGraph, byName: [String: String]) -> String? {
        if let target = input.referenced(by: attribute, of: resource, types: ["aws_s3_bucket"]) { return target.address }
        return attribute.knownString.flatMap { byName[$0] }
    }

    /// The bucket an attribute of `resource` refers to in the configuration, if any.
    private func referencedBucket(_ attribute: TerraformAttribute, of resource: TerraformResource) -> TerraformResource? {
        input.referenced(by: attribute, of: resource, types: ["aws_s3_bucket"])
    }

    /// Whether an attribute names `bucket` itself: by the reference it makes (`referenced`), else by its known name.
    private func namesItself(_ attribute: TerraformAttribute, referenced: TerraformResource?,
                             bucket: TerraformResource) -> Bool {
        if let referenced { return referenced === bucket }
        guard let name = attribute.knownString else { return false }
        return name == bucket["bucket"].knownString
    }

    /// Whether the configuration's expression for an attribute of `resource` mentions `bucket` anywhere
    /// (`var.central ? aws_s3_bucket.logs.id : aws_s3_bucket.data.id`), in the same module.
    private func mentions(_ attribute: TerraformAttribute, of resource: TerraformResource,
                          bucket: TerraformResource) -> Bool {
        guard resource.modulePath == bucket.modulePath else { return false }
        let own = bucket.configAddress
        return attribute.references.contains { $0 == own || $0.hasPrefix(own + ".") || $0.hasPrefix(own + "[") }
    }

    /// Server access logging: a logging resource or an inline `logging` block with a target bucket other than the
    /// bucket itself; off otherwise.
    func accessLogging(of bucket: TerraformResource) -> StoreSetting<Bool> {
        // Several logging resources of one bucket each replace its logging configuration, in an order the plan does
        // not fix: each must log elsewhere (round 24: only the first written was read).
        let attached = allCompanions(Self.loggingType, of: bucket)
        if attached.count > 1 { return StoreSetting.worst(attached.map { accessLogging(by: $0, of: bucket) })! }
        if let logging = attached.first { return accessLogging(by: logging, of: bucket) }
        return inlineAccessLogging(of: bucket)
    }

    private func accessLogging(by logging: TerraformResource, of bucket: TerraformResource) -> StoreSetting<Bool> {
        let target = logging["target_bucket"]
        let referenced = referencedBucket(target, of: logging)
        // Before the value: a reference to the bucket's own `id` is unknown until apply, but names it all the same.
        if namesItself(target, referenced: referenced, bucket: bucket) {
            return StoreSetting(.known(false), at: target.origin,
                                note: "its aws_s3_bucket_logging targets the bucket itself")
        }
        if target.knownString != nil { return StoreSetting(.known(true), at: logging.origin) }
        // Another of the configuration's buckets: logging is on, though its name is known only after apply —
        // unless the expression may also give the bucket itself (a conditional between the two), which only
        // the value can settle.
        let mayBeItself = mentions(target, of: logging, bucket: bucket)
        if target.isUnknown, !target.isProviderDefault, referenced == nil || mayBeItself {
            let reason = mayBeItself ? "\(target.unknownReason); the expression may give the bucket itself"
                : target.unknownReason
            return StoreSetting(.unknown(reason: reason), at: target.origin)
        }
        return StoreSetting(.known(true), at: logging.origin)
    }

    private func inlineAccessLogging(of bucket: TerraformResource) -> StoreSetting<Bool> {
        let inline = bucket["logging"]
        if inline.isUnknown, !inline.isProviderDefault {
            return StoreSetting(.unknown(reason: inline.unknownReason), at: inline.origin)
        }
        let targets = inline.items.map { $0.child("target_bucket") }.filter { $0.knownString != nil || $0.isUnknown }
        if targets.contains(where: { !namesItself($0, referenced: referencedBucket($0, of: bucket), bucket: bucket) }) {
            return StoreSetting(.known(true), at: inline.origin)
        }
        if let own = targets.first {
            return StoreSetting(.known(false), at: own.origin, note: "its logging block targets the bucket itself")
        }
        return StoreSetting(.known(false), at: bucket.rawOrigin, note: "no aws_s3_bucket_logging names the bucket")
    }

    /// Versioning: the versioning resource's status, else the inline block's flag; off when neither says.
    func versioning(of bucket: TerraformResource) -> StoreSetting<Bool> {
        // Several versioning resources of one bucket each set its status, in an order the plan does not fix: each
        // must enable it (round 24: an Enabled one written first hid a Suspended one after it).
        let attached = allCompanions(Self.versioningType, of: bucket)
        if attached.count > 1 { return StoreSetting.worst(attached.map(versioning(by:)))! }
        if let resource = attached.first {
            return versioning(by: resource)
        }
        let flag = bucket["versioning"].child(0).child("enabled")
        if let stated = flag.bool() { return StoreSetting(stated) }
        return StoreSetting(.known(false), at: bucket.rawOrigin, note: "no aws_s3_bucket_versioning names the bucket")
    }

    private func versioning(by resource: TerraformResource) -> StoreSetting<Bool> {
        let status = resource["versioning_configuration"].child(0).child("status")
        switch status.string()?.value {
        case .known(let text)?:
            return StoreSetting(.known(text == "Enabled"), at: status.origin,
                                note: text == "Enabled" ? nil : "its status is '\(Excerpt.quote(text))'")
        case .unknown(let reason)?:
            return StoreSetting(.unknown(reason: reason), at: status.origin)
        case nil:
            return StoreSetting(.known(false), at: resource.origin, note: "the versioning resource states no status")
        }
    }

    /// Encryption in transit: a bucket policy (its own resource, else the inline `policy`) that denies requests
    /// whose `aws:SecureTransport` is false.
    func secureTransport(of bucket: TerraformResource) -> StoreSetting<Bool> {
        // Each `aws_s3_bucket_policy` of the bucket replaces its one policy when applied, in an order the plan does
        // not fix: every one must deny plain HTTP (round 24: a TLS-only one written first hid an Allow-only one).
        let attached = allCompanions(Self.policyType, of: bucket)
        if attached.count > 1 {
            return StoreSetting.worst(attached.map { secureTransport(policy: $0["policy"], of: bucket) })!
        }
        return secureTransport(policy: attached.first?["policy"] ?? bucket["policy"], of: bucket)
    }

    private func secureTransport(policy: TerraformAttribute, of bucket: TerraformResource) -> StoreSetting<Bool> {
        if let document = policy.encodedDocument {
            return SecureTransportPolicy.judge(encoded: document, unknownReason: policy.unknownReason,
                                              bucket: bucket.address, at: policy.origin)
        }
        if policy.isUnknown, !policy.isProviderDefault {
            return StoreSetting(.unknown(reason: policy.unknownReason), at: policy.origin)
        }
        guard let text = policy.knownString else {
            return StoreSetting(.known(false), at: bucket.rawOrigin, note: "the bucket has no bucket policy")
        }
        let statements = TerraformKeyPolicyReader.policy(text, at: policy.origin)?.statements ?? []
        return SecureTransportPolicy.setting(statements, at: policy.origin)
    }
}
