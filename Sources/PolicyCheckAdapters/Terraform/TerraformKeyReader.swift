import PolicyCheckModel
import PolicyCheckSyntax

/// Reads customer KMS keys (`aws_kms_key`, `aws_kms_external_key`) into `deployment.keys`, each with its Terraform
/// address as id so data stores that refer to it resolve to it. Aliases and replica keys lead to their key.
struct TerraformKeyReader {
    /// Resource types that declare a customer key.
    static let keyTypes: Set<String> = ["aws_kms_key", "aws_kms_external_key"]
    /// Resource types that replicate a customer key to another region.
    static let replicaTypes: Set<String> = ["aws_kms_replica_key", "aws_kms_replica_external_key"]
    /// Resource types a key reference passes through, and the attribute that names the key.
    static let passThrough = [
        "aws_kms_alias": "target_key_id", "aws_kms_replica_key": "primary_key_arn",
        "aws_kms_replica_external_key": "primary_key_arn",
    ]

    /// The resource that sets a key's policy apart from the key: a key has one key policy, and `PutKeyPolicy`
    /// replaces it (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html,
    /// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key_policy). Not read before
    /// round 24: `kms:*` to principal `"*"` attached so passed.
    static let policyType = "aws_kms_key_policy"

    let input: any TerraformResourceGraph

    func read(into deployment: inout Deployment) {
        // The attached policies of each key, by the key their `key_id` refers to (a key's id is computed by AWS, so
        // none is matched by name).
        var attached: [String: [TerraformAttribute]] = [:]
        for attachment in input.resources(ofType: [Self.policyType]) {
            if let key = input.referenced(by: attachment["key_id"], of: attachment, types: Self.keyTypes) {
                attached[key.address, default: []].append(attachment["policy"])
            }
        }
        for resource in input.resources(ofType: Self.keyTypes) {
            var key = declaration(resource)
            key.policy = policy(of: attached[resource.address] ?? [resource["policy"]])
            deployment.keys.append(key)
        }
        let replicas = input.resources(ofType: Self.replicaTypes)
        guard !replicas.isEmpty else { return }
        // The declared keys by ARN and by id (the first of each wins), so each replica finds its primary by lookup.
        var byARN: [String: Int] = [:]
        var byId: [String: Int] = [:]
        for (index, key) in deployment.keys.enumerated() {
            if let arn = key.arn?.value.known, byARN[arn] == nil { byARN[arn] = index }
            if let id = key.id?.value, byId[id] == nil { byId[id] = index }
        }
        for replica in replicas {
            readReplica(replica, byARN: byARN, byId: byId, into: &deployment)
        }
    }

    /// A replica key lives in its provider's region (or the one in its ARN, when known): a copy of the primary key
    /// there, recorded on the primary key when the plan declares it and as a replica region of the replica itself.
    private func readReplica(_ replica: TerraformResource, byARN: [String: Int], byId: [String: Int],
                             into deployment: inout Deployment) {
        let arn = replica["arn"]
        let region: Located<String>
        let role: String
        if let text = arn.knownString, let inARN = AmazonResourceName(text)?.region {
            (region, role) = (Located(inARN, at: arn.origin), "KMS replica key region")
        } else if let provider = input.providers.region(of: replica) {
            (region, role) = (Located(provider.value, at: arn.origin), "KMS replica key region (its provider's region)")
        } else {
            return
        }
        deployment.regions.append(RegionReference(region.value, at: region.origin, component: replica.address, role: role,
                                                  isReplica: true))
        let primary = replica["primary_key_arn"]
        let target = input.referenced(by: primary, of: replica, types: Self.keyTypes)?.address
            ?? primary.knownString.flatMap { byARN[$0] }.flatMap { deployment.keys[$0].id?.value }
        if let target, let index = byId[target] {
            deployment.keys[index].replicaRegions.append(region)
        }
    }

    /// The key's policy: its own, or the one attached to it. Two attachments of one key both apply, in an order
    /// the configuration does not fix, so either may be the one left: their statements are judged together.
    private func policy(of attributes: [TerraformAttribute]) -> KeyPolicy? {
        let policies = attributes.compactMap(Self.policy)
        guard var combined = policies.first else { return nil }
        for other in policies.dropFirst() {
            combined.statements += other.statements
            combined.unknownReason = combined.unknownReason ?? other.unknownReason
        }
        return combined
    }

    private static func policy(_ policy: TerraformAttribute) -> KeyPolicy? {
        if let text = policy.knownString {
            return TerraformKeyPolicyReader.policy(text, at: policy.origin)
        }
        guard case .unknown(let reason)? = policy.string()?.value else { return nil }
        // What the known parts of a policy written from source already decide is judged (the statements beside one
        // naming the account's root); the rest of it cannot be verified.
        let decided = policy.encodedDocument.map {
            TerraformKeyPolicyReader.decidedStatements(encoded: $0, at: policy.origin)
        } ?? []
        var read = KeyPolicy(origin: policy.origin, statements: decided)
        read.unknownReason = reason
        return read
    }

