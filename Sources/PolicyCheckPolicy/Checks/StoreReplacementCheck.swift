import PolicyCheckModel

/// A plan must not replace a database (delete it and create a new one): the new database starts empty. Changing
/// an RDS database's encryption or KMS key forces exactly this, since RDS sets both only at creation; the safe
/// path is a snapshot, an encrypted copy of it and a restore
/// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html#Overview.Encryption.Limitations,
/// https://developer.hashicorp.com/terraform/internals/json-format#change-representation).
public struct StoreReplacementCheck: Check {
    public static let name = "availability.store-replacement"

    let kinds: [String]

    public init(parameters: CheckParameters) {
        kinds = parameters.strings("kinds", default: [DataStoreKind.database.rawValue])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        // Only a plan states what happens to a store; manifests and templates describe the result.
        guard deployment.format == .terraformPlan else { return [] }
        return deployment.dataStores.compactMap { store in
            guard kinds.contains(store.kind.rawValue) else { return nil }
            guard let replaced = store.replacedAt else { return CheckResult(store.component, .pass) }
            return CheckResult(store.component, .fail([Evidence(
                "the plan replaces the \(store.displayName) with a new one (its actions delete and create, in either order): its data does not carry over to the new one; to change encryption or its key, snapshot it, copy the snapshot encrypted with the key and restore from the copy",
                at: replaced
            )]))
        }
    }
}
