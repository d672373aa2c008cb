import Foundation
import PolicyCheckKit
import Testing

/// `Timestamp` parsing and printing, and how the evaluation time is chosen.
@Suite struct ClockTests {
    // MARK: - Timestamp(iso8601:)

    @Test(arguments: [
        ("1970-01-01", 0),
        ("2026-11-29", 1_795_910_400),
        ("2026-11-29T00:00:00Z", 1_795_910_400),
        ("2026-11-29T12:34:56Z", 1_795_955_696),
        ("2026-11-29T12:34Z", 1_795_955_640),
        ("2026-11-29t12:34:56z", 1_795_955_696),
        ("2026-11-29 12:34:56Z", 1_795_955_696),
        ("2026-11-29T12:34:56.789Z", 1_795_955_696),
        ("2026-11-29T12:34:56,5Z", 1_795_955_696),
        ("2026-11-29T12:34:56+01:00", 1_795_952_096),
        ("2026-11-29T00:30:00-01:00", 1_795_915_800),
        ("2026-11-29T12:34:56.123456+00:00", 1_795_955_696),
        ("2024-02-29", 1_709_164_800),
        ("2000-02-29", 951_782_400),
        ("1969-12-31T23:59:59Z", -1),
    ] as [(String, Int64)])
    func parsesValidTimestamps(_ text: String, _ seconds: Int64) {
        #expect(Timestamp(iso8601: text)?.secondsSinceEpoch == seconds)
    }

    @Test(arguments: [
        "", "2026", "26-11-29", "2026/11/29", "2026-1-29", "2026-11-9",
        "2026-13-01", "2026-00-10", "2026-11-00", "2026-11-31", "2026-04-31", "2026-02-29", "1900-02-29", "2100-02-29",
        "2026-11-29Z", "2026-11-29T", "2026-11-29T12Z", "2026-11-29T24:00:00Z", "2026-11-29T12:60Z",
        "2026-11-29T12:00:00", "2026-11-29T12:00:00+0100", "2026-11-29T12:00:00+01", "2026-11-29T12:00:00.Z",
        "2026-11-29T12:00:00Zjunk", "2026-11-29x", "2026-11-29T12:00:00+24:00", "２０２６-11-29",
    ])
    func rejectsInvalidTimestamps(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test(arguments: [
        (0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (1_795_955_696, "2026-11-29T12:34:56Z"),
        (951_782_400, "2000-02-29T00:00:00Z"), (4_102_444_799, "2099-12-31T23:59:59Z"),
    ] as [(Int64, String)])
    func description(_ seconds: Int64, _ text: String) {
        let time = Timestamp(secondsSinceEpoch: seconds)
        #expect(time.description == text)
        #expect(time.dateDescription == String(text.prefix(10)))
        #expect(Timestamp(iso8601: text) == time)
    }

    @Test func dayArithmetic() {
        let start = Timestamp(iso8601: "2026-11-20")!
        #expect(start.adding(days: 365) == Timestamp(iso8601: "2027-11-20")!)
        #expect(start.days(until: Timestamp(iso8601: "2027-11-30")!) == 375)
        #expect(start.days(until: Timestamp(iso8601: "2026-11-19T00:00:01Z")!) == 0)
        #expect(start.days(until: Timestamp(iso8601: "2026-11-18")!) == -2)
    }

    // MARK: - EvaluationClock.resolve

    static let systemNow = Date(timeIntervalSince1970: 1_800_000_000.9)

    @Test func nowOptionWinsOverSourceDateEpochAndTheSystemClock() throws {
        let (time, source) = try EvaluationClock.resolve(
            now: "2026-11-29T00:00:00Z", environment: ["SOURCE_DATE_EPOCH": "0"], systemNow: { Self.systemNow })
        #expect(time == Fixture.now)
        #expect(source == .option)
    }

    @Test func sourceDateEpochWinsOverTheSystemClock() throws {
        let (time, source) = try EvaluationClock.resolve(
            now: nil, environment: ["SOURCE_DATE_EPOCH": "1795910400"], systemNow: { Self.systemNow })
        #expect(time == Fixture.now)
        #expect(source == .sourceDateEpoch)
    }

    @Test(arguments: [[:], ["SOURCE_DATE_EPOCH": ""]] as [[String: String]])
    func systemClockIsTheFallback(_ environment: [String: String]) throws {
        let (time, source) = try EvaluationClock.resolve(now: nil, environment: environment, systemNow: { Self.systemNow })
        #expect(time.secondsSinceEpoch == 1_800_000_000)
        #expect(source == .system)
    }

    @Test(arguments: ["yesterday", "2026-11-31", "2026-11-29T12:00:00", "1795910400"])
    func invalidNowIsAnErrorEvenWithAValidEpoch(_ now: String) {
        #expect(throws: Diagnostic.self) {
            _ = try EvaluationClock.resolve(now: now, environment: ["SOURCE_DATE_EPOCH": "0"], systemNow: { Self.systemNow })
        }
        do {
            _ = try EvaluationClock.resolve(now: now, environment: [:], systemNow: { Self.systemNow })
        } catch {
            #expect(error.file == "--now")
            #expect(error.message.contains("'\(now)' is not an ISO 8601 date or date-time"))
        }
    }

    @Test(arguments: ["abc", "-1", "1.5", " 1795910400", "1e9"])
    func invalidSourceDateEpochIsAnError(_ epoch: String) {
        do {
            _ = try EvaluationClock.resolve(now: nil, environment: ["SOURCE_DATE_EPOCH": epoch], systemNow: { Self.systemNow })
            Issue.record("'\(epoch)' was accepted")
        } catch {
            #expect(error.file == "SOURCE_DATE_EPOCH")
            #expect(error.message == "'\(epoch)' is not a whole number of seconds since 1970-01-01")
        }
    }

    // MARK: - EvaluationClock.expiryTime and inForceTime

    /// SOURCE_DATE_EPOCH is the commit author's: expiry is judged at the later of it and the clock, whether a thing
    /// is in force yet at the earlier; `--now` and the clock itself are taken as given.
    @Test func sourceDateEpochIsBoundedByTheClockBothWays() {
        let clock = Timestamp(secondsSinceEpoch: 1_800_000_000)
        let earlier = Timestamp(secondsSinceEpoch: 1_700_000_000), later = Timestamp(secondsSinceEpoch: 1_900_000_000)
        #expect(EvaluationClock.expiryTime(of: earlier, source: .sourceDateEpoch, systemNow: { Self.systemNow }) == clock)
        #expect(EvaluationClock.inForceTime(of: earlier, source: .sourceDateEpoch, systemNow: { Self.systemNow }) == earlier)
        #expect(EvaluationClock.expiryTime(of: later, source: .sourceDateEpoch, systemNow: { Self.systemNow }) == later)
        #expect(EvaluationClock.inForceTime(of: later, source: .sourceDateEpoch, systemNow: { Self.systemNow }) == clock)
        for source in [EvaluationClock.Source.option, .system] {
            #expect(EvaluationClock.expiryTime(of: earlier, source: source, systemNow: { Self.systemNow }) == earlier)
            #expect(EvaluationClock.inForceTime(of: later, source: source, systemNow: { Self.systemNow }) == later)
        }
    }
}
