import PolicyCheckModel

/// Data stores must be encrypted at rest. S3-managed encryption (SSE-S3/AES256) counts.
public struct EncryptionAtRestCheck: Check {
    public static let name = "encryption.at-rest"

    /// File-store types the platform encrypts even when no setting is given (S3 encrypts every new object with
    /// SSE-S3 since January 2023).
    let encryptedByDefault: [String]

    public init(parameters: CheckParameters) {
        encryptedByDefault = parameters.strings("encryptedByDefault", default: ["s3", "multitenant-s3"])
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        deployment.dataStores.filter(\.encryptionIsOwn).map { store in
            CheckResult(store.component, outcome(for: store))
        }
    }

    private func outcome(for store: DataStore) -> CheckOutcome {
        if let refused = S3EncryptionAlgorithm.refused(by: store) {
            return .fail([Evidence("the \(store.possessive) encryption names \(S3EncryptionAlgorithm.refusal(refused.value)), so it is not encrypted as declared; expected \(S3EncryptionAlgorithm.acceptedText)",
                                   at: refused.origin)])
        }
        switch store.encryption.declaredEncrypted {
        case .known(true):
            return .pass
        case .known(false):
            let origin = store.encryption.atRest?.origin ?? store.encryption.origin
            let note = store.encryption.atRestNote.map { " (\($0))" } ?? ""
            return .fail([Evidence("encryption at rest is off for the \(store.displayName)\(note); expected it to be on",
                                   at: origin)])
        case .unknown(let reason):
            return .cannotVerify([Evidence("encryption at rest of the \(store.displayName) cannot be verified: \(reason)",
                                           at: store.encryption.atRest?.origin ?? store.encryption.origin)])
        case nil:
            if let type = store.storageType?.value, encryptedByDefault.contains(type) { return .pass }
            let note = store.encryption.undeclared.map { ": \($0)" } ?? ""
            return .fail([Evidence(
                "no encryption at rest is declared for the \(store.displayName)\(note); expected '\(store.encryption.origin.path)' to turn it on",
                at: store.encryption.origin
            )])
        }
    }
}
