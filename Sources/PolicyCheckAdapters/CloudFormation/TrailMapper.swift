import PolicyCheckModel

/// `AWS::CloudTrail::Trail` becomes an audit trail (`IsLogging`, `IsMultiRegionTrail` and `EnableLogFileValidation`,
/// the last two false by default) and a `logs` store for its log files, encrypted by S3 unless `KMSKeyId` names a
/// key (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html).
enum TrailMapper: ResourceMapper {
    static let types = ["AWS::CloudTrail::Trail"]

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let properties = context.properties
        var trail = AuditTrail(component: context.component, origin: context.modelOrigin)
        trail.logging = properties.child("IsLogging").bool(worse: false)
        trail.multiRegion = properties.child("IsMultiRegionTrail").bool(worse: false, absentMeans: false)
        trail.logFileValidation = properties.child("EnableLogFileValidation").bool(worse: false, absentMeans: false)
        deployment.auditTrails.append(trail)
        let key = properties.child("KMSKeyId")
        let logs = SwitchedStore.alwaysEncrypted(context, kind: .logs, key: key, into: &deployment)
        deployment.dataStores.append(logs)
    }
}
