import PolicyCheckModel

/// What a provisioner `Database` or `Filestore` type implies: where the data lives, whether it is encrypted at
/// rest, and whether it is a dedicated resource. `docs/provisioner.md` documents the table.
struct ProvisionerStoreType {
    /// Encryption at rest: `true` (stated by the type), or the reason it cannot be known.
    let atRest: Fact<Bool>?
    /// For file stores: the storage type the encryption rule knows (`s3`, `multitenant-s3`, `minio`, `local`).
    let storageType: String?
    /// The capability a dedicated resource of this type asks for.
    let capability: Capability?

    private static let rds = ProvisionerStoreType(atRest: .known(true), storageType: nil, capability: nil)
    private static let singleTenantRDS = ProvisionerStoreType(atRest: .known(true), storageType: nil,
                                                              capability: .databaseHighAvailability)
    private static let inCluster = "in-cluster storage on Kubernetes volumes is encrypted at rest only if the cluster's storage class says so"

    /// The database types and what they imply; `nil` for `none` (no database).
    static let databases: [String: ProvisionerStoreType?] = [
        "aws-rds": singleTenantRDS,
        "aws-rds-postgres": singleTenantRDS,
        "aws-multitenant-rds": rds,
        "aws-multitenant-rds-postgres": rds,
        "aws-multitenant-rds-postgres-pgbouncer": rds,
        "perseus": rds,
        "mysql-operator": ProvisionerStoreType(atRest: .unknown(reason: inCluster), storageType: nil, capability: nil),
        "external": ProvisionerStoreType(
            atRest: .unknown(reason: "an external database is created and managed outside the provisioner"),
            storageType: nil, capability: nil),
        "none": nil,
    ]

    /// The file store types and what they imply; `nil` for `none` (no file store).
    static let filestores: [String: ProvisionerStoreType?] = [
        "aws-s3": ProvisionerStoreType(atRest: nil, storageType: "s3", capability: .objectStorage),
        "aws-multitenant-s3": ProvisionerStoreType(atRest: nil, storageType: "multitenant-s3", capability: nil),
        "bifrost": ProvisionerStoreType(atRest: nil, storageType: "multitenant-s3", capability: nil),
        "minio-operator": ProvisionerStoreType(atRest: .unknown(reason: inCluster), storageType: "minio", capability: nil),
        "local-ephemeral": ProvisionerStoreType(
            atRest: .unknown(reason: "local ephemeral storage lives on the node's disk, encrypted only if the node volume is"),
            storageType: "local", capability: nil),
        "none": nil,
    ]
}
