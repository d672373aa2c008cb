import PolicyCheckModel
import PolicyCheckSyntax

/// `AWS::OpenSearchServerless::Collection` becomes a database store, as Terraform's
/// `aws_opensearchserverless_collection` does: always encrypted at rest, public as the template's
/// `AWS::OpenSearchServerless::SecurityPolicy` network policies say, and encrypted with the key its encryption
/// policies choose (`ServerlessCollectionPolicies`, indexed once per template in `TemplateRelations`).
enum ServerlessCollectionMapper: ResourceMapper {
    static let types = ["AWS::OpenSearchServerless::Collection"]
    static let policyType = "AWS::OpenSearchServerless::SecurityPolicy"

    static func map(_ context: ResourceContext, into deployment: inout Deployment) {
        let name = context.properties.child("Name")
        // Collection names are lowercase (`^[a-z][a-z0-9-]{2,31}$`); one known only at deployment matches nothing
        // for certain.
        let known = name.knownText
        var store = ServerlessCollectionPolicies.store(component: context.component, origin: context.modelOrigin,
                                                       encryptionOrigin: context.modelOrigin)
        let policies = context.relations?.serverlessCollectionPolicies ?? ServerlessCollectionPolicies()
        policies.describe(&store, name: known, at: name.origin, keyDecided: false, into: &deployment)
        deployment.dataStores.append(store)
    }

    /// Adds one security policy's every alternative: its `Policy` is a JSON text (a mapping or list written in
    /// place is read as the same document).
    static func add(_ properties: PropertyValue, into policies: inout ServerlessCollectionPolicies) {
        let typeProperty = properties.child("Type")
        let name = properties.child("Name").knownText ?? properties.path
        let type = typeProperty.knownText.flatMap { ServerlessCollectionPolicies.PolicyType(rawValue: $0) }
        guard let type else {
            if typeProperty.knownText == nil {
                policies.addUnreadable(nil, reason: "the type of security policy '\(name)' cannot be known: \(typeProperty.possibleValues.first { $0.scalarText == nil }?.unknownReason(expected: "a policy type") ?? "it depends on a parameter or condition")",
                                       at: typeProperty.origin)
            }
            return
        }
        let policy = properties.child("Policy")
        for alternative in policy.possibleValues {
            switch alternative {
            case .string(let text):
                guard let document = try? JSONReader().read(Array(text.utf8)) else {
                    policies.addUnreadable(type, reason: "\(type.rawValue) policy '\(name)' is not JSON", at: policy.origin)
                    continue
                }
                policies.add(type, named: name, document: document, at: policy.origin)
            case .mapping(let node), .sequence(let node):
                policies.add(type, named: name, document: node, at: policy.origin)
            case .absent:
                continue
            default:
                policies.addUnreadable(type, reason: "\(type.rawValue) policy '\(name)' cannot be read: \(alternative.unknownReason(expected: "a JSON text"))",
                                       at: policy.origin)
            }
        }
    }
}
