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
        trail.managementEvents = managementEvents(properties)
        deployment.auditTrails.append(trail)
        let key = properties.child("KMSKeyId")
        let logs = SwitchedStore.alwaysEncrypted(context, kind: .logs, key: key, into: &deployment)
        deployment.dataStores.append(logs)
    }

    /// What the trail's event selectors record of management events, judged at the worst of the values their
    /// conditions allow (`ManagementEventCoverage`); `nil` when the trail has none, and so records them all.
    private static func managementEvents(_ properties: PropertyValue) -> StoreSetting<Bool>? {
        StoreSetting.worst(
            coverage(of: properties.child("EventSelectors"), adding: addBasic)
                + coverage(of: properties.child("AdvancedEventSelectors"), adding: addAdvanced))
    }

    /// One setting per alternative value of a selector list that has selectors, each selector added by `add`.
    private static func coverage(of list: PropertyValue,
                                 adding add: (PropertyValue, inout ManagementEventCoverage) -> Void) -> [StoreSetting<Bool>?] {
        list.eachAlternative.compactMap { alternative in
            guard !alternative.isAbsent else { return nil }
            let selectors = alternative.items()
            guard !selectors.isEmpty else { return nil }
            var coverage = ManagementEventCoverage(spelling: .cloudFormation)
            for selector in selectors { add(selector, &coverage) }
            return coverage.setting(at: alternative.origin)
        }
    }

    private static func addBasic(_ selector: PropertyValue, to coverage: inout ManagementEventCoverage) {
        coverage.addBasic(
            includeManagementEvents: selector.child("IncludeManagementEvents").bool(worse: false, absentMeans: true)?.value ?? .known(true),
            readWriteType: selector.child("ReadWriteType").string(worst: { $0 == "All" ? 0 : 1 })?.value,
            excludedSources: selector.child("ExcludeManagementEventSources").items().compactMap { $0.string()?.value })
    }

    private static func addAdvanced(_ selector: PropertyValue, to coverage: inout ManagementEventCoverage) {
        coverage.addAdvanced(selector.child("FieldSelectors").items().map { field in
            ManagementEventCoverage.FieldSelector(
                field: field.child("Field").string()?.value ?? .known(""),
                operators: ManagementEventCoverage.operatorNames.compactMap { name in
                    let values = field.child(name)
                    guard !values.isAbsent else { return nil }
                    return (name, values.items().compactMap { $0.string()?.value })
                })
        })
    }
}
