import Foundation
import Synchronization
import Testing

/// `check` and `report` load the default pack on another thread while their arguments are parsed. A run that ends
/// before it needs the pack (help, a usage error) must still end with its own exit code: exiting while the preload was
/// hashing the pack ran OpenSSL's clean-up under it and crashed (a segmentation fault about once in a hundred runs on
/// a busy machine).
@Suite struct EarlyExitTests {
    typealias CLI = PolicyCheckProcess

    @Test("80 runs that end early, four at a time, each exit with their own code and no crash")
    func earlyExitsNeverCrash() {
        let cases: [(arguments: [String], status: Int32)] = [
            (["check", "--help"], 0), (["report", "--help"], 0), (["check", "--no-such-flag"], 2),
            (["report", "--fail-on", "severe", "--out", "x"], 2),
        ]
        let statuses = Mutex<[(Int, Int32, String)]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<20 {
                let index = (worker + round) % cases.count
                let result = try? CLI.run(cases[index].arguments)
                statuses.withLock { $0.append((index, result?.status ?? -1, result?.stderr ?? "did not run")) }
            }
        }
        let runs = statuses.withLock { $0 }
        #expect(runs.count == 80)
        for (index, status, stderr) in runs {
            #expect(status == cases[index].status, "\(cases[index].arguments) exited \(status): \(stderr.prefix(300))")
            #expect(!stderr.contains("crashed"), "\(cases[index].arguments): \(stderr.prefix(300))")
        }
    }
}
