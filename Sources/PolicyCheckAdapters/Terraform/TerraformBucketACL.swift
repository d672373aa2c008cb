import PolicyCheckModel

/// Whether an S3 access control list opens a bucket to the public: "Amazon S3 considers a bucket or object ACL public
/// if it grants any permissions to members of the predefined AllUsers or AuthenticatedUsers groups"
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status).
/// An ACL says so with a canned ACL — `public-read` and `public-read-write` grant AllUsers, `authenticated-read`
/// grants AuthenticatedUsers (any AWS account), while `log-delivery-write` grants only the LogDelivery group
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl) — or with explicit grants
/// naming the group's URI, whatever the permission. CloudFormation's `BucketMapper.publicACLs` names the same three
/// canned ACLs (`AWS::S3::Bucket` has no explicit grants).
enum TerraformBucketACL {
    /// Canned ACLs that grant the AllUsers or AuthenticatedUsers group.
    static let publicCannedACLs: Set<String> = ["public-read", "public-read-write", "authenticated-read"]
    /// The grantee URIs of the AllUsers and AuthenticatedUsers groups.
    static let publicGroups: Set<String> = [
        "http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
    ]

    /// An `aws_s3_bucket_acl`'s canned `acl` and its `access_control_policy.grant.grantee` blocks.
    static func exposure(ofACL acl: TerraformResource) -> Located<Fact<Bool>>? {
        exposure(canned: acl["acl"], grantees: grantees(acl.attributes, ["access_control_policy", "grant", "grantee"][...]))
    }

    /// A bucket's own canned `acl` and inline `grant` blocks (provider v3 and earlier; deprecated since v4).
    static func exposure(ofBucket bucket: TerraformResource) -> Located<Fact<Bool>>? {
        exposure(canned: bucket["acl"], grantees: grantees(bucket.attributes, ["grant"][...]))
    }

    /// Known true at the public canned ACL or the first public grantee's `uri`; else unknown at the first value that
    /// cannot be known (the canned ACL, a grantee's `uri`, or a block of grants itself); `nil` when the ACL grants
    /// neither group.
    private static func exposure(canned: TerraformAttribute, grantees: [TerraformAttribute]) -> Located<Fact<Bool>>? {
        if let text = canned.knownString, publicCannedACLs.contains(text) { return Located(.known(true), at: canned.origin) }
        if let open = grantees.first(where: { $0.knownString.map(publicGroups.contains) == true }) {
            return Located(.known(true), at: open.origin)
        }
        if canned.isUnknown, !canned.isProviderDefault {
            return Located(.unknown(reason: canned.unknownReason), at: canned.origin)
        }
        if let unknown = grantees.first(where: \.isUnknown) {
            return Located(.unknown(reason: unknown.unknownReason), at: unknown.origin)
        }
        return nil
    }

    /// The `uri` of every grantee below the nested blocks `blocks`, or in its place a block not known until apply (a
    /// `dynamic` block over a value not known). Only the outermost block can be the provider's to fill (both
    /// `access_control_policy` and a bucket's `grant` are optional and computed: AWS's current grants when not
    /// set); below it, and for `uri` (never computed), a value not known is the author's.
    private static func grantees(_ attribute: TerraformAttribute, _ blocks: ArraySlice<String>,
                                 outermost: Bool = true) -> [TerraformAttribute] {
        guard let name = blocks.first else { return [attribute.child("uri")] }
        let block = attribute.child(name)
        if block.isUnknown { return outermost && block.isProviderDefault ? [] : [block] }
        return block.items.flatMap { grantees($0, blocks.dropFirst(), outermost: false) }
    }
}
