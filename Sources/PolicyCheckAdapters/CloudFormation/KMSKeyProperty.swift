import PolicyCheckModel

/// Reads a property that names a KMS key (`KmsKeyId`, `KMSMasterKeyID`, `KeyArn`, `EncryptionKeyArn`).
///
/// A `Ref` or `!GetAtt` to an `AWS::KMS::Key` of the template becomes the key's logical id, which the key mapper
/// declares, so the rules see a customer-managed key. An alias of the template stands for its target key; a
/// replica key for its primary (they share key material and key id). The worst alternative wins: an absent key
/// (AWS-managed) or an `alias/aws/*` key over an unknown one, an unknown one over a customer key.
enum KMSKeyProperty {
    /// `nil` when no alternative names a key: AWS manages the key.
    static func read(_ value: PropertyValue, context: ResourceContext,
                     into deployment: inout Deployment) -> Located<Fact<String>>? {
        let choices = value.alternatives.map { choice(for: $0, template: context.template, resolver: context.resolver, depth: 0) }
        if choices.contains(where: { if case .awsManaged(nil) = $0 { return true } else { return false } }) { return nil }
        for case .awsManaged(let text?) in choices { return Located(.known(text), at: value.origin) }
        for case .unknown(let reason) in choices { return Located(.unknown(reason: reason), at: value.origin) }
        for case .customer(let text) in choices {
            deployment.capabilities.append(CapabilityRequest(.encryptionKeys, at: value.origin, component: context.component))
            return Located(.known(text), at: value.origin)
        }
        return nil
    }

    enum Choice {
        /// No key (`nil`) or an `alias/aws/*` key.
        case awsManaged(String?)
        case unknown(String)
        case customer(String)
    }

    static func choice(for value: TemplateValue, template: Template, resolver: IntrinsicResolver, depth: Int) -> Choice {
        switch value {
        case .absent:
            return .awsManaged(nil)
        case .string(let text):
            return KeyReference.isAWSManaged(text) ? .awsManaged(text) : .customer(text)
        case .resource(let id, let type, _):
            return resourceChoice(id, type: type, template: template, resolver: resolver, depth: depth)
        case .unknown(_, let text?):
            if let alias = awsManagedAlias(inPartlyKnownARN: text) { return .awsManaged(alias) }
            return .unknown(value.unknownReason(expected: "a KMS key"))
        default:
            return .unknown(value.unknownReason(expected: "a KMS key"))
        }
    }

    /// The alias of an alias ARN whose partition, region or account is known only at deployment but whose alias is
    /// written out (`!Sub arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/rds`, as CDK writes
    /// it), when it is an `alias/aws/` alias: an AWS managed key's in every account and region
    /// (https://docs.aws.amazon.com/kms/latest/developerguide/alias-about.html#aws-managed-key-alias).
    static func awsManagedAlias(inPartlyKnownARN text: String) -> String? {
        guard text.hasPrefix("arn:"), let alias = text.range(of: ":alias/aws/", options: .backwards),
              !text[alias.lowerBound...].contains("}") else { return nil }
        let name = text[alias.upperBound...]
        guard !name.isEmpty, !name.contains("${") else { return nil }
        return "alias/aws/" + name
    }

    private static func resourceChoice(_ id: String, type: String, template: Template, resolver: IntrinsicResolver,
                                       depth: Int) -> Choice {
        guard depth < 8, let resource = template.resource(id) else {
            return .unknown("the key reference '\(id)' cannot be followed")
        }
        let properties = resource.properties.map { resolver.resolve($0.value) } ?? [.absent]
        func property(_ key: String) -> [TemplateValue] {
            properties.flatMap { value -> [TemplateValue] in
                guard case .mapping(let node) = value, let child = node[key] else { return [.absent] }
                return resolver.resolve(child)
            }
        }
        switch type {
        case "AWS::KMS::Key":
            return .customer(id)
        case "AWS::KMS::Alias":
            // An alias stands for its target key; a key outside the template is named by the alias.
            let targets = property("TargetKeyId").map { choice(for: $0, template: template, resolver: resolver, depth: depth + 1) }
            if targets.count == 1, case .customer(let key) = targets[0], template.resource(key) != nil { return .customer(key) }
            let names = property("AliasName").compactMap(\.scalarText)
            if names.count == 1 { return KeyReference.isAWSManaged(names[0]) ? .awsManaged(names[0]) : .customer(names[0]) }
            return .unknown("the name of alias '\(id)' is not known from the template")
        case "AWS::KMS::ReplicaKey":
            // A replica shares its primary's key material and key id.
            let primaries = property("PrimaryKeyArn")
            guard primaries.count == 1 else { return .unknown("the primary key of replica key '\(id)' is not known") }
            if case .string(let arn) = primaries[0], let parsed = AmazonResourceName(arn), parsed.resource.hasPrefix("key/") {
                return .customer(String(parsed.resource.dropFirst(4)))
            }
            let primary = choice(for: primaries[0], template: template, resolver: resolver, depth: depth + 1)
            if case .customer = primary { return primary }
            return .unknown("the primary key of replica key '\(id)' is not known from the template")
        default:
            return .unknown("it refers to resource '\(id)' (\(type)), which is not a KMS key")
        }
    }
}
