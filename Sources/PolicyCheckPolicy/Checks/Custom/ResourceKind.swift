import PolicyCheckModel

/// The kinds of normalised resource custom rules select, each with the attributes rules may address.
///
/// `docs/policy-language.md` documents every kind and attribute; a test keeps the two in step.
public enum ResourceKind: String, Sendable, CaseIterable {
    case dataStore = "data-store"
    case key
    case keyMaterial = "key-material"
    case allowlist
    case allowlistEntry = "allowlist-entry"
    case region
    case deployment
    case keyFile = "key-file"

    /// One attribute a rule may address, with its type.
    public struct AttributeSpec: Sendable {
        public var path: String
        public var type: AttributeType
        public var summary: String
        /// The only values the attribute takes, when they are a closed set the model spells one way: a rule that
        /// compares it with another is a typo `policy lint` reports (`IPv4` for `ipv4` selected nothing, unseen;
        /// tester, round 35).
        public var values: [String]? = nil
    }

    /// The closed value sets, by kind and attribute path.
    static let closedValues: [String: [String]] = [
        "data-store kind": DataStoreKind.allCases.map(\.rawValue),
        "allowlist kind": AllowlistKind.allCases.map(\.rawValue),
        "allowlist-entry version": ["ipv4", "ipv6"],
        "allowlist-entry allowlist.kind": AllowlistKind.allCases.map(\.rawValue),
        "key origin": ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"],
        "key rotation.mode": ["automatic", "on-demand", "disabled"],
    ]

    /// The attributes of this kind.
    public var attributes: [AttributeSpec] {
        switch self {
        case .dataStore: return Self.dataStoreAttributes
        case .key: return Self.keyAttributes
        case .keyMaterial: return Self.keyMaterialAttributes
        case .allowlist: return Self.allowlistAttributes
        case .allowlistEntry: return Self.allowlistEntryAttributes
        case .region: return Self.regionAttributes
        case .deployment: return Self.deploymentAttributes
        case .keyFile: return Self.keyFileAttributes
        }
    }

    /// The attribute at a path, if the kind has one.
    public func attribute(_ path: String) -> AttributeSpec? {
        guard var spec = attributes.first(where: { $0.path == path }) else { return nil }
        spec.values = Self.closedValues["\(rawValue) \(path)"]
        return spec
    }

    /// Whether the kind keeps its raw source node, so `raw.<path>` can address it.
    public var hasRawAttributes: Bool { self != .region && self != .keyFile }

    private static func spec(_ path: String, _ type: AttributeType, _ summary: String) -> AttributeSpec {
        AttributeSpec(path: path, type: type, summary: summary)
    }

    static let dataStoreAttributes = [
        spec("kind", .string, "database, file-store, backups, cache, volume, secrets, logs or stream"),
        spec("component", .string, "the component or resource address"),
        spec("encrypted", .bool, "whether the store is encrypted at rest as declared (a flag, an algorithm or a key)"),
        spec("encryption.atRest", .bool, "the explicit encryption-at-rest flag"),
        spec("encryption.algorithm", .string, "AES256, aws:kms or aws:kms:dsse"),
        spec("encryption.kmsKey", .string, "the KMS key as written: an ARN, an alias, a key id or a declared key's id"),
        spec("encryption.kmsKey.account", .string, "the AWS account of the key, from its ARN (or the declared key's ARN)"),
        spec("encryption.kmsKey.region", .string, "the region of the key, from its ARN (or the declared key's ARN)"),
        spec("encryption.kmsKey.awsManaged", .bool, "whether the key is an AWS-managed alias (alias/aws/…)"),
        spec("encryption.kmsKey.declared", .bool, "whether the key is one the deployment declares"),
        spec("storageType", .string,
             "for file stores: s3, multitenant-s3, minio or local; opensearch, redshift, kafka or memorydb for search domains, Redshift, MSK and MemoryDB clusters"),
        spec("publicAccess", .bool, "whether the store is reachable from the internet"),
    ]

