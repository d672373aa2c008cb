import PolicyCheckModel

/// Reads `aws_cloudwatch_log_group`: how long it keeps log events (`retention_in_days`; not set or 0: until deleted).
struct TerraformLogGroupReader {
    let input: any TerraformResourceGraph

    func read(into deployment: inout Deployment) {
        for group in input.resources(ofType: ["aws_cloudwatch_log_group"]) {
            let retention = group["retention_in_days"]
            let days: StoreSetting<Int>
            if let kept = retention.knownInt {
                days = StoreSetting(.known(kept), at: retention.origin)
            } else if retention.isUnknown, !retention.isProviderDefault {
                days = StoreSetting(.unknown(reason: retention.unknownReason), at: retention.origin)
            } else {
                days = StoreSetting(.known(0), at: retention.fieldOrigin)
            }
            deployment.logRetentions.append(LogRetention(component: group.address, days: days))
        }
    }
}

extension TerraformLogGroupReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
