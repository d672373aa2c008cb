import PolicyCheckModel

/// Reads `aws_backup_plan`: one backup policy per plan, kept as long as its shortest rule keeps recovery points
/// (`rule[].lifecycle[].delete_after`), and the region of every copy destination (`copy_action[].destination_vault_arn`).
struct TerraformBackupPlanReader {
    let input: any TerraformResourceGraph

    func read(into deployment: inout Deployment) {
        for backupPlan in input.resources(ofType: ["aws_backup_plan"]) {
            var policy = BackupPolicy(component: backupPlan.address, origin: backupPlan.origin)
            for rule in backupPlan["rule"].items {
                // Rules without a lifecycle keep recovery points for ever.
                let deleteAfter = rule.child("lifecycle").child(0).child("delete_after")
                if let days = deleteAfter.knownInt, days < policy.retentionDays?.value ?? Int.max {
                    policy.retentionDays = Located(days, at: deleteAfter.origin)
                }
                for copy in rule.child("copy_action").items {
                    let destination = copy.child("destination_vault_arn")
                    guard let (region, role) = copyRegion(destination, of: backupPlan) else { continue }
                    deployment.regions.append(RegionReference(region, at: destination.origin, component: backupPlan.address,
                                                              role: role, isReplica: true))
                }
            }
            deployment.backupPolicies.append(policy)
        }
    }

    /// The region of a copy destination: the one in the vault ARN, or — for a vault the plan creates, whose ARN is
    /// known only after apply — its provider's region.
    private func copyRegion(_ destination: TerraformAttribute, of backupPlan: TerraformResource) -> (String, String)? {
        if let text = destination.knownString {
            return AmazonResourceName(text)?.region.map { ($0, "backup copy region") }
        }
        guard let vault = input.referenced(by: destination, of: backupPlan, types: ["aws_backup_vault"]),
              let region = input.providers.region(of: vault) else { return nil }
        return (region.value, "backup copy region (the provider region of \(vault.address))")
    }
}

extension TerraformBackupPlanReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
