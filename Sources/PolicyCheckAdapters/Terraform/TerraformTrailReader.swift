import PolicyCheckModel

/// Reads `aws_cloudtrail`: an audit trail (recording, every region, log file validation) and its log files as a
/// `logs` store, encrypted by S3 unless `kms_key_id` names a KMS key
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html).
struct TerraformTrailReader {
    let input: any TerraformResourceGraph
    let keys: TerraformKeyReference

    func read(into deployment: inout Deployment) {
        for resource in input.resources(ofType: ["aws_cloudtrail"]) {
            var trail = AuditTrail(component: resource.address, origin: resource.rawOrigin)
            trail.logging = resource["enable_logging"].bool()
            trail.multiRegion = flag(resource["is_multi_region_trail"])
            trail.logFileValidation = flag(resource["enable_log_file_validation"])
            deployment.auditTrails.append(trail)
            let key = resource["kms_key_id"]
            var logs = DataStore(kind: .logs, component: resource.address, origin: resource.rawOrigin,
                                 encryption: Encryption(origin: key.fieldOrigin))
            logs.rawNode = resource.valuesNode
            // CloudTrail log files are always encrypted: with SSE-S3 unless a KMS key is named.
            logs.encryption.atRest = Located(.known(true), at: key.fieldOrigin)
            logs.encryption.kmsKey = keys.kmsKey(key, of: resource, into: &deployment)
            deployment.dataStores.append(logs)
        }
    }

    /// A flag whose AWS default is false: `false` where the plan leaves it to AWS.
    private func flag(_ attribute: TerraformAttribute) -> Located<Fact<Bool>> {
        attribute.bool() ?? Located(.known(false), at: attribute.fieldOrigin)
    }
}

extension TerraformTrailReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, keys: reading.keys) }
}