    private func declaration(_ resource: TerraformResource) -> KeyDeclaration {
        var key = KeyDeclaration(component: resource.address, origin: resource.rawOrigin)
        key.rawNode = resource.valuesNode
        key.id = Located(resource.address, at: resource.origin)
        key.arn = resource["arn"].string()
        // `aws_kms_external_key` holds imported (EXTERNAL) material. (A suffix test: Foundation's substring search
        // cost more than the rest of reading the key.)
        let isExternal = resource.type.hasSuffix("_external_key")
        if isExternal {
            key.keyOrigin = Located("EXTERNAL", at: resource.attributes.origin)
        }
        key.keySpec = known(resource["customer_master_key_spec"]) ?? known(resource["key_spec"])
        let rotationFlag = resource["enable_key_rotation"]
        if !isExternal {
            var rotation = KeyRotation(origin: rotationFlag.origin)
            switch rotationFlag.bool()?.value {
            case .known(let value)?: rotation.mode = Located(value ? "automatic" : "disabled", at: rotationFlag.origin)
            case .unknown(let reason)?: rotation.unknownReason = reason
            case nil: break
            }
            if let days = resource["rotation_period_in_days"].knownInt {
                rotation.periodDays = Located(days, at: resource["rotation_period_in_days"].origin)
            }
            key.rotation = rotation
        }
        let window = resource["deletion_window_in_days"]
        if let days = window.knownInt { key.deletionWindowDays = Located(days, at: window.origin) }
        if let multiRegion = resource["multi_region"].bool(), let value = multiRegion.value.known {
            key.multiRegion = Located(value, at: multiRegion.origin)
        }
        if let validTo = resource["valid_to"].knownString, let time = Timestamp(iso8601: validTo) {
            var material = KeyMaterialDeclaration(origin: resource["valid_to"].origin)
            material.current = Located(true, at: resource["valid_to"].origin)
            material.validTo = Located(time, at: resource["valid_to"].origin)
            material.expirationModel = known(resource["expiration_model"])
            key.materials = [material]
        }
        return key
    }

    private func known(_ attribute: TerraformAttribute) -> Located<String>? {
        attribute.knownString.map { Located($0, at: attribute.origin) }
    }
}

/// Reads a key policy written as a JSON string into `KeyPolicy` statements. Offsets inside the string do not map
/// to the file, so every statement is located at the policy attribute, its path naming the statement.
enum TerraformKeyPolicyReader {
    static func policy(_ text: String, at origin: Origin) -> KeyPolicy? {
        guard let document = try? JSONReader().read(Array(text.utf8)) else { return nil }
        return policy(document: document, at: origin)
    }

    /// The policy a parsed document states (a text's, or the known parts of one known only after apply).
    static func policy(document: SourceNode, at origin: Origin) -> KeyPolicy {
        let statementNode = document["Statement"]
        let statements = statementNode?.items ?? (statementNode?.entries != nil ? [statementNode!] : [])
        return KeyPolicy(origin: origin, statements: statements.enumerated().compactMap { index, node in
            guard node.entries != nil else { return nil }
            var statement = KeyPolicyStatement(
                effect: node["Effect"]?.string ?? "",
                principals: principals(node["Principal"]),
                actions: strings(node["Action"]),
                conditions: conditions(node["Condition"]),
                sid: node["Sid"]?.string,
                origin: Origin(offset: origin.packedOffset, path: "\(origin.path).Statement[\(index)]")
            )
            // A statement of `NotResource` covers every resource but the ones it names: not every object.
            statement.resources = node["NotResource"] != nil ? [] : resources(node["Resource"])
            return statement
        })
    }

    /// `Resource` as a list; an item that is not a string (a value known only after apply, left `null` in what an
    /// unknown text encodes) as `(unknown)`; `nil` when absent.
    private static func resources(_ node: SourceNode?) -> [String]? {
        guard let node, !node.isNull else { return nil }
        if let text = node.string { return [text] }
        return node.items.map { $0.map { $0.string ?? "(unknown)" } } ?? ["(unknown)"]
    }

    /// `{"StringEquals": {"kms:CallerAccount": "111122223333"}}` as one condition per operator and key.
    private static func conditions(_ node: SourceNode?) -> [KeyPolicyCondition] {
        (node?.entries ?? []).flatMap { operation in
            (operation.value.entries ?? []).map {
                KeyPolicyCondition(operatorName: operation.key, key: $0.key, values: strings($0.value))
            }
        }
    }

    /// `"*"`, `{"AWS": "*"}` and `{"AWS": ["arn…"], "Service": "…"}` as a flat list.
    private static func principals(_ node: SourceNode?) -> [String] {
        guard let node else { return [] }
        if let entries = node.entries { return entries.flatMap { strings($0.value) } }
        return strings(node)
    }

    private static func strings(_ node: SourceNode?) -> [String] {
        guard let node else { return [] }
        if let text = node.string { return [text] }
        return node.items?.compactMap(\.string) ?? []
    }
}

extension TerraformKeyReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
