/// The resources of one type that configure another resource (`aws_s3_bucket_acl` → its bucket), by the resource
/// they name, built once per plan: readers ask for each resource's companion, and a scan of every candidate per
/// resource made plans quadratic.
///
/// A companion names its target by the configuration's reference (`bucket = aws_s3_bucket.data.id`), else by a
/// known identifier (`bucket = "my-bucket"`); the reference wins, and of several companions the first in plan order.
/// A companion that refers to its target is not matched to others by name: S3 bucket names are unique
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), so two buckets declared with
/// one name cannot both exist, and the reference says which one the configuration is for.
struct TerraformCompanionIndex {
    private var byReference: [String: TerraformResource] = [:]
    private var byIdentifier: [String: TerraformResource] = [:]
    /// Every companion after the first, by the target it refers to or names (`all(of:)`).
    private var others: [String: [TerraformResource]] = [:]

    /// Indexes the resources of `type` by the resource of one of `targets` that their `attribute` refers to, and by
    /// the attribute's known value.
    init(input: any TerraformResourceGraph, type: String, attribute: String, targets: Set<String>) {
        for candidate in input.resources(ofType: [type]) {
            let value = candidate[attribute]
            if let target = input.referenced(by: value, of: candidate, types: targets) {
                if byReference[target.address] == nil { byReference[target.address] = candidate }
                else { others["@" + target.address, default: []].append(candidate) }
                // It configures the resource it refers to, not every other one that shares its name.
                continue
            }
            if let text = value.knownString {
                if byIdentifier[text] == nil { byIdentifier[text] = candidate } else { others[text, default: []].append(candidate) }
            }
        }
    }

    /// Every companion of `target`: those that refer to it, else those whose value is its identifier, in plan
    /// order. For a setting that each of them replaces when applied (a bucket's one policy), in an order the plan
    /// does not fix, so that every one is judged — judging the first alone let it hide the one applied last.
    func all(of target: TerraformResource, name: () -> String?) -> [TerraformResource] {
        if let linked = byReference[target.address] { return [linked] + (others["@" + target.address] ?? []) }
        guard !byIdentifier.isEmpty, let name = name(), let named = byIdentifier[name] else { return [] }
        return [named] + (others[name] ?? [])
    }

    /// The companion of `target`: the first that refers to it, else the first whose value is the target's
    /// identifier (asked for only when no companion refers to it).
    func companion(of target: TerraformResource, name: () -> String?) -> TerraformResource? {
        if let linked = byReference[target.address] { return linked }
        guard !byIdentifier.isEmpty, let name = name() else { return nil }
        return byIdentifier[name]
    }
}