    static let keyAttributes = [
        spec("id", .string, "the name stores use to refer to the key"),
        spec("component", .string, "the component or resource address"),
        spec("arn", .string, "the key ARN"),
        spec("arn.account", .string, "the AWS account in the key ARN"),
        spec("arn.region", .string, "the region in the key ARN"),
        spec("origin", .string, "AWS_KMS, EXTERNAL, AWS_CLOUDHSM or EXTERNAL_KEY_STORE"),
        spec("keySpec", .string, "e.g. SYMMETRIC_DEFAULT, RSA_2048"),
        spec("rotation.mode", .string, "automatic, on-demand or disabled"),
        spec("rotation.periodDays", .number, "days between rotations"),
        spec("multiRegion", .bool, "whether the key is a multi-Region key"),
        spec("replicaRegions", .list, "regions the key is replicated to"),
        spec("materialCount", .number, "pieces of imported key material declared"),
    ]

    static let keyMaterialAttributes = [
        spec("id", .string, "the material's id"),
        spec("key", .string, "the id of the key it belongs to"),
        spec("current", .bool, "whether it is the key's current material"),
        spec("importedAt", .timestamp, "when it was imported"),
        spec("validTo", .timestamp, "when it expires"),
        spec("expirationModel", .string, "KEY_MATERIAL_EXPIRES or KEY_MATERIAL_DOES_NOT_EXPIRE"),
        spec("wrappingAlgorithm", .string, "e.g. RSAES_OAEP_SHA_256"),
        spec("wrappingPublicKey", .string, "path of the wrapping public key file"),
        spec("encryptedKeyMaterial", .string, "path of the encrypted key material file"),
    ]

    static let allowlistAttributes = [
        spec("kind", .string, "ip-filtering, security-group-ingress, load-balancer-source-ranges, ingress-annotation, network-policy, endpoint-public-access or web-acl-ip-set"),
        spec("component", .string, "the component or resource address"),
        spec("enabled", .bool, "whether filtering is in force"),
        spec("internetFacing", .bool, "whether the list guards an internet-facing endpoint"),
        spec("entryCount", .number, "entries in force (enabled)"),
    ]

    static let allowlistEntryAttributes = [
        spec("cidr", .cidr, "the range as written"),
        spec("prefixLength", .number, "the prefix length (32 or 128 for a bare address)"),
        spec("version", .string, "ipv4 or ipv6"),
        spec("description", .string, "what the entry is for"),
        spec("enabled", .bool, "whether the entry is in force"),
        spec("ports.from", .number, "the lowest port it opens (security groups)"),
        spec("ports.to", .number, "the highest port it opens (security groups)"),
        spec("allowlist.kind", .string, "the kind of the allowlist it belongs to"),
        spec("allowlist.component", .string, "the allowlist's component or resource address"),
        spec("allowlist.enabled", .bool, "whether the allowlist is in force"),
        spec("allowlist.internetFacing", .bool, "whether the allowlist guards an internet-facing endpoint"),
    ]

    static let regionAttributes = [
        spec("region", .string, "the region code, e.g. us-east-1"),
        spec("role", .string, "what the region is for, e.g. database region, key replica region"),
        spec("component", .string, "the component that names it"),
        spec("replica", .bool, "whether it holds a copy of data (replicas, backup copies)"),
    ]

    static let deploymentAttributes = [
        spec("name", .string, "the deployment's name"),
        spec("format", .string, "native, terraform-plan, cloudformation, kubernetes, provisioner or key-material"),
        spec("offering", .string, "dedicated or shared"),
        spec("region", .string, "the deployment region"),
        spec("customDomain", .string, "the custom URL asked for"),
        spec("privateConnectivity", .bool, "whether traffic reaches the deployment privately"),
        spec("capabilities", .list, "capabilities asked for, e.g. ip-filtering, encryption-keys"),
        spec("backups.schedule", .string, "the backup schedule"),
        spec("backups.retentionDays", .number, "days backups are kept"),
        spec("maintenance.window", .string, "the maintenance window"),
        spec("maintenance.soakHours", .number, "hours an upgrade soaks"),
        spec("maintenance.emergency", .bool, "whether the change is marked as an emergency"),
        spec("keyCount", .number, "customer keys declared"),
    ]

    static let keyFileAttributes = [
        spec("path", .string, "the file"),
        spec("role", .string, "in-tree, verified, wrapping-public-key or encrypted-key-material"),
        spec("size", .number, "size in bytes"),
        spec("kinds", .list, "what the file holds, e.g. private-key, public-key, certificate"),
        spec("algorithms", .list, "key algorithms, e.g. rsa, ec, ed25519"),
        spec("minBits", .number, "the smallest key size in bits"),
        spec("secret", .bool, "whether it holds an unencrypted private or symmetric key"),
    ]
}
