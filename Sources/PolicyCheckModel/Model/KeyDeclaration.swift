import PolicyCheckSyntax

/// A customer-managed KMS key declared by the deployment (BYOK).
///
/// A value type whose fields live in one shared, copy-on-write box (`CopyOnWriteFields`, as `DataStore`'s are): the key
/// checks and the stores' key references copy declarations, and a copy of thirteen fields retained each of their
/// references; a box makes a copy one.
public struct KeyDeclaration: Sendable {
    /// The name stores use to refer to it (`keys[].id`, or the Terraform address / logical id).
    public var id: Located<String>? {
        get { storage.fields.id }
        _modify { yield &storage.fields.id }
    }
    /// The component name for findings, e.g. `keys/data-key`.
    public var component: String {
        get { storage.fields.component }
        _modify { yield &storage.fields.component }
    }
    public var origin: Origin {
        get { storage.fields.origin }
        _modify { yield &storage.fields.origin }
    }
    public var arn: Located<Fact<String>>? {
        get { storage.fields.arn }
        _modify { yield &storage.fields.arn }
    }
    /// `AWS_KMS` (AWS-generated material) or `EXTERNAL` (imported material).
    public var keyOrigin: Located<String>? {
        get { storage.fields.keyOrigin }
        _modify { yield &storage.fields.keyOrigin }
    }
    public var keySpec: Located<String>? {
        get { storage.fields.keySpec }
        _modify { yield &storage.fields.keySpec }
    }
    public var rotation: KeyRotation? {
        get { storage.fields.rotation }
        _modify { yield &storage.fields.rotation }
    }
    public var multiRegion: Located<Bool>? {
        get { storage.fields.multiRegion }
        _modify { yield &storage.fields.multiRegion }
    }
    public var replicaRegions: [Located<String>] {
        get { storage.fields.replicaRegions }
        _modify { yield &storage.fields.replicaRegions }
    }
    public var materials: [KeyMaterialDeclaration] {
        get { storage.fields.materials }
        _modify { yield &storage.fields.materials }
    }
    /// The waiting period, in days, between scheduling the key's deletion and AWS KMS deleting it (7–30; AWS's
    /// default is 30). `nil`: not stated.
    public var deletionWindowDays: Located<Int>? {
        get { storage.fields.deletionWindowDays }
        _modify { yield &storage.fields.deletionWindowDays }
    }
    /// The key policy, when the input carries one.
    public var policy: KeyPolicy? {
        get { storage.fields.policy }
        _modify { yield &storage.fields.policy }
    }
    /// The resource as the input wrote it, for custom rules' `raw.<path>` (adapters fill it; `nil` when unknown).
    public var rawNode: SourceNode? {
        get { storage.fields.rawNode }
        _modify { yield &storage.fields.rawNode }
    }

    /// When the input's rotation, key spec or origin follow its parameters together (a CloudFormation `!If` on a
    /// condition of the parameter `KeySpec` follows), each deployment scenario's values; the rotation check judges
    /// each. Empty when they do not, or when there are too many scenarios to list (then the fields above are judged).
    public var scenarios: [KeyScenario] {
        get { storage.fields.scenarios }
        _modify { yield &storage.fields.scenarios }
    }

    private var storage: CopyOnWriteFields<Fields>

    public init(component: String, origin: Origin) {
        storage = CopyOnWriteFields(Fields(component: component, origin: origin))
    }

    private struct Fields {
        var id: Located<String>?
        var component: String
        var origin: Origin
        var arn: Located<Fact<String>>?
        var keyOrigin: Located<String>?
        var keySpec: Located<String>?
        var rotation: KeyRotation?
        var multiRegion: Located<Bool>?
        var replicaRegions: [Located<String>] = []
        var materials: [KeyMaterialDeclaration] = []
        var deletionWindowDays: Located<Int>?
        var policy: KeyPolicy?
        var rawNode: SourceNode?
        var scenarios: [KeyScenario] = []
    }
}

/// A key's rotation, key spec and origin in one deployment scenario: the parameter values that lead to them.
public struct KeyScenario: Sendable {
    /// The scenario, for messages: `KeySpec is 'RSA_2048'`.
    public var when: String
    public var keyOrigin: Located<String>?
    public var keySpec: Located<String>?
    public var rotation: KeyRotation?

    public init(when: String, keyOrigin: Located<String>?, keySpec: Located<String>?, rotation: KeyRotation?) {
        self.when = when
        self.keyOrigin = keyOrigin
        self.keySpec = keySpec
        self.rotation = rotation
    }
}

