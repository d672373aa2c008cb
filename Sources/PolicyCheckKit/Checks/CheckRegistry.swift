/// The built-in checks, by the name policy packs use.
public enum CheckRegistry {
    public static let all: [any Check.Type] = [
        OfferingCapabilitiesCheck.self,
        AllowedRegionsCheck.self,
        MultiRegionKeyCheck.self,
        EncryptionAtRestCheck.self,
        CustomerManagedKeyCheck.self,
        KeyARNSyntaxCheck.self,
        KeyRegionCheck.self,
        KeyReferencesCheck.self,
        SymmetricKeySpecCheck.self,
        KeyRotationCheck.self,
        MaterialExpiredCheck.self,
        MaterialExpiringCheck.self,
        MaterialValidityPeriodCheck.self,
        MaterialConsistencyCheck.self,
        KeyDeletionWindowCheck.self,
        WrappingAlgorithmCheck.self,
        KeyPolicyCheck.self,
        CommittedSecretCheck.self,
        KeyAlgorithmCheck.self,
        RSAStrengthCheck.self,
        RSAExponentCheck.self,
        CurveCheck.self,
        CertificateValidityCheck.self,
        CertificateExpiringCheck.self,
        CertificateSignatureCheck.self,
        CertificateKeyMatchCheck.self,
        KeyConsistencyCheck.self,
        ByokSecretExposedCheck.self,
        ByokWrappingKeyCheck.self,
        ByokWrappedSizeCheck.self,
        WorldOpenCheck.self,
        CIDRSyntaxCheck.self,
        CIDRCanonicalCheck.self,
        BreadthCheck.self,
        SpecialPurposeCheck.self,
        RedundantEntriesCheck.self,
        EntryDescriptionCheck.self,
        MaxEntriesCheck.self,
        EffectiveAllowlistCheck.self,
        PublicDataStoreCheck.self,
        BackupRetentionCheck.self,
        BackupScheduleCheck.self,
        StoreReplacementCheck.self,
        MaintenanceWindowCheck.self,
        SoakPeriodCheck.self,
        EmergencyJustificationCheck.self,
        EmergencyChangeCheck.self,
        AssertionCheck.self,
    ]

    /// The check with a name.
    public static func check(named name: String) -> (any Check.Type)? {
        all.first { $0.name == name }
    }

    public static var names: [String] { all.map { $0.name } }
}
