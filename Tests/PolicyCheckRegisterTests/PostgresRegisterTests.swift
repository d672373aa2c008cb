import Testing

/// The conformance suite against a real PostgreSQL server (POLICYCHECK_TEST_POSTGRES_URL; skipped, with the reason
/// shown, when it is not set).
@Suite(.enabled(if: Engine.postgresURL != nil, Engine.postgresSkipReason))
struct PostgresRegisterTests {
    @Test func migrationsAreRecordedOnce() async throws { try await RegisterConformance.migrationsAreRecordedOnce(.postgres) }
    @Test func pushStoresEverythingOnceAndIsIdempotent() async throws { try await RegisterConformance.pushStoresEverythingOnceAndIsIdempotent(.postgres) }
    @Test func inputListsAreStoredOncePerDistinctList() async throws { try await RegisterConformance.inputListsAreStoredOncePerDistinctList(.postgres) }
    @Test func sameIdWithOtherBytesIsAConflictAndTheBatchIsRolledBack() async throws { try await RegisterConformance.sameIdWithOtherBytesIsAConflictAndTheBatchIsRolledBack(.postgres) }
    @Test func chainLinksAndGapsAreJudgedAndHealed() async throws { try await RegisterConformance.chainLinksAndGapsAreJudgedAndHealed(.postgres) }
    @Test func valuesAreBoundNeverSpliced() async throws { try await RegisterConformance.valuesAreBoundNeverSpliced(.postgres) }
    @Test func refusalsAreRecordedOnce() async throws { try await RegisterConformance.refusalsAreRecordedOnce(.postgres) }
    @Test func refusalsAreDatedByThePushNotByTheirClaim() async throws { try await RegisterConformance.refusalsAreDatedByThePushNotByTheirClaim(.postgres) }
}
