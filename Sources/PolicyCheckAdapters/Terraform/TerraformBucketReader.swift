import PolicyCheckModel

/// Reads `aws_s3_bucket` resources into file stores, merging what separate resources say about a bucket:
/// `aws_s3_bucket_server_side_encryption_configuration`, `aws_s3_bucket_public_access_block` and
/// `aws_s3_bucket_acl` (provider v4+), or the bucket's own inline blocks (provider v3 and earlier).
struct TerraformBucketReader {
    static let encryptionType = "aws_s3_bucket_server_side_encryption_configuration"
    static let publicAccessBlockType = "aws_s3_bucket_public_access_block"
    static let aclType = "aws_s3_bucket_acl"
    static let blockFlags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

    let input: any TerraformResourceGraph
    /// The plan's keys by identifier, built once per plan and shared by the readers that resolve key references.
    let keys: TerraformKeyReference
    /// Each companion type's resources by the bucket they configure, built once per plan: looking them up by a scan
    /// per bucket made a plan of 10,000 buckets spend 88% of its time here.
    private let companions: [String: TerraformCompanionIndex]
    /// Buckets that receive access logs or trail log files (not asked to log their own requests).
    private let logDestinations: Set<String>
    /// Buckets an Application Load Balancer writes its access logs to (SSE-S3 only).
    private let albLogDestinations: Set<String>

    init(input: any TerraformResourceGraph, keys: TerraformKeyReference) {
        self.input = input
        self.keys = keys
        var companions: [String: TerraformCompanionIndex] = [:]
        for type in [Self.encryptionType, Self.publicAccessBlockType, Self.aclType, Self.loggingType, Self.versioningType,
                     Self.policyType] {
            companions[type] = TerraformCompanionIndex(input: input, type: type, attribute: "bucket", targets: ["aws_s3_bucket"])
        }
        self.companions = companions
        logDestinations = Self.logDestinations(input)
        albLogDestinations = Self.albLogDestinations(input)
    }

    func read(into deployment: inout Deployment) {
        for bucket in input.resources(ofType: ["aws_s3_bucket"]) {
            let inline = bucket["server_side_encryption_configuration"]
            let separate = encryptionConfiguration(of: bucket)
            let rule = (separate?.attributes ?? inline.child(0)).child("rule").child(0)
                .child("apply_server_side_encryption_by_default").child(0)
            let owner = separate ?? bucket
            var store = DataStore(kind: .fileStore, component: bucket.address, origin: bucket.rawOrigin,
                                  encryption: Encryption(origin: separate?.attributes.fieldOrigin ?? inline.fieldOrigin))
            store.rawNode = bucket.valuesNode
            store.storageType = Located("s3", at: bucket.origin)
            store.encryption.algorithm = Self.algorithm(of: rule)
            store.encryption.kmsKey = keys.kmsKey(rule.child("kms_master_key_id"), of: owner, into: &deployment)
            let acl = aclExposure(of: bucket)
            store.publicAccess = publicAccess(of: bucket, acl: acl)
            if store.publicAccess?.value.known == true { store.publicAccessNote = partialBlockNote(of: bucket, acl: acl) }
            if !logDestinations.contains(bucket.address) { store.accessLogging = accessLogging(of: bucket) }
            if albLogDestinations.contains(bucket.address) { store.sseS3OnlyWriter = "Application Load Balancer access logs" }
            store.versioning = versioning(of: bucket)
            store.transitEncryption = secureTransport(of: bucket)
            deployment.capabilities.append(CapabilityRequest(.objectStorage, at: bucket.origin, component: bucket.address))
            deployment.dataStores.append(store)
        }
    }

    /// The rule's `sse_algorithm`; empty when the block is there without one: S3 requires it
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html, "SSEAlgorithm …
    /// Required: Yes"), so such a configuration cannot be applied and the bucket is not encrypted as declared.
    static func algorithm(of rule: TerraformAttribute) -> Located<Fact<String>>? {
        let algorithm = rule.child("sse_algorithm")
        if let value = algorithm.string() { return value }
        guard rule.node?.isMapping == true, !rule.isUnknown, !algorithm.isUnknown else { return nil }
        return Located(.known(""), at: rule.origin)
    }

