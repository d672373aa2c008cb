import PolicyCheckModel

/// Data stores must use a customer-managed KMS key — always, never, or when the deployment declares keys (BYOK);
/// never for infrastructure code checked as Shared, which offers no customer keys.
public struct CustomerManagedKeyCheck: Check {
    public static let name = "encryption.customer-managed-key"

    enum Requirement: String, CaseIterable {
        case whenKeysDeclared, always, never
    }

    let requirement: Requirement
    /// The requirement for infrastructure code (Terraform, CloudFormation), which states no BYOK intent.
    let infrastructureCodeRequirement: Requirement

    public init(parameters: CheckParameters) {
        let names = Requirement.allCases.map(\.rawValue)
        requirement = Requirement(rawValue: parameters.choice("requireCustomerManagedKey", names,
                                                              default: "whenKeysDeclared"))!
        infrastructureCodeRequirement = Requirement(rawValue: parameters.choice(
            "requireCustomerManagedKeyForInfrastructureCode", names, default: "always"))!
    }

    public func evaluate(_ deployment: Deployment, context: CheckContext) -> [CheckResult] {
        var effective = deployment.format.isInfrastructureCode ? infrastructureCodeRequirement : requirement
        // Shared offers no customer-managed keys (MMC-OFF-001 forbids them), so no baseline can ask a Shared
        // stack for one; infrastructure code learns its offering from --offering.
        if deployment.format.isInfrastructureCode, deployment.offering?.value == .shared { effective = .never }
        let required: Bool
        switch effective {
        case .always: required = true
        case .never: required = false
        case .whenKeysDeclared: required = !deployment.keys.isEmpty
        }
        let keys = DeclaredKeys.of(deployment, context: context)
        let expected: String
        if keys.ids.isEmpty {
            expected = "a customer-managed KMS key"
        } else if keys.ids.count <= DeclaredKeys.listLimit {
            expected = "one of the declared keys (\(keys.listed()))"
        } else {
            expected = "one of the \(keys.ids.count) declared keys (\(keys.listed()))"
        }
        return deployment.dataStores.filter(\.encryptionIsOwn).map { store in
            guard required, store.encryption.declaredEncrypted?.known != false, !store.encryption.keyIsMembers else {
                return CheckResult(store.component, .notApplicable)
            }
            return CheckResult(store.component, outcome(for: store, keys: keys, expected: expected,
                                                        infrastructureCode: deployment.format.isInfrastructureCode))
        }
    }

    private func outcome(for store: DataStore, keys: DeclaredKeys, expected: String, infrastructureCode: Bool) -> CheckOutcome {
        let declared = keys.ids
        let what = store.displayName
        // S3 uses the named key only with a KMS algorithm; with AES256 or an algorithm it refuses, no customer key.
        if let algorithm = S3EncryptionAlgorithm.algorithm(of: store), !S3EncryptionAlgorithm.usingKMS.contains(algorithm.value),
           algorithm.value != "AES256" || store.encryption.kmsKey != nil {
            let named = algorithm.value.isEmpty ? "names no algorithm, which S3 requires, so it uses"
                : "algorithm is \(S3EncryptionAlgorithm.quoted(algorithm.value)), which uses"
            return .fail([Evidence("the \(store.possessive) encryption \(named) no KMS key; expected aws:kms with \(expected)",
                                   at: algorithm.origin)])
        }
        guard let key = store.encryption.kmsKey else {
            // AWS writes some logs with SSE-S3 only: a customer key would stop them, so the remediation is a bucket
            // of their own and a waiver, never the key. Still a finding: naming a data bucket as a load balancer's
            // log bucket must not exempt it unseen.
            if let writer = store.sseS3OnlyWriter, store.encryption.algorithm.map({ $0.value.known == "AES256" }) ?? true {
                return .fail([Evidence("the \(what) is encrypted with SSE-S3 (AES256) and receives \(writer), which AWS writes only to buckets encrypted with SSE-S3, so a customer-managed KMS key would stop them: keep them in a bucket of their own and waive this rule for that bucket",
                                       at: store.encryption.algorithm?.origin ?? store.encryption.origin)])
            }
            if let algorithm = store.encryption.algorithm, algorithm.value.known == "AES256" {
                return .fail([Evidence("the \(what) \(store.kind.isPlural ? "are" : "is") encrypted with SSE-S3 (AES256), a key managed by S3; expected aws:kms with \(expected)",
                                       at: algorithm.origin)])
            }
            let note = store.encryption.keyNote.map { " (\($0))" } ?? ""
            return .fail([Evidence("no KMS key is named for the \(what), so AWS manages its key\(note); expected \(expected)",
                                   at: store.encryption.algorithm?.origin ?? store.encryption.origin)])
        }
        guard let text = key.value.known else {
            if case .unknown(let reason) = key.value {
                return .cannotVerify([Evidence("the \(store.possessive) KMS key cannot be verified: \(reason)", at: key.origin)])
            }
            return .pass
        }
        switch keys.classify(text) {
        case .declared:
            return .pass
        case .alias(let name, let awsManaged) where awsManaged:
            return .fail([Evidence("the \(what) \(store.kind.isPlural ? "are" : "is") encrypted with the AWS-managed key '\(name)'; expected \(expected)", at: key.origin)])
        case .keyARN, .alias, .keyID:
            // Infrastructure code may use customer keys defined elsewhere; only a BYOK manifest names its keys.
            if declared.isEmpty || infrastructureCode { return .pass }
            return .fail([Evidence("the \(what) \(store.kind.isPlural ? "are" : "is") encrypted with KMS key '\(text)', which is not \(expected)", at: key.origin)])
        case .unresolved:
            // Reported by the key-reference rule; nothing more to say here.
            return .notApplicable
        }
    }
}
