import PolicyCheckModel

/// Data stores must not be reachable from the internet (RDS `publicly_accessible`, S3 buckets without a full
/// public access block, MSK public access, OpenSearch and Elasticsearch domains outside a VPC, OpenSearch Serverless
/// collections a network policy opens to public networks, Lightsail databases in public mode). A bucket whose block
/// leaves a setting off is not public by that alone — a public policy or ACL would make it so, and S3 "doesn't
/// check the bucket policy" when `BlockPublicPolicy` is off
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html) — so its
/// message says which setting lets it be opened rather than that it is open.
public struct PublicDataStoreCheck: Check {
    public static let name = "network.public-data-store"

    public init(parameters: CheckParameters) {}

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.dataStores.compactMap { store in
            guard let access = store.publicAccess else { return nil }
            switch access.value {
            case .known(true) where store.storageType?.value == DataStore.searchDomainStorageType:
                return CheckResult(store.component, .fail([Evidence(
                    "the \(store.displayName) has a public endpoint (the domain is not placed in a VPC), so only its access policy decides who reaches it; expected the domain in a VPC",
                    at: access.origin
                )]))
            case .known(true) where store.storageType?.value == DataStore.serverlessCollectionStorageType:
                return CheckResult(store.component, .fail([Evidence(
                    "the search collection's endpoint is reachable from the internet: \(store.publicAccessNote ?? "a network policy allows public access"); expected its network policies to admit only VPC endpoints (AllowFromPublic false)",
                    at: access.origin
                )]))
            case .known(true) where store.publicAccessNote != nil && store.kind == .database:
                return CheckResult(store.component, .fail([Evidence(
                    "the \(store.displayName) is reachable from the internet: \(store.publicAccessNote ?? ""); expected it to be private (PubliclyAccessible false)",
                    at: access.origin
                )]))
            case .known(true) where store.publicAccessNote != nil:
                return CheckResult(store.component, .fail([Evidence(
                    "the \(store.displayName) does not block public access: \(store.publicAccessNote ?? ""); expected every public access block setting true",
                    at: access.origin
                )]))
            case .known(true):
                return CheckResult(store.component, .fail([Evidence(
                    "the \(store.displayName) is reachable from the internet; expected it to be private", at: access.origin
                )]))
            case .known(false):
                return CheckResult(store.component, .pass)
            case .unknown(let reason):
                return CheckResult(store.component, .cannotVerify([Evidence(
                    "whether the \(store.displayName) is public cannot be verified: \(reason)", at: access.origin
                )]))
            }
        }
    }
}
