@testable import PolicyCheckRegister

/// A generated year of runs (2025) with known answers: two repositories on refs/heads/main, findings that appear and
/// get fixed (one twice), one still open past its SLA, an inline ignore, a waiver that expires, a day without runs
/// on acme/web, and a run of acme/api never pushed (a chain gap).
struct YearOfRuns {
    static let start: Int64 = 1_735_689_600 // 2025-01-01T00:00:00Z
    static let days = 365
    static let apiPerDay = 100
    static let webPerDay = 40
    /// acme/api's run that is never pushed.
    static let missingAPIRun = 20_000
    /// 2025-07-04: acme/web did not run.
    static let webDayOff = 184
    /// The first day (0-based) the waiver is expired.
    static let waiverExpiredFromDay = 273

    /// acme/api runs per day: the year is scaled by it. At a divisor of 100 every finding appears, is fixed and is
    /// skipped at the same instants whatever the rate, and only the counts scale (the exact tests use 100 and 5); the
    /// benchmark's 200 a day keeps the shape, not the exact instants.
    var apiPerDay = YearOfRuns.apiPerDay
    var webPerDay = YearOfRuns.webPerDay

    /// Runs generated and pushed: acme/api less its missing run, acme/web less its day off.
    var apiRuns: Int { Self.days * apiPerDay - 1 }
    var webRuns: Int { (Self.days - 1) * webPerDay }
    var runCount: Int { apiRuns + webRuns }
    /// acme/api runs in the full year's index ranges scaled to this rate (`count` runs at 100 a day).
    func apiScaled(_ count: Int) -> Int { count * apiPerDay / Self.apiPerDay }
    /// The index of acme/api's run that is never pushed.
    var missingIndex: Int { apiScaled(Self.missingAPIRun) }

    static func apiTime(_ index: Int, perDay: Int = apiPerDay) -> Int64 {
        start + Int64(index / perDay) * 86_400 + Int64(index % perDay) * Int64(86_400 / perDay) + 30
    }

    static func webTime(day: Int, slot: Int, perDay: Int = webPerDay) -> Int64 {
        start + Int64(day) * 86_400 + Int64(slot) * Int64(86_400 / perDay) + 90
    }

    static func apiId(_ index: Int) -> String { "api-" + String(format: "%06d", index) }

    /// Findings open in acme/api run `index`.
    static func apiFindings(_ index: Int) -> [RunRecord.Finding] {
        var findings: [RunRecord.Finding] = []
        if (1_000..<5_000).contains(index) { findings.append(RunFactory.finding("fp-a", severity: "high")) }
        if (6_000..<6_300).contains(index) { findings.append(RunFactory.finding("fp-b", severity: "critical")) }
        if (8_000..<8_100).contains(index) || (9_000..<9_100).contains(index) { findings.append(RunFactory.finding("fp-d", severity: "high")) }
        if (10_000..<20_000).contains(index) { findings.append(RunFactory.finding("fp-i", severity: "high", suppression: "inline")) }
        if index >= 30_000 { findings.append(RunFactory.finding("fp-c", severity: "high")) }
        return findings
    }

    /// Every run in push order, in batches; the missing run is generated (so its successor names it) but not returned.
    func batches(size: Int) -> [[RunRecord]] {
        var runs: [RunRecord] = []
        var previous: RunRecord?
        let missing = missingIndex
        for index in 0..<(Self.days * apiPerDay) {
            let scaled = index * Self.apiPerDay / apiPerDay
            let run = RunFactory.run(Self.apiId(index), repository: "acme/api", at: Self.apiTime(index, perDay: apiPerDay),
                                     previous: previous, findings: Self.apiFindings(scaled))
            if index != missing { runs.append(run) }
            previous = run
        }
        previous = nil
        for day in 0..<Self.days where day != Self.webDayOff {
            let expired = day >= Self.waiverExpiredFromDay
            for slot in 0..<webPerDay {
                var findings = [RunFactory.finding("fp-w", severity: "medium")]
                if !expired { findings.append(RunFactory.finding("fp-x", severity: "medium", suppression: "waiver")) }
                let run = RunFactory.run("web-" + String(format: "%03d-%03d", day, slot), repository: "acme/web",
                                         at: Self.webTime(day: day, slot: slot, perDay: webPerDay), previous: previous,
                                         findings: findings, waivers: [RunFactory.waiver(status: expired ? "expired" : "active")])
                runs.append(run)
                previous = run
            }
        }
        return stride(from: 0, to: runs.count, by: size).map { Array(runs[$0..<min(runs.count, $0 + size)]) }
    }

    /// Pushes the year into `register`; returns the number of runs stored.
    func fill(_ register: any RunRegister, batch: Int = 2_000) async throws -> Int {
        var stored = 0
        for runs in batches(size: batch) {
            stored += try await register.push(runs).count
        }
        return stored
    }
}
