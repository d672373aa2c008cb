import PolicyCheckKit
import Testing

/// A later `SOURCE_DATE_EPOCH` (a future-dated commit) gives the evaluation time, but what must already be in force
/// is judged at the clock's earlier time (`CheckRun.inForceTime`, `EvaluationClock.inForceTime`; tester round 32).
@Suite struct InForceTimeTests {
    private static let certificate = Fixture.path("keys/fail-cert-not-yet-valid.pem")  // valid from 2027-03-01

    private func findings(now: String, inForce: String?) throws -> [Finding] {
        var run = CheckRun(policy: Fixture.defaultPolicy, now: try #require(Timestamp(iso8601: now)), failOn: .low,
                           toolVersion: "test")
        run.inForceTime = try inForce.map { try #require(Timestamp(iso8601: $0)) }
        return run.run(paths: [Self.certificate]).findings.filter { $0.ruleId == "MMC-KM-009" }
    }

    @Test func aCertificateNotYetValidByTheClockFailsAtALaterEvaluationTime() throws {
        let early = try findings(now: "2027-06-01T00:00:00Z", inForce: "2027-01-01T00:00:00Z")
        #expect(early.count == 1)
        #expect(early.first?.message.contains("is not valid until 2027-03-01T00:00:00Z, after the clock's time (2027-01-01T00:00:00Z)") == true,
                "\(early.map(\.message))")
        #expect(early.first?.message.contains("a later SOURCE_DATE_EPOCH does not make it valid early") == true)
    }

    @Test func theEvaluationTimeAloneJudgesWhenTheClockIsNotEarlier() throws {
        #expect(try findings(now: "2027-06-01T00:00:00Z", inForce: nil).isEmpty)
        // A later in-force time than the evaluation time is no later than the evaluation time.
        #expect(try findings(now: "2027-06-01T00:00:00Z", inForce: "2028-01-01T00:00:00Z").isEmpty)
        #expect(try findings(now: "2027-01-01T00:00:00Z", inForce: nil).count == 1)
    }
}
