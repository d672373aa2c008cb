import PolicyCheckModel
import PolicyCheckSyntax

/// What an RDS instance or cluster says beyond encryption at rest: whether its parameter group requires TLS, whether
/// it exports logs to CloudWatch Logs, and how long automated backups are kept (1 day when not stated).
enum DatabaseSettings {
    static func read(_ properties: PropertyValue, context: ResourceContext, into store: inout DataStore) {
        let isCluster = context.resource.type == "AWS::RDS::DBCluster"
        if !isCluster, !properties.child("SourceDBInstanceIdentifier").isAbsent { return }  // a read replica
        store.transitEncryption = transport(properties, context: context,
                                            groupProperty: isCluster ? "DBClusterParameterGroupName" : "DBParameterGroupName",
                                            groupType: isCluster ? "AWS::RDS::DBClusterParameterGroup" : "AWS::RDS::DBParameterGroup")
        let exports = properties.child("EnableCloudwatchLogsExports")
        store.logExports = exports.items().isEmpty
            ? StoreSetting(.known(false), at: exports.origin, note: "EnableCloudwatchLogsExports is empty or not set")
            : StoreSetting(.known(true), at: exports.origin)
        store.backupRetentionDays = properties.child("BackupRetentionPeriod")
            .days(absent: 1, absentNote: "BackupRetentionPeriod is not set, and RDS then keeps 1 day")
    }

    /// The TLS parameter the group sets, else the engine's default; judged at its worst over the property's
    /// alternatives (`!If [HasGroup, !Ref Group, !Ref AWS::NoValue]` may leave the default group, which is what a
    /// template without the property gets).
    static func transport(_ properties: PropertyValue, context: ResourceContext, groupProperty: String,
                          groupType: String, defaultEngine: String? = nil) -> StoreSetting<Bool>? {
        let groupValue = properties.child(groupProperty)
        var groups: [TemplateResource] = []
        var usesDefaultGroup = false
        var unknown: StoreSetting<Bool>?
        for alternative in groupValue.alternatives {
            switch alternative {
            case .resource(let id, _, _):
                if let group = context.template.resource(id) { groups.append(group) } else { usesDefaultGroup = true }
            case .absent:
                usesDefaultGroup = true
            case .string(let name) where name.isEmpty || name.lowercased().hasPrefix("default."):
                // An empty name is no group: RDS uses the default one.
                usesDefaultGroup = true
            case .string(let name):
                // A group of the template named by its own name (`DBParameterGroupName`, a DocumentDB group's `Name`).
                if let id = context.template.parameterGroup(named: name, type: groupType), let group = context.template.resource(id) {
                    groups.append(group)
                    continue
                }
                unknown = unknown ?? StoreSetting(.unknown(reason: "the parameter group '\(Excerpt.quote(name))' is not in the template"),
                                                  at: groupValue.origin)
            default:
                unknown = unknown ?? StoreSetting(.unknown(reason: alternative.unknownReason(expected: "a parameter group")),
                                                  at: groupValue.origin)
            }
        }
        if groups.isEmpty && unknown == nil { usesDefaultGroup = true }
        var settings: [StoreSetting<Bool>] = []
        for group in groups {
            if let setting = judge(properties, group: group, context: context, groupValue: groupValue,
                                   defaultEngine: defaultEngine) { settings.append(setting) }
        }
        if usesDefaultGroup, let setting = judge(properties, group: nil, context: context, groupValue: groupValue,
                                                 defaultEngine: defaultEngine) {
            settings.append(setting)
        }
        if let unknown { settings.append(unknown) }
        // Off is worse than unknown, unknown worse than on.
        return StoreSetting.worst(settings)
    }

    /// The setting `group` gives (`nil`: the default parameter group); `nil` when the engine has no TLS rule.
    private static func judge(_ properties: PropertyValue, group: TemplateResource?, context: ResourceContext,
                              groupValue: PropertyValue, defaultEngine: String?) -> StoreSetting<Bool>? {
        let groupProperties = group.map {
            ResourceContext(resource: $0, template: context.template, resolver: context.resolver).properties
        }
        let family = groupProperties?.child("Family").knownText
        let versionValue = properties.child("EngineVersion")
        let version: DatabaseTransport.Version = (versionValue.knownText ?? family).map { .stated($0) }
            ?? (versionValue.isAbsent ? .awsDefault : .unknown)
        guard let engine = properties.child("Engine").knownText ?? family.map(DatabaseTransport.engine(ofFamily:))
                ?? defaultEngine,
              let rules = DatabaseTransport(engine: engine, version: version)
        else { return nil }
        if let group, let groupProperties {
            let value = groupProperties.child("Parameters", rules.parameter)
            if !value.isAbsent {
                // Judged at its worst over the alternatives (`!If [IsProd, '1', '0']`): one that turns TLS off
                // decides; an unknown one leaves it unknown; an absent one is the engine's default.
                var unknown: TemplateValue?
                var absent = false
                for alternative in value.alternatives {
                    if alternative.isAbsent { absent = true; continue }
                    guard let text = alternative.scalarText else { unknown = unknown ?? alternative; continue }
                    if !DatabaseTransport.isOn(text) {
                        return StoreSetting(.known(false), at: value.origin,
                                            note: "\(rules.parameter) is '\(Excerpt.quote(text))' in \(group.logicalID)")
                    }
                }
                if absent {
                    let fallback = rules.defaultSetting(at: groupProperties.origin, input: "template",
                                                        note: "\(group.logicalID) does not set \(rules.parameter) in every case")
                    if fallback.value == .known(false) { return fallback }
                }
                if let unknown {
                    return StoreSetting(.unknown(reason: unknown.unknownReason(expected: "a value")), at: value.origin)
                }
                if absent {
                    return rules.defaultSetting(at: groupProperties.origin, input: "template",
                                                note: "\(group.logicalID) does not set \(rules.parameter) in every case")
                }
                return StoreSetting(.known(true), at: value.origin)
            }
            return rules.defaultSetting(at: groupProperties.origin, input: "template", note: "\(group.logicalID) does not set \(rules.parameter)")
        }
        return rules.defaultSetting(at: groupValue.origin, input: "template", note: "the default parameter group is used")
    }
}
