import Foundation
import Testing

/// End-to-end: values an input marks secret — a plan's `after_sensitive`, a `sensitive` variable or `sensitive()` in
/// Terraform source, a `NoEcho` CloudFormation parameter — never reach a report, and a fingerprint does not count
/// them (it would confirm a guess).
@Suite struct SensitiveValueCommandTests {
    typealias CLI = PolicyCheckProcess

    static let fixture = CLI.fixture("sensitive-values-not-printed")
    /// The values, and the letters and digits a loop's `&{Cidr}` makes of a `NoEcho` list's items.
    /// The pieces `!Split` cuts a `NoEcho` text into, and a `NoEcho` port as the port reads it (`05432`), too.
    static let secrets = ["10.20.30", "10.50.60", "1020307732", "105060932", "Falcon", "10.70.80", "10.90.91", "5432", "10.44.", "10.62.91", "100.177"]

    @Test(arguments: ["text", "json", "sarif", "junit", "github"])
    func noFormatPrintsAMarkedValue(_ format: String) throws {
        let result = try CLI.run(["check", Self.fixture, "--format", format, "--fail-on", "none"],
                                 environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for secret in Self.secrets {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(result.stdout)")
        }
        // What is not marked is still quoted, and each marked value's finding is still made.
        #expect(result.stdout.contains("198.51.100.0/24"), "\(result.stdout)")
        #expect(result.stdout.contains("(sensitive value)"), "\(result.stdout)")
    }

    @Test func eachMarkedValueIsFoundInEveryKindOfInput() throws {
        let result = try CLI.run(["check", Self.fixture, "--fail-on", "none"])
        let withheld = "(what the check found in it is not shown, as it would tell of a value marked sensitive)"
        for line in ["noecho.yaml:13:11 low MMC-NET-008 '(sensitive value)' fails: Ensure every allowlist entry says what it is for \(withheld)",
                     "plan.json:26:13 low MMC-NET-008 '(sensitive value)' fails: Ensure every allowlist entry says what it is for \(withheld)",
                     "main.tf:14:3 low MMC-NET-008 '(sensitive value)' fails: Ensure every allowlist entry says what it is for \(withheld)",
                     "noecho-list.yaml:15:9 low MMC-NET-008 '(sensitive value)' fails: Ensure every allowlist entry says what it is for \(withheld) [In(sensitive value)]",
                     "noecho-list.yaml:18:5 low MMC-NET-008 '(sensitive value)' fails: Ensure every allowlist entry says what it is for \(withheld) [Selected]",
                     "noecho-cidr.yaml:10:5 low MMC-NET-008 '(sensitive value)' fails: Ensure every allowlist entry says what it is for \(withheld) [Office]",
                     "noecho-pieces.yaml:15:5 low MMC-NET-008 '(sensitive value)' fails: Ensure every allowlist entry says what it is for \(withheld) [Gateway]",
                     "noecho-pieces.yaml:23:5 low MMC-NET-008 '(sensitive value)' fails: Ensure every allowlist entry says what it is for \(withheld) [Office]",
                     "noecho-split.yaml:16:5 low MMC-NET-008 '(sensitive value)' fails: Ensure every allowlist entry says what it is for \(withheld) [First]",
                     "noecho-split.yaml:19:5 low MMC-NET-008 '(sensitive value)' fails: Ensure every allowlist entry says what it is for \(withheld) [Second]",
                     "noecho-split.yaml:22:114 critical MMC-NET-001 '(sensitive value)' fails: Ensure no allowlist admits the whole internet \(withheld); expected only the ranges that need access [Database]",
                     // What a check derives from a marked value tells of it: the network 10.50.60.41/31 means, the
                     // key id inside a marked key ARN.
                     "derived.json:7:32 low MMC-NET-003 '(sensitive value)' fails: Ensure CIDR blocks have no host bits set \(withheld)",
                     "derived.json:12:84 high MMC-KEY-001 '(sensitive value)' fails: Ensure key ARNs are well-formed KMS key ARNs \(withheld)"] {
            #expect(result.stdout.contains(line), "\(result.stdout)")
        }
    }

    /// A baseline's fingerprints (as the register's and evidence bundles') of a finding on a marked value are the
    /// same whatever the value, so that publishing them confirms nothing; an unmarked value's still changes with it.
    @Test func aFingerprintDoesNotCountAMarkedValue() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = try String(contentsOfFile: Self.fixture + "/plan.json", encoding: .utf8)
        func fingerprints(_ text: String) throws -> [String] {
            let file = directory.appendingPathComponent("plan.json")
            let baseline = directory.appendingPathComponent("baseline.json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let result = try CLI.run(["check", file.path, "--write-baseline", baseline.path, "--fail-on", "none"])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let written = try String(contentsOf: baseline, encoding: .utf8)
            for secret in ["10.20.30", "10.99.99", "203.0.113"] { #expect(!written.contains(secret), "\(written)") }
            let document = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
            let entries = try #require(document["findings"] as? [[String: Any]] ?? document["entries"] as? [[String: Any]])
            return entries.map { "\($0["ruleId"] ?? "") \($0["resource"] ?? "") \($0["fingerprint"] ?? "")" }
        }
        let original = try fingerprints(plan)
        let otherSecret = try fingerprints(plan.replacingOccurrences(of: "10.20.30.0/24", with: "10.99.99.0/24")
            .replacingOccurrences(of: "203.0.113.0/24", with: "203.0.113.0/25"))
        let otherPublic = try fingerprints(plan.replacingOccurrences(of: "198.51.100.0/24", with: "198.51.100.0/25"))
        // MMC-NET-006 points at the marked value itself, whose text a fingerprint would otherwise count.
        #expect(original.count == 4)
        #expect(original == otherSecret)
        #expect(original != otherPublic)
    }

    /// Terraform marks a whole `ingress` block sensitive when one value in it is: a world-open entry recorded on
    /// port 22 in such a block, widened to every port, is still a new finding (the ports count) — and since round 29
    /// a baseline covers no finding whose value is withheld at all (its fingerprint cannot tell values apart), so
    /// even the unchanged entry fails, with a warning saying why and what to do instead.
    @Test func wideningAMarkedWorldOpenEntryIsStillANewFinding() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = try String(contentsOfFile: Self.fixture + "/plan.json", encoding: .utf8)
            .replacingOccurrences(of: "\"10.20.30.0/24\"", with: "\"0.0.0.0/0\"")
        let file = directory.appendingPathComponent("plan.json")
        let baseline = directory.appendingPathComponent("baseline.json")
        try plan.write(to: file, atomically: true, encoding: .utf8)
        let recorded = try CLI.run(["check", file.path, "--write-baseline", baseline.path, "--fail-on", "none"])
        #expect(recorded.stdout.contains("critical MMC-NET-001 '(sensitive value)'"), "\(recorded.stdout)")
        let same = try CLI.run(["check", file.path, "--baseline", baseline.path])
        #expect(same.status == 1, "\(same.stdout)")
        #expect(same.stdout.contains("is recorded in the baseline") && same.stdout.contains("waive it by rule and resource instead"),
                "\(same.stdout)")
        let widened = plan.replacingOccurrences(of: "\"from_port\": 22", with: "\"from_port\": 0")
            .replacingOccurrences(of: "\"to_port\": 22", with: "\"to_port\": 65535")
        try widened.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", file.path, "--baseline", baseline.path])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(!result.stdout.contains("0.0.0.0/0"), "\(result.stdout)")
    }

