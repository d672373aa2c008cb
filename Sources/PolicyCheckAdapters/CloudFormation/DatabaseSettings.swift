import PolicyCheckModel
import PolicyCheckSyntax

/// What an RDS instance or cluster says beyond encryption at rest: whether its parameter group requires TLS, whether
/// it exports logs to CloudWatch Logs, and how long automated backups are kept (1 day when not stated).
enum DatabaseSettings {
    static func read(_ properties: PropertyValue, context: ResourceContext, into store: inout DataStore) {
        let isCluster = context.resource.type == "AWS::RDS::DBCluster"
        if !isCluster, !properties.child("SourceDBInstanceIdentifier").isAbsent { return }  // a read replica
        store.transitEncryption = transport(properties, context: context,
                                            groupProperty: isCluster ? "DBClusterParameterGroupName" : "DBParameterGroupName")
        let exports = properties.child("EnableCloudwatchLogsExports")
        store.logExports = exports.items().isEmpty
            ? StoreSetting(.known(false), at: exports.origin, note: "EnableCloudwatchLogsExports is empty or not set")
            : StoreSetting(.known(true), at: exports.origin)
        store.backupRetentionDays = properties.child("BackupRetentionPeriod")
            .days(absent: 1, absentNote: "BackupRetentionPeriod is not set, and RDS then keeps 1 day")
    }

    /// The TLS parameter the group sets, else the engine's default.
    private static func transport(_ properties: PropertyValue, context: ResourceContext,
                                  groupProperty: String) -> StoreSetting<Bool>? {
        let groupValue = properties.child(groupProperty)
        var group: TemplateResource?
        for alternative in groupValue.alternatives {
            switch alternative {
            case .resource(let id, _, _):
                group = context.template.resource(id)
            case .absent:
                continue
            case .string(let name) where name.lowercased().hasPrefix("default."):
                continue
            case .string(let name):
                return StoreSetting(.unknown(reason: "the parameter group '\(Excerpt.quote(name))' is not in the template"),
                                    at: groupValue.origin)
            default:
                return StoreSetting(.unknown(reason: alternative.unknownReason(expected: "a parameter group")),
                                    at: groupValue.origin)
            }
        }
        let groupProperties = group.map {
            ResourceContext(resource: $0, template: context.template, resolver: context.resolver).properties
        }
        let family = groupProperties?.child("Family").knownText
        let versionValue = properties.child("EngineVersion")
        let version: DatabaseTransport.Version = (versionValue.knownText ?? family).map { .stated($0) }
            ?? (versionValue.isAbsent ? .awsDefault : .unknown)
        guard let engine = properties.child("Engine").knownText ?? family.map(DatabaseTransport.engine(ofFamily:)),
              let rules = DatabaseTransport(engine: engine, version: version)
        else { return nil }
        if let group, let groupProperties {
            let value = groupProperties.child("Parameters", rules.parameter)
            if !value.isAbsent {
                guard let text = value.knownText else {
                    return StoreSetting(.unknown(reason: value.alternatives.first?.unknownReason(expected: "a value") ?? "it is not known"),
                                        at: value.origin)
                }
                let on = DatabaseTransport.isOn(text)
                return StoreSetting(.known(on), at: value.origin,
                                    note: on ? nil : "\(rules.parameter) is '\(Excerpt.quote(text))' in \(group.logicalID)")
            }
            return rules.defaultSetting(at: groupProperties.origin, input: "template", note: "\(group.logicalID) does not set \(rules.parameter)")
        }
        return rules.defaultSetting(at: groupValue.origin, input: "template", note: "the default parameter group is used")
    }
}
