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
            trail.managementEvents = managementEvents(of: resource)
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

    /// What the trail's `event_selector` or `advanced_event_selector` blocks record of management events
    /// (`ManagementEventCoverage`; the provider's defaults: `include_management_events` true, `read_write_type`
    /// `All`); `nil` when it has neither, and so records them all.
    private func managementEvents(of resource: TerraformResource) -> StoreSetting<Bool>? {
        var settings: [StoreSetting<Bool>] = []
        for name in ["event_selector", "advanced_event_selector"] {
            let blocks = resource[name]
            if blocks.isUnknown {
                settings.append(StoreSetting(.unknown(reason: blocks.unknownReason), at: blocks.origin))
                continue
            }
            let items = blocks.items
            guard !items.isEmpty else { continue }
            var coverage = ManagementEventCoverage(spelling: .terraform)
            for item in items {
                if name == "event_selector" { readBasic(item, into: &coverage) } else { readAdvanced(item, into: &coverage) }
            }
            settings.append(coverage.setting(at: blocks.fieldOrigin))
        }
        return StoreSetting.worst(settings)
    }

    private func readBasic(_ selector: TerraformAttribute, into coverage: inout ManagementEventCoverage) {
        coverage.addBasic(includeManagementEvents: selector.child("include_management_events").bool()?.value ?? .known(true),
                          readWriteType: selector.child("read_write_type").string()?.value,
                          excludedSources: strings(selector.child("exclude_management_event_sources")))
    }

    private func readAdvanced(_ selector: TerraformAttribute, into coverage: inout ManagementEventCoverage) {
        coverage.addAdvanced(selector.child("field_selector").items.map { field in
            ManagementEventCoverage.FieldSelector(
                field: field.child("field").string()?.value ?? .known(""),
                operators: ManagementEventCoverage.operatorNames.compactMap { name in
                    let values = field.child(Self.snakeCase(name))
                    guard !values.isAbsent else { return nil }
                    return (name, strings(values))
                })
        })
    }

    /// The items of a list of strings; a list unknown as a whole is one unknown item.
    private func strings(_ list: TerraformAttribute) -> [Fact<String>] {
        if list.isUnknown { return [.unknown(reason: list.unknownReason)] }
        return list.items.compactMap { $0.string()?.value }
    }

    /// `NotStartsWith` → `not_starts_with`.
    private static func snakeCase(_ name: String) -> String {
        name.enumerated().map { index, character in
            character.isUppercase ? (index == 0 ? "" : "_") + character.lowercased() : String(character)
        }.joined()
    }

    /// A flag whose AWS default is false: `false` where the plan leaves it to AWS.
    private func flag(_ attribute: TerraformAttribute) -> Located<Fact<Bool>> {
        attribute.bool() ?? Located(.known(false), at: attribute.fieldOrigin)
    }
}

extension TerraformTrailReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, keys: reading.keys) }
}