    /// An unused `NoEcho` parameter whose default spells a value written in clear elsewhere withholds that value
    /// (printing it would confirm the default), so its fingerprint no longer tells values apart: a baseline written
    /// with `ELBSecurityPolicy-TLS-1-1-2017-01` covered the listener after it was edited to `ELBSecurityPolicy-2016-08`
    /// (TLS 1.0), as a second unused parameter spelt that one too (tester round 29). Such findings are never covered.
    @Test func aBaselineDoesNotCoverAFindingWhoseValueIsWithheld() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let template = """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Notes:
                Type: String
                Default: "ELBSecurityPolicy-TLS-1-1-2017-01"
                NoEcho: true
              Notes2:
                Type: String
                Default: "ELBSecurityPolicy-2016-08"
                NoEcho: true
            Resources:
              L:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/x/1
                  Port: 443
                  Protocol: HTTPS
                  SslPolicy: ELBSecurityPolicy-TLS-1-1-2017-01
                  Certificates: [{CertificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/abc"}]
                  DefaultActions: [{Type: forward, TargetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/x/1"}]

            """
        let file = directory.appendingPathComponent("t.yaml")
        let baseline = directory.appendingPathComponent("baseline.json")
        try template.write(to: file, atomically: true, encoding: .utf8)
        let recorded = try CLI.run(["check", file.path, "--write-baseline", baseline.path, "--fail-on", "none"])
        #expect(recorded.stdout.contains("'(sensitive value)' fails"), "\(recorded.stdout)")
        try template.replacingOccurrences(of: "SslPolicy: ELBSecurityPolicy-TLS-1-1-2017-01", with: "SslPolicy: ELBSecurityPolicy-2016-08")
            .write(to: file, atomically: true, encoding: .utf8)
        let edited = try CLI.run(["check", file.path, "--baseline", baseline.path])
        #expect(edited.status == 1, "\(edited.stdout)")
        #expect(!edited.stdout.contains("(in baseline)") || !edited.stdout.contains("MMC-ENC"), "\(edited.stdout)")
        #expect(edited.stdout.contains("is recorded in the baseline"), "\(edited.stdout)")
        // Reached through `!Ref` of a `NoEcho` parameter: the text at the place is the parameter's name, and the
        // withheld message says the value was withheld (reviewer, round 29).
        let referenced = template.replacingOccurrences(of: "SslPolicy: ELBSecurityPolicy-TLS-1-1-2017-01", with: "SslPolicy: !Ref Notes")
        try referenced.write(to: file, atomically: true, encoding: .utf8)
        _ = try CLI.run(["check", file.path, "--write-baseline", baseline.path, "--fail-on", "none"])
        try referenced.replacingOccurrences(of: "Default: \"ELBSecurityPolicy-TLS-1-1-2017-01\"", with: "Default: \"ELBSecurityPolicy-TLS-1-0-2015-04\"")
            .write(to: file, atomically: true, encoding: .utf8)
        let throughRef = try CLI.run(["check", file.path, "--baseline", baseline.path])
        #expect(throughRef.status == 1, "\(throughRef.stdout)")
        #expect(throughRef.stdout.contains("is recorded in the baseline"), "\(throughRef.stdout)")
    }
}