/// How a key's material is rotated.
public struct KeyRotation: Sendable {
    /// `automatic`, `on-demand` or `disabled` (IaC's `enable_key_rotation` maps to automatic/disabled).
    public var mode: Located<String>?
    public var periodDays: Located<Int>?
    public var origin: Origin
    /// Why the rotation setting cannot be known from the input (Terraform's `after_unknown`); `nil` when it can.
    public var unknownReason: String?

    public init(origin: Origin) {
        self.origin = origin
    }
}

/// One piece of imported key material for an `EXTERNAL` key.
public struct KeyMaterialDeclaration: Sendable {
    public var id: Located<String>?
    public var origin: Origin
    public var current: Located<Bool>?
    public var importedAt: Located<Timestamp>?
    public var expirationModel: Located<String>?
    public var validTo: Located<Timestamp>?
    /// Path to the wrapping public key file, relative to the manifest.
    public var wrappingPublicKey: Located<String>?
    public var wrappingAlgorithm: Located<String>?
    /// Path to the encrypted key material file, relative to the manifest.
    public var encryptedKeyMaterial: Located<String>?
    /// The wrapping public key file, once inspected.
    public var wrappingKeyFile: KeyFile?
    /// The encrypted key material file, once inspected.
    public var encryptedMaterialFile: KeyFile?
    /// The resource as the input wrote it, for custom rules' `raw.<path>` (adapters fill it; `nil` when unknown).
    public var rawNode: SourceNode?

    public init(origin: Origin) {
        self.origin = origin
    }
}

/// A KMS key policy, reduced to what the rules judge.
public struct KeyPolicy: Sendable {
    public var origin: Origin
    public var statements: [KeyPolicyStatement]
    /// Why the policy cannot be known from the input (it is computed at apply); `nil` when it can. `statements` then
    /// holds only those its known parts decide (a Terraform text known only after apply); the rest are not known.
    public var unknownReason: String?

    public init(origin: Origin, statements: [KeyPolicyStatement]) {
        self.origin = origin
        self.statements = statements
    }
}

/// One statement of a key policy.
public struct KeyPolicyStatement: Sendable {
    /// `Allow` or `Deny`.
    public var effect: String
    /// Principals as written: `*`, ARNs, account ids, service names. `Principal: "*"` and `{"AWS": "*"}` give `*`.
    public var principals: [String]
    /// Actions such as `kms:*`, `kms:Decrypt`.
    public var actions: [String]
    /// The statement's `Condition` block, one entry per operator and key.
    public var conditions: [KeyPolicyCondition]
    /// `Sid`, when given.
    public var sid: String?
    public var origin: Origin
    /// `Resource` as written (an item not known here as `(unknown)`, or with its unknown parts as `${…}`); `nil` when
    /// the statement names none the reader could read. Read for bucket policies, whose statements may cover some of
    /// the bucket's objects only.
    public var resources: [String]?

    public init(effect: String, principals: [String], actions: [String], conditions: [KeyPolicyCondition],
                sid: String?, origin: Origin) {
        self.effect = effect
        self.principals = principals
        self.actions = actions
        self.conditions = conditions
        self.sid = sid
        self.origin = origin
    }

    /// Whether the statement has a `Condition` block.
    public var hasCondition: Bool { !conditions.isEmpty }
}

/// One condition of a policy statement: `{"StringEquals": {"kms:CallerAccount": ["111122223333"]}}` gives operator
/// `StringEquals`, key `kms:CallerAccount` and the values.
public struct KeyPolicyCondition: Sendable {
    public var operatorName: String
    public var key: String
    /// The values as written; unknown ones keep their `${…}` form.
    public var values: [String]

    public init(operatorName: String, key: String, values: [String]) {
        self.operatorName = operatorName
        self.key = key
        self.values = values
    }

    /// Condition keys that name who may call, lowercased (condition keys are case-insensitive): the only ones that
    /// restrict `Principal: "*"`; any other (`aws:SecureTransport`, `kms:EncryptionContext:*`, `kms:ViaService`)
    /// restricts how the key is called, whatever its value.
    public static let callerKeys: Set<String> = [
        "kms:calleraccount", "aws:principalorgid", "aws:principalorgpaths", "aws:principalarn",
        "aws:principalaccount", "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths",
        "aws:userid",
    ]
}
