import Testing

/// The conformance suite against SQLite (a temporary file).
@Suite struct SQLiteRegisterTests {
    @Test func migrationsAreRecordedOnce() async throws { try await RegisterConformance.migrationsAreRecordedOnce(.sqlite) }
    @Test func pushStoresEverythingOnceAndIsIdempotent() async throws { try await RegisterConformance.pushStoresEverythingOnceAndIsIdempotent(.sqlite) }
    @Test func inputListsAreStoredOncePerDistinctList() async throws { try await RegisterConformance.inputListsAreStoredOncePerDistinctList(.sqlite) }
    @Test func sameIdWithOtherBytesIsAConflictAndTheBatchIsRolledBack() async throws { try await RegisterConformance.sameIdWithOtherBytesIsAConflictAndTheBatchIsRolledBack(.sqlite) }
    @Test func chainLinksAndGapsAreJudgedAndHealed() async throws { try await RegisterConformance.chainLinksAndGapsAreJudgedAndHealed(.sqlite) }
    @Test func valuesAreBoundNeverSpliced() async throws { try await RegisterConformance.valuesAreBoundNeverSpliced(.sqlite) }
    @Test func refusalsAreRecordedOnce() async throws { try await RegisterConformance.refusalsAreRecordedOnce(.sqlite) }
    @Test func refusalsAreDatedByThePushNotByTheirClaim() async throws { try await RegisterConformance.refusalsAreDatedByThePushNotByTheirClaim(.sqlite) }
}