    /// Whether the bucket is reachable from the internet: not when a full public access block covers it; yes with a
    /// public ACL (`acl`, `TerraformBucketACL`) or a partial block; not known when the ACL or a block setting is not;
    /// not stated otherwise (new buckets block public access by default).
    private func publicAccess(of bucket: TerraformResource, acl: Located<Fact<Bool>>?) -> Located<Fact<Bool>>? {
        if let block = publicAccessBlock(of: bucket) {
            let flags = Self.blockFlags.map { block[$0] }
            if flags.allSatisfy({ $0.bool()?.value.known == true }) { return Located(.known(false), at: block.origin) }
            if let off = flags.first(where: { $0.bool()?.value.known != true && !$0.isUnknown }) {
                return Located(.known(true), at: off.origin)
            }
        }
        if acl?.value.known == true { return acl }
        if let block = publicAccessBlock(of: bucket),
           let unknown = Self.blockFlags.map({ block[$0] }).first(where: \.isUnknown) {
            return Located(.unknown(reason: unknown.unknownReason), at: unknown.origin)
        }
        return acl
    }

    /// Which settings a public access block leaves off, when the block (not a public ACL) is what makes the bucket
    /// public: `nil` when a public ACL opens it.
    private func partialBlockNote(of bucket: TerraformResource, acl: Located<Fact<Bool>>?) -> String? {
        let block = publicAccessBlock(of: bucket)
        let off = block.map { block in Self.blockFlags.filter { block[$0].bool()?.value.known != true && !block[$0].isUnknown } } ?? []
        // A public ACL S3 does not ignore already opens the bucket: the plain message says so.
        if acl?.value.known == true, block == nil || off.contains("ignore_public_acls") {
            return nil
        }
        guard let block, !off.isEmpty else { return nil }
        return PublicAccessBlock.note(off: off, block: block.address)
    }

    /// The bucket's public access block. Each of several replaces the bucket's one block when applied, in an order
    /// the plan does not fix (round 24: a full block written first hid a partial one after it): the first that
    /// leaves a setting off, else the first with one unknown, else the first.
    private func publicAccessBlock(of bucket: TerraformResource) -> TerraformResource? {
        let blocks = allCompanions(Self.publicAccessBlockType, of: bucket)
        guard blocks.count > 1 else { return blocks.first }
        let flags = { (block: TerraformResource) in Self.blockFlags.map { block[$0] } }
        return blocks.first { flags($0).contains { $0.bool()?.value.known != true && !$0.isUnknown } }
            ?? blocks.first { flags($0).contains(where: \.isUnknown) } ?? blocks.first
    }

    /// The bucket's encryption configuration resource. Each of several replaces the bucket's default encryption when
    /// applied, in an order the plan does not fix: the first that names no KMS key (SSE-S3, or AWS's managed key),
    /// else the first whose key or algorithm is unknown, else the first.
    private func encryptionConfiguration(of bucket: TerraformResource) -> TerraformResource? {
        let configurations = allCompanions(Self.encryptionType, of: bucket)
        guard configurations.count > 1 else { return configurations.first }
        let rule = { (configuration: TerraformResource) in
            configuration.attributes.child("rule").child(0).child("apply_server_side_encryption_by_default").child(0)
        }
        return configurations.first { configuration in
            let key = rule(configuration).child("kms_master_key_id")
            return !key.isUnknown && key.knownString?.isEmpty != false && !rule(configuration).child("sse_algorithm").isUnknown
        } ?? configurations.first { rule($0).child("kms_master_key_id").isUnknown || rule($0).child("sse_algorithm").isUnknown }
            ?? configurations.first
    }

    /// Whether the bucket's ACL opens it (`TerraformBucketACL`): of several ACL resources (each replaces the ACL when
    /// applied, in an order the plan does not fix), the first public one, else the first that cannot be known;
    /// without one, the bucket's own `acl` and `grant`.
    private func aclExposure(of bucket: TerraformResource) -> Located<Fact<Bool>>? {
        let acls = allCompanions(Self.aclType, of: bucket)
        guard !acls.isEmpty else { return TerraformBucketACL.exposure(ofBucket: bucket) }
        let each = acls.compactMap(TerraformBucketACL.exposure(ofACL:))
        return each.first { $0.value.known == true } ?? each.first
    }

    /// The resource of a type that configures the bucket: by the configuration's reference to it, else by the
    /// bucket name.
    func companion(_ type: String, of bucket: TerraformResource) -> TerraformResource? {
        companions[type]?.companion(of: bucket, name: { bucket["bucket"].knownString })
    }

    /// Every resource of `type` that configures the bucket (`TerraformCompanionIndex.all(of:name:)`).
    func allCompanions(_ type: String, of bucket: TerraformResource) -> [TerraformResource] {
        companions[type]?.all(of: bucket, name: { bucket["bucket"].knownString }) ?? []
    }
}

extension TerraformBucketReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, keys: reading.keys) }
}
