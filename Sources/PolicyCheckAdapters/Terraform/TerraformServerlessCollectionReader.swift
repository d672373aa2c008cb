import PolicyCheckModel
import PolicyCheckSyntax

/// Reads Amazon OpenSearch Serverless: each `aws_opensearchserverless_collection` becomes a database store, public
/// as the input's `aws_opensearchserverless_security_policy` network policies say and encrypted with the key its
/// encryption policies choose (`ServerlessCollectionPolicies`, shared with CloudFormation's
/// `ServerlessCollectionMapper`). A collection is always encrypted at rest. A collection that already exists says
/// which key it has in `kms_key_arn` (`auto` for an AWS owned key), which decides it whatever the policies say now
/// ("If you modify policy rules to no longer match a collection, the associated KMS key won't be unassigned",
/// https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-encryption.html).
struct TerraformServerlessCollectionReader {
    let input: any TerraformResourceGraph
    let keys: TerraformKeyReference

    static let collectionType = "aws_opensearchserverless_collection"
    static let policyType = "aws_opensearchserverless_security_policy"

    func read(into deployment: inout Deployment) {
        let collections = input.resources(ofType: [Self.collectionType])
        guard !collections.isEmpty else { return }
        let policies = Self.policies(input.resources(ofType: [Self.policyType]))
        for collection in collections {
            let name = collection["name"]
            let known = name.knownString
            var store = ServerlessCollectionPolicies.store(component: collection.address, origin: collection.rawOrigin,
                                                           encryptionOrigin: collection.attributes.fieldOrigin)
            store.rawNode = collection.valuesNode
            store.replacedAt = collection.replacedAt
            let assigned = collection["kms_key_arn"]
            let arn = assigned.knownString ?? ""
            if !arn.isEmpty, arn.lowercased() != "auto" {
                store.encryption.kmsKey = keys.kmsKey(assigned, of: collection, into: &deployment)
            } else if !arn.isEmpty {
                store.encryption.keyNote = "the collection was created with an AWS owned key (kms_key_arn auto)"
            }
            policies.describe(&store, name: known, at: name.origin, keyDecided: !arn.isEmpty, into: &deployment)
            deployment.dataStores.append(store)
        }
    }

    /// The input's security policies, each read from its `policy` JSON text (known, or known in part).
    static func policies(_ resources: [TerraformResource]) -> ServerlessCollectionPolicies {
        var policies = ServerlessCollectionPolicies()
        for resource in resources {
            let name = resource["name"].knownString ?? resource.address
            let typeAttribute = resource["type"]
            let type = typeAttribute.knownString.flatMap { ServerlessCollectionPolicies.PolicyType(rawValue: $0) }
            let text = resource["policy"]
            if typeAttribute.knownString != nil, type == nil { continue }
            guard let type else {
                policies.addUnreadable(nil, reason: "the type of security policy '\(name)' cannot be known: \(typeAttribute.unknownReason)", at: typeAttribute.origin)
                continue
            }
            if let encoded = text.encodedDocument {
                policies.add(type, named: name, document: encoded.after, unknown: encoded.unknown, at: text.origin)
            } else if let known = text.knownString {
                guard let document = try? JSONReader().read(Array(known.utf8)) else {
                    policies.addUnreadable(type, reason: "\(type.rawValue) policy '\(name)' is not JSON", at: text.origin)
                    continue
                }
                policies.add(type, named: name, document: document, at: text.origin)
            } else if text.isUnknown {
                policies.addUnreadable(type, reason: "\(type.rawValue) policy '\(name)' is known only after apply: \(text.unknownReason)", at: text.origin)
            }
        }
        return policies
    }
}

extension TerraformServerlessCollectionReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, keys: reading.keys) }
}
