import Foundation
import PolicyCheckRegister
import Testing

/// `register push` and `audit` as a user runs them, against both engines: verification before storing, refusals
/// with exit 2, concurrency, a killed push, a corrupt register, and a signed period bundle `verify-report` accepts.
@Suite struct RegisterCommandTests {
    static let engines: [Engine] = Engine.postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]

    @Test func postgresEngineIsTestedOrItsSkipIsShown() {
        if Engine.postgresURL == nil {
            print("◇ register CLI tests ran against SQLite only: \(Engine.postgresSkipReason)")
        }
        #expect(Self.engines.first == .sqlite)
    }

    @Test(arguments: engines)
    func pushStoresVerifiedBundlesAndAuditWritesAVerifiableSignedBundle(_ engine: Engine) throws {
        let keys = try TemporaryFolder.make()
        let (key, pub) = try BundleFactory.keyPair("signer", in: keys)
        let factory = try BundleFactory(signKey: key)
        let register = try engine.freshLocation()
        let bundles = try factory.chain("acme/api", count: 3, prefix: "a")
        // Clones are unsigned: pushed without --pubkey.
        let push = try Shell.run(Shell.policycheck, ["register", "push"] + bundles + ["--register", register])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stdout.contains("stored \(BundleFactory.runId("a00001")) acme/api refs/heads/main chain: linked"))
        let again = try Shell.run(Shell.policycheck, ["register", "push", bundles[0], "--register", register])
        #expect(again.stdout.hasPrefix("already stored \(BundleFactory.runId("a00000"))"))
        // The signed template: with --pubkey it is stored with its signer.
        let signed = try Shell.run(Shell.policycheck, ["register", "push", try #require(factory.signedTemplate).path, "--register", register, "--pubkey", pub])
        #expect(signed.status == 0, "\(signed.stderr)")

        let out = try TemporaryFolder.make()
        let arguments = ["audit", "--from", "2025-01-01", "--to", "2025-01-31", "--register", register, "--sign-key", key]
        let first = try Shell.run(Shell.policycheck, arguments + ["--out", out.appendingPathComponent("one").path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("4 runs in 2 repository/ref chains"))
        let verify = try Shell.run(Shell.policycheck, ["verify-report", out.appendingPathComponent("one").path, "--pubkey", pub])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("INTACT"))
        let second = try Shell.run(Shell.policycheck, arguments + ["--out", out.appendingPathComponent("two").path])
        #expect(second.status == 0)
        for file in ["report.html", "report.md", "evidence.json", "evidence.json.sig"] {
            let a = FileManager.default.contents(atPath: out.appendingPathComponent("one/\(file)").path)
            let b = FileManager.default.contents(atPath: out.appendingPathComponent("two/\(file)").path)
            #expect(a != nil && a == b, "\(file) differs between two audits of the same register")
        }
    }

    @Test(arguments: engines)
    func tamperedOrUnsignedWhenRequiredBundlesAreRefusedWithNothingStored(_ engine: Engine) async throws {
        let keys = try TemporaryFolder.make()
        let (key, pub) = try BundleFactory.keyPair("signer", in: keys)
        let (_, otherPub) = try BundleFactory.keyPair("other", in: keys)
        let factory = try BundleFactory(signKey: key)
        let register = try engine.freshLocation()
        let good = try factory.clone("good", runId: BundleFactory.runId("good"), repository: "acme/api", at: BundleFactory.epoch)
        let tampered = try factory.clone("tampered", runId: BundleFactory.runId("tampered"), repository: "acme/api", at: BundleFactory.epoch + 60)
        let page = URL(fileURLWithPath: tampered.path).appendingPathComponent("report.html")
        try FileManager.default.removeItem(at: page)
        try Data("<p>nothing to see</p>".utf8).write(to: page)

        let started = Date()
        let refused = try Shell.run(Shell.policycheck, ["register", "push", good.path, tampered.path, "--register", register])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(tampered.path): error: refused: bundle failed verification: report.html"))
        #expect(refused.stderr.contains("not stored either"))
        // A clone is unsigned; the signed template is signed by `key`, not by `other`.
        let unsigned = try Shell.run(Shell.policycheck, ["register", "push", good.path, "--register", register, "--pubkey", pub])
        #expect(unsigned.status == 2)
        #expect(unsigned.stderr.contains("refused: bundle failed verification: signature"))
        let wrongKey = try Shell.run(Shell.policycheck, ["register", "push", try #require(factory.signedTemplate).path, "--register", register, "--pubkey", otherPub])
        #expect(wrongKey.status == 2)

        let opened = try await RegisterLocation.parse(register).open()
        #expect(try await opened.runCount() == 0)
        let refusals = try await opened.select(SQLStatement("SELECT COUNT(*) FROM refusals"))
        #expect(refusals.first?.first?.int == 3)
        await opened.close()
        // The bundles claim 2025-01-01; a refusal is dated by the push (the days the pushes ran), never by the claim.
        let day = { (date: Date) in String(BundleFactory.iso(Int64(date.timeIntervalSince1970)).prefix(10)) }
        let audit = try Shell.run(Shell.policycheck, ["audit", "--from", day(started), "--to", day(Date()), "--register", register,
                                                      "--out", try TemporaryFolder.make().appendingPathComponent("a").path])
        #expect(audit.stdout.contains("3 refused bundles"), "\(audit.stdout)\(audit.stderr)")
        let claimed = try Shell.run(Shell.policycheck, ["audit", "--from", "2025-01-01", "--to", "2025-01-01", "--register", register,
                                                        "--out", try TemporaryFolder.make().appendingPathComponent("c").path])
        #expect(claimed.stdout.contains("0 refused bundles"), "\(claimed.stdout)\(claimed.stderr)")
    }

    @Test(arguments: engines)
    func eightProcessesPushingTwoHundredBundlesEachStoreEveryRunExactlyOnce(_ engine: Engine) async throws {
        let factory = try BundleFactory()
        let register = try engine.freshLocation()
        // 4 chains of 200 runs = 800 runs; each of the 8 pushers takes 200 bundles, so every run is pushed twice,
        // by pushers that overlap in time and push their chains in different orders.
        var all: [String] = []
        for chain in 0..<4 { all += try factory.chain("acme/repo\(chain)", count: 200, prefix: "c\(chain)-") }
        var pushers: [Process] = []
        for worker in 0..<8 {
            var mine = (0..<200).map { all[(worker * 100 + $0) % all.count] }
            if worker % 2 == 1 { mine.reverse() }
            var lines: [String] = []
            for start in stride(from: 0, to: mine.count, by: 20) {
                let chunk: [String] = mine[start..<min(mine.count, start + 20)].map { "'" + $0 + "'" }
                lines.append("\"$0\" register push " + chunk.joined(separator: " ") + " --register '" + register + "' >/dev/null || exit 1")
            }
            let script = lines.joined(separator: "\n")
            pushers.append(try Shell.start("/bin/sh", ["-c", script, Shell.policycheck]))
        }
        for pusher in pushers {
            pusher.waitUntilExit()
            let error = (pusher.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
            #expect(pusher.terminationStatus == 0, "\(String(decoding: error, as: UTF8.self))")
        }
        let opened = try await RegisterLocation.parse(register).open()
        let rows = try await opened.select(SQLStatement("SELECT run_id, chain_status FROM runs ORDER BY run_id"))
        #expect(rows.count == 800)
        #expect(Set(rows.map { $0[0].string ?? "" }).count == 800)
        // Every gap a run pushed before its predecessor recorded was closed when the predecessor arrived.
        #expect(rows.filter { !["start", "linked"].contains($0[1].string ?? "") }.isEmpty)
        #expect(rows.filter { $0[1].string == "start" }.count == 4)
        await opened.close()
    }

    @Test(arguments: engines)
    func aPushKilledMidwayLeavesNoPartialRun(_ engine: Engine) async throws {
        let factory = try BundleFactory()
        let register = try engine.freshLocation()
        let bundles = try factory.chain("acme/big", count: 600, prefix: "k")
        // Time a whole push (into another register), then kill the same push at fractions of that time — while
        // verifying, connecting, and inside the transaction near the end; after each kill the register holds
        // either none of its runs or all of them, and every stored run is whole.
        let started = Date()
        let whole = try Shell.run(Shell.policycheck, ["register", "push"] + bundles + ["--register", try engine.freshLocation()])
        #expect(whole.status == 0, "\(whole.stderr)")
        let duration = Date().timeIntervalSince(started)
        for fraction in [0.5, 0.7, 0.8, 0.88, 0.94, 0.98] {
            let delay = duration * fraction
            let push = try Shell.start(Shell.policycheck, ["register", "push"] + bundles + ["--register", register])
            try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
            kill(push.processIdentifier, SIGKILL)
            push.waitUntilExit()
            let opened = try await RegisterLocation.parse(register).open()
            let count = try await opened.runCount()
            #expect(count == 0 || count == 600, "a killed push left \(count) of 600 runs")
            let partial = try await opened.select(SQLStatement(
                "SELECT COUNT(*) FROM runs r WHERE NOT EXISTS (SELECT 1 FROM run_controls c WHERE c.run_id = r.run_id)"))
            #expect(partial.first?.first?.int == 0)
            await opened.close()
            if count == 600 { break }
        }
    }

    /// Reproducible runs of the same inputs at the same SOURCE_DATE_EPOCH on a pull request and on main are two runs:
    /// both are stored, the second is not refused as a conflict with the first.
    @Test func aPullRequestRunAndAMainRunOfTheSameInputsAreBothStored() throws {
        let factory = try BundleFactory()
        let register = try Engine.sqlite.freshLocation()
        var lines: [String] = []
        for (out, ref, sha) in [("pr", "refs/pull/5/merge", "a"), ("main", "refs/heads/main", "b")] {
            let report = try Shell.run(Shell.policycheck, ["report", "manifests", "--out", out], environment: [
                "SOURCE_DATE_EPOCH": String(BundleFactory.epoch), "GITHUB_REPOSITORY": "acme/infra", "GITHUB_REF": ref,
                "GITHUB_SHA": String(repeating: sha, count: 40), "GITHUB_RUN_ID": "10\(out.count)",
            ], in: factory.root)
            try #require(report.status == 0 || report.status == 1, "\(report.stderr)")
            let push = try Shell.run(Shell.policycheck, ["register", "push", factory.root.appendingPathComponent(out).path, "--register", register])
            #expect(push.status == 0, "\(push.stderr)")
            lines.append(push.stdout)
        }
        #expect(lines.map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["stored", "stored"])
        #expect(lines[0].split(separator: " ")[1] != lines[1].split(separator: " ")[1])
    }

    @Test func aCorruptRegisterFileGivesOneClearLine() throws {
        let folder = try TemporaryFolder.make()
        let corrupt = folder.appendingPathComponent("register.sqlite")
        try Data(repeating: 0x5a, count: 8192).write(to: corrupt)
        let factory = try BundleFactory()
        let bundle = try factory.clone("one", runId: BundleFactory.runId("one"), repository: "acme/api", at: BundleFactory.epoch)
        for arguments in [["register", "push", bundle.path], ["audit", "--from", "2025-01-01", "--to", "2025-01-02", "--out", folder.appendingPathComponent("out").path]] {
            let result = try Shell.run(Shell.policycheck, arguments + ["--register", corrupt.path])
            #expect(result.status == 2)
            #expect(result.stderr == "\(corrupt.path): error: cannot open the register: not a register: the file is not a SQLite database or is corrupt (file is not a database)\n")
        }
    }

    @Test func registerLocationComesFromTheSettingsFileAndBadDatesAreOneLine() throws {
        let folder = try TemporaryFolder.make()
        try "register: audit/runs.sqlite\n".write(to: folder.appendingPathComponent(".policycheck.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("audit"), withIntermediateDirectories: true)
        let period = ["audit", "--from", "2025-01-01", "--to", "2025-01-02", "--out", "out"]
        // audit only reads: the register is made by a push, or by `register migrate`.
        let made = try Shell.run(Shell.policycheck, ["register", "migrate", "--config", ".policycheck.yaml"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout == "audit/runs.sqlite: schema version \(RegisterSchema.latestVersion) ("
            + RegisterSchema.migrations.map { "\($0.version) \($0.name)" }.joined(separator: ", ") + ")\n")
        let audit = try Shell.run(Shell.policycheck, period + ["--config", ".policycheck.yaml"], in: folder)
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("audit/runs.sqlite").path))
        let optedIn = try Shell.run(Shell.policycheck, period + ["--allow-tree-config"], in: folder)
        #expect(optedIn.status == 0, "\(optedIn.stderr)")
        let bad = try Shell.run(Shell.policycheck, ["audit", "--from", "2025-13-01", "--to", "2025-01-02", "--out", "out", "--config", ".policycheck.yaml"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr == "--from: error: '2025-13-01' is not a date (YYYY-MM-DD)\n")
        let none = try Shell.run(Shell.policycheck, ["register", "push", "x"], in: try TemporaryFolder.make())
        #expect(none.status == 2)
        #expect(none.stderr.contains("no register"))
    }

    /// In CI the checkout is the pull request's: its `.policycheck.yaml` may not send the evidence to a register of its
    /// choosing (an attacker's server, or a file in the checkout that is thrown away) nor feed `audit` a forged one.
    @Test func aSettingsFileFoundUpwardMayNotChooseTheRegister() throws {
        let folder = try TemporaryFolder.make()
        try "failOn: high\nregister: postgres://attacker@evil.example/runs\n"
            .write(to: folder.appendingPathComponent(".policycheck.yaml"), atomically: true, encoding: .utf8)
        let factory = try BundleFactory()
        let bundle = try factory.clone("one", runId: BundleFactory.runId("one"), repository: "acme/api", at: BundleFactory.epoch)
        for arguments in [["register", "push", bundle.path], ["audit", "--from", "2025-01-01", "--to", "2025-01-02", "--out", "out"]] {
            let result = try Shell.run(Shell.policycheck, arguments, in: folder)
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == ".policycheck.yaml:2:1: error: 'register:' chooses where run evidence is stored and read, "
                + "and this file was found upward from the working directory, not named with --config; give --register, "
                + "name a trusted file with --config FILE, or pass --allow-tree-config\n")
            #expect(!result.stderr.contains("attacker"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        let local = folder.appendingPathComponent("trusted.sqlite").path
        let given = try Shell.run(Shell.policycheck, ["register", "push", bundle.path, "--register", local], in: folder)
        #expect(given.status == 0, "\(given.stderr)")
    }
}
