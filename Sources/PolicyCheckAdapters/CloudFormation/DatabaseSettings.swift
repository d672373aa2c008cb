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
        if let engine = properties.child("Engine").knownText, DatabaseTransport.isOracle(engine) {
            store.storageType = Located(DataStore.oracleStorageType, at: context.modelOrigin)
        }
        store.logExports = logExports(properties, engine: properties.child("Engine").knownText)
        store.backupRetentionDays = properties.child("BackupRetentionPeriod")
            .days(absent: 1, absentNote: "BackupRetentionPeriod is not set, and RDS then keeps 1 day")
    }

    /// Whether `EnableCloudwatchLogsExports` holds one of the engine's own logs (`DatabaseLogTypes`): RDS's, and
    /// DocumentDB's and Neptune's clusters'.
    static func logExports(_ properties: PropertyValue, engine: String?) -> StoreSetting<Bool> {
        let exports = properties.child("EnableCloudwatchLogsExports")
        let engineLogs = DatabaseLogTypes.engineLogs(of: engine)
        // An item a condition chooses is judged at its worst: a log type that is not the engine's own.
        let items = exports.items().compactMap { $0.string(worst: { engineLogs.contains($0) ? 0 : 1 })?.value }
        return DatabaseLogTypes.setting(
            engine: engine, exports: items, at: exports.origin,
            empty: StoreSetting(.known(false), at: exports.origin, note: "EnableCloudwatchLogsExports is empty or not set"))
    }

    /// The oldest TLS version a DocumentDB cluster accepts, where an `AWS::DocDB::DBClusterParameterGroup` of the
    /// template (by `!Ref`, or by its `Name`) states `tls` (`DatabaseTransport.documentDBMinimumTLS`), at its worst over
    /// the groups and values the template allows; `nil` otherwise. The default group's `tls` is not judged for it:
    /// it requires TLS, and AWS does not let it be changed (docs/policies.md, MMC-ENC-003).
    static func documentDBMinimumTLS(_ properties: PropertyValue, context: ResourceContext) -> StoreSetting<Bool>? {
        let groupValue = properties.child("DBClusterParameterGroupName")
        var settings: [StoreSetting<Bool>] = []
        for alternative in groupValue.alternatives {
            var id: String?
            switch alternative {
            case .resource(let logicalID, _, _): id = logicalID
            case .string(let name): id = context.template.parameterGroup(named: name, type: "AWS::DocDB::DBClusterParameterGroup")
            default: break
            }
            guard let id, let group = context.template.resource(id) else { continue }
            let value = ResourceContext(resource: group, template: context.template, resolver: context.resolver)
                .properties.child("Parameters", "tls")
            for text in value.alternatives.compactMap(\.scalarText) {
                if let setting = DatabaseTransport.documentDBMinimumTLS(text, group: id, at: value.origin) { settings.append(setting) }
            }
        }
        return StoreSetting.worst(settings)
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

    /// The setting `group` gives (`nil`: the default parameter group), at its worst over the engines and versions
    /// the database may have (`Engine: !Ref Engine` with allowed values `postgres` and `mysql`, an `EngineVersion`
    /// parameter allowing `13.16` and `16.4`); `nil` when no engine it may have has a TLS rule. An engine known only
    /// at deployment cannot be verified: it may be one whose default accepts plaintext.
    private static func judge(_ properties: PropertyValue, group: TemplateResource?, context: ResourceContext,
                              groupValue: PropertyValue, defaultEngine: String?) -> StoreSetting<Bool>? {
        let groupProperties = group.map {
            ResourceContext(resource: $0, template: context.template, resolver: context.resolver).properties
        }
        let family = groupProperties?.child("Family").knownText
        let versionValue = properties.child("EngineVersion")
        var versions: [DatabaseTransport.Version] = []
        for alternative in versionValue.possibleValues {
            let version: DatabaseTransport.Version = alternative.scalarText.map { .stated($0) }
                ?? family.map { .stated($0) } ?? (alternative.isAbsent ? .awsDefault : .unknown)
            if !versions.contains(version) { versions.append(version) }
        }
        let engineValue = properties.child("Engine")
        var settings: [StoreSetting<Bool>] = []
        var engines: [String] = []
        for alternative in engineValue.possibleValues {
            if let engine = alternative.scalarText ?? (alternative.isAbsent ? family.map(DatabaseTransport.engine(ofFamily:)) ?? defaultEngine : nil) {
                if !engines.contains(engine) { engines.append(engine) }
            } else if !alternative.isAbsent {
                settings.append(StoreSetting(.unknown(reason: "the engine is not known, and whether the database requires TLS depends on it: "
                                                      + alternative.unknownReason(expected: "an engine")), at: engineValue.origin))
            }
        }
        let several = engines.count > 1 || versions.count > 1
        // Every Oracle engine takes its TLS from the same option group: judged once.
        if engines.contains(where: DatabaseTransport.isOracle) {
            settings.append(oracle(properties.child("OptionGroupName"), context: context))
        }
        for engine in engines where !DatabaseTransport.isOracle(engine) {
            for version in versions {
                guard let rules = DatabaseTransport(engine: engine, version: version) else { continue }
                var setting = judge(rules, group: group, groupProperties: groupProperties, groupValue: groupValue)
                // One of several values a parameter's allowed values or a condition give: said, as the message
                // would otherwise read as if the template set it.
                if several, setting.value == .known(false) {
                    var which = engines.count > 1 ? ["Engine '\(Excerpt.quote(engine))'"] : []
                    if versions.count > 1, case .stated(let text) = version { which.append("EngineVersion '\(Excerpt.quote(text))'") }
                    let clause = "with \(which.joined(separator: " and ")), one of the values the template's parameters or conditions allow, the worst judged"
                    setting.note = setting.note.map { "\($0); \(clause)" } ?? clause
                }
                settings.append(setting)
            }
        }
        return StoreSetting.worst(settings)
    }

    /// An Oracle database's TLS from its `OptionGroupName`, at its worst over its values (`DatabaseTransport.oracle`):
    /// an `AWS::RDS::OptionGroup` of the template, by `Ref` or by its `OptionGroupName`, is read.
    private static func oracle(_ option: PropertyValue, context: ResourceContext) -> StoreSetting<Bool> {
        let settings = option.possibleValues.map { value -> StoreSetting<Bool> in
            if value.isAbsent { return DatabaseTransport.oracle(optionGroup: nil, at: option.origin) }
            var id: String?
            if case .resource(let logicalID, "AWS::RDS::OptionGroup", _) = value { id = logicalID }
            if let name = value.scalarText { id = context.template.parameterGroup(named: name, type: "AWS::RDS::OptionGroup") }
            if let id, let group = context.template.resource(id) {
                let properties = ResourceContext(resource: group, template: context.template, resolver: context.resolver).properties
                return DatabaseTransport.oracle(options: oracleOptions(properties), group: id, at: properties.origin)
            }
            guard let name = value.scalarText else {
                return StoreSetting(.unknown(reason: value.unknownReason(expected: "an option group name")), at: option.origin)
            }
            return DatabaseTransport.oracle(optionGroup: name, at: option.origin)
        }
        return StoreSetting.worst(settings)!
    }

    /// An `AWS::RDS::OptionGroup`'s `OptionConfigurations`, with their `SQLNET.ENCRYPTION_SERVER` setting.
    private static func oracleOptions(_ properties: PropertyValue) -> [DatabaseTransport.OracleOption] {
        properties.child("OptionConfigurations").items().map { option in
            let name = option.child("OptionName")
            guard let text = name.knownText else {
                return .init(unknown: name.possibleValues.first?.unknownReason(expected: "an option name") ?? "the option's name is not known")
            }
            var result = DatabaseTransport.OracleOption(name: text)
            for setting in option.child("OptionSettings").items() where setting.child("Name").knownText?.uppercased() == "SQLNET.ENCRYPTION_SERVER" {
                let value = setting.child("Value").string(worst: { $0.uppercased() == "REQUIRED" ? 0 : 1 })
                switch value?.value {
                case .known(let text)?: result.encryptionServer = text
                case .unknown(let reason)?: result.unknown = reason
                case nil: break
                }
            }
            return result
        }
    }

    /// The setting `group` gives an engine at a version, by its rules.
    private static func judge(_ rules: DatabaseTransport, group: TemplateResource?, groupProperties: PropertyValue?,
                              groupValue: PropertyValue) -> StoreSetting<Bool> {
        if let group, let groupProperties {
            let value = [rules.parameter, rules.parameter.uppercased()].lazy
                .map { groupProperties.child("Parameters", $0) }.first { !$0.isAbsent }
                ?? groupProperties.child("Parameters", rules.parameter)
            if !value.isAbsent {
                // Judged at its worst over the alternatives (`!If [IsProd, '1', '0']`): one that turns TLS off
                // decides; an unknown one leaves it unknown; an absent one is the engine's default.
                var unknown: TemplateValue?
                var absent = false
                for alternative in value.alternatives {
                    if alternative.isAbsent { absent = true; continue }
                    guard let text = alternative.scalarText else { unknown = unknown ?? alternative; continue }
                    if !rules.refusesClearText(text) {
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
