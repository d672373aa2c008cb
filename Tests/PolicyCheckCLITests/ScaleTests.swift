import Foundation
import Testing

/// Many inputs: parallel runs write the same bytes as serial ones, reports streamed to a file equal standard output,
/// and long lists of file operands keep their order.
@Suite struct ScaleTests {
    typealias CLI = PolicyCheckProcess

    /// A directory of `count` plans copied from the Terraform fixtures (failing and passing), under distinct names.
    static func planDirectory(count: Int) throws -> URL {
        let directory = try CLI.temporaryDirectory()
        let fixtures = CLI.packageRoot.appendingPathComponent("Tests/PolicyCheckKitTests/Fixtures/terraform")
        let sources = ["fail/violations-eu-west-1.json", "pass/encrypted-us-east-1.json"]
        for number in 0..<count {
            let source = fixtures.appendingPathComponent(sources[number % sources.count])
            let target = directory.appendingPathComponent(String(format: "plan-%03d.json", number))
            try FileManager.default.copyItem(at: source, to: target)
        }
        return directory
    }

    @Test(arguments: ["text", "json"])
    func parallelRunsWriteTheSameBytesAsSerialRuns(_ format: String) throws {
        let directory = try Self.planDirectory(count: 48)
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["check", directory.path, "--now", "2026-11-29", "--format", format]
        let serial = try CLI.run(arguments + ["--jobs", "1"])
        let parallel = try CLI.run(arguments + ["--jobs", "2"])
        let wide = try CLI.run(arguments + ["--jobs", "7"])
        #expect(serial.status == 1)
        #expect(serial.stdout.count > 10_000)
        #expect(parallel.stdout == serial.stdout)
        #expect(wide.stdout == serial.stdout)
        #expect(parallel.status == serial.status)
    }

    @Test func aReportWrittenToAFileEqualsStandardOutput() throws {
        let directory = try Self.planDirectory(count: 48)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("report.json")
        let arguments = ["check", directory.path, "--now", "2026-11-29", "--format", "json", "--exclude", "report.json"]
        let printed = try CLI.run(arguments)
        let written = try CLI.run(arguments + ["--output", output.path])
        #expect(written.status == printed.status)
        #expect(try Data(contentsOf: output) == Data(printed.stdout.utf8))
    }

    @Test func longListsOfFileOperandsKeepTheirOrder() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keys = CLI.packageRoot.appendingPathComponent("Tests/KeyMaterialTests/Fixtures")
        let names = ["ec-p256-spki.pem", "ed25519-spki.der", "rsa2048-pkcs8.pem"]
        var paths: [String] = []
        for number in 0..<90 {
            let target = directory.appendingPathComponent(String(format: "%03d-", 89 - number) + names[number % 3])
            try FileManager.default.copyItem(at: keys.appendingPathComponent(names[number % 3]), to: target)
            paths.append(target.path)
        }
        // Operands before and after an option, in an order that is not sorted.
        let result = try CLI.run(["keys", "inspect"] + paths.prefix(50) + ["--format", "json"] + paths.dropFirst(50))
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let files = (object?["keys"] as? [[String: Any]])?.compactMap { $0["file"] as? String } ?? []
        #expect(files == paths)
    }

    /// Hundreds of bad inputs with the report in a file: one error line each on standard error (more than a pipe
    /// holds), every good input still checked, exit 2. The harness drains both streams at once, or this would block.
    /// The limit is a hang guard, not a measure: the run itself takes about a second even under AddressSanitizer, but
    /// with the whole suite running beside it on two cores the AddressSanitizer stage once took over a minute.
    @Test(.timeLimit(.minutes(5))) func manyBadInputsEachGetOneErrorLineAndTheGoodOnesAreStillChecked() throws {
        let directory = try Self.planDirectory(count: 2)
        defer { try? FileManager.default.removeItem(at: directory) }
        for number in 0..<1_200 {
            try "{\"resource_changes\": [\n".write(to: directory.appendingPathComponent(String(format: "broken-%04d.json", number)),
                                                    atomically: true, encoding: .utf8)
        }
        let report = directory.appendingPathComponent("report.txt")
        let result = try CLI.run(["check", directory.path, "--now", "2026-11-29", "--output", report.path])
        #expect(result.status == 2)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains("/broken-") && $0.contains(": error: ") }
        #expect(errors.count == 1_200)
        #expect(result.stderr.utf8.count > 65_536)
        #expect(try String(contentsOf: report, encoding: .utf8).contains("plan-000.json"))
    }
}
