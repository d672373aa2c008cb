import PolicyCheckKit
import Testing

/// Waivers a hostile pull request could write (docs/security.md, item 4): approved in the future, blanket, or
/// approved by the requester under an invisible disguise. Each was accepted by 0.1.0.
@Suite struct WaiverIntegrityTests {
    typealias H = SuppressionHarness
    private let atNow = WaiverRules(evaluatedAt: Fixture.now)

    @Test func aWaiverApprovedAfterTheEvaluationTimeIsInvalid() {
        // 0.1.0: in force at once, and valid until 2030-12-31 though "approved" years ahead.
        let future = H.entry(["approvedOn": "2030-01-01", "expires": "2030-12-31"])
        let problems = H.problems([future], rules: atNow)
        #expect(problems == ["waivers.yaml:5:17: error: 'waivers[0].approvedOn' (2030-01-01) is after the evaluation time "
                             + "(2026-11-29T00:00:00Z): a waiver is not in force before it is approved"])
        #expect(H.problems([H.entry(["approvedOn": "2026-11-29", "expires": "2027-11-29"])], rules: atNow).isEmpty,
                "approved on the evaluation day is in force")
    }

    @Test func evenUncheckedAFutureWaiverWaivesNothing() throws {
        let file = try H.waivers([H.entry(["resource": "pilot-eu", "approvedOn": "2027-01-01", "expires": "2027-12-31"])])
        let report = H.run(["region-unwaived.yaml"], settings: SuppressionSettings(waivers: file))
        let finding = try #require(report.findings.first { $0.ruleId == "MMC-RES-001" })
        #expect(!finding.isSuppressed)
        #expect(report.exitCode == 1)
    }

    @Test(arguments: [
        (["rule": "\"*\""], "'waivers[0].rule' pattern '*' matches every rule in force"),
        (["rule": "\"MMC-*\""], "'waivers[0].rule' pattern 'MMC-*' matches every rule in force"),
        (["resource": "\"*\""], "'waivers[0].resource' pattern '*' matches every resource"),
        (["resource": "\"?*\""], "'waivers[0].resource' pattern '?*' matches every resource"),
        (["resource": "\"[a-z]*\""], "'waivers[0].resource' pattern '[a-z]*' matches every resource"),
        // Only separators every name of a kind holds: every Kubernetes object, every Terraform address.
        (["resource": "\"*/*\""], "'waivers[0].resource' pattern '*/*' matches every resource"),
        (["resource": "\"*/*/*\""], "'waivers[0].resource' pattern '*/*/*' matches every resource"),
        (["resource": "\"*.*\""], "'waivers[0].resource' pattern '*.*' matches every resource"),
        (["resource": "\"*_*\""], "'waivers[0].resource' pattern '*_*' matches every resource"),
        // fnmatch reads an escaped character as itself.
        (["resource": "'*\\/*'"], "'waivers[0].resource' pattern '*\\/*' matches every resource"),
        (["resource": "'*\\.*'"], "'waivers[0].resource' pattern '*\\.*' matches every resource"),
        // Every Terraform AWS address holds `aws_` (a hostile pull request's `*w*`, round 33); every object kind
        // policycheck judges holds an `e`.
        (["resource": "\"*w*\""], "'waivers[0].resource' pattern '*w*' matches every resource"),
        (["resource": "\"*a*\""], "'waivers[0].resource' pattern '*a*' matches every resource"),
        (["resource": "\"aws_*\""], "'waivers[0].resource' pattern 'aws_*' matches every resource"),
        (["resource": "\"*.aws_*\""], "'waivers[0].resource' pattern '*.aws_*' matches every resource"),
        (["resource": "\"*e*/*\""], "'waivers[0].resource' pattern '*e*/*' matches every resource"),
    ] as [([String: String], String)])
    func blanketWaiversNeedTheOptIn(overrides: [String: String], message: String) {
        let problems = H.problems([H.entry(overrides)], rules: atNow)
        #expect(problems.count == 1)
        #expect(problems.first?.contains(message) == true, "\(problems)")
        #expect(problems.first?.contains("accepted only with --allow-blanket-waivers") == true)
        #expect(H.problems([H.entry(overrides)], rules: WaiverRules(evaluatedAt: Fixture.now, allowBlanket: true)).isEmpty)
    }

    /// A blanket split in parts (a hostile pull request's, docs/security.md): each rule glob matches some rules, and
    /// together they match every rule for the same resources — as `rule: "*"` would, which alone is refused.
    @Test func waiversThatTogetherMatchEveryRuleAreBlanket() {
        let split = [H.entry(["rule": "\"MMC-[A-M]*\"", "resource": "\"aws_s3_bucket.*\""]),
                     H.entry(["rule": "\"MMC-[N-Z]*\"", "resource": "\"aws_s3_bucket.*\""])]
        let problems = H.problems(split, rules: atNow)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.contains("'aws_s3_bucket.*' together match every rule in force") == true, "\(problems)")
        #expect(problems.first?.contains("accepted only with --allow-blanket-waivers") == true)
        #expect(H.problems(split, rules: WaiverRules(evaluatedAt: Fixture.now, allowBlanket: true)).isEmpty)
        // Parts for different resources, or parts that leave a rule out, are not a blanket.
        let apart = [H.entry(["rule": "\"MMC-[A-M]*\"", "resource": "\"aws_s3_bucket.*\""]),
                     H.entry(["rule": "\"MMC-[N-Z]*\"", "resource": "\"pilot-*\""])]
        #expect(H.problems(apart, rules: atNow).isEmpty)
        let partial = [H.entry(["rule": "\"MMC-[A-M]*\"", "resource": "\"aws_s3_bucket.*\""]),
                       H.entry(["rule": "\"MMC-NET-*\"", "resource": "\"aws_s3_bucket.*\""])]
        #expect(H.problems(partial, rules: atNow).isEmpty)
    }

    /// A glob that leaves out only names no reader judges (`aws_[a-y]*`: no type a reader reads starts with `z`)
    /// matches every resource the readers judge: blanket when the run gives the judged types (reviewer round 33).
    @Test func aGlobMatchingEveryJudgedTypeIsBlanket() {
        let judged = WaiverRules(evaluatedAt: Fixture.now, judgedResourceTypes: JudgedResourceTypes.terraform)
        for glob in ["aws_[a-y]*", "aws_[!z]*", "*.aws_[!z]*"] {
            let problems = H.problems([H.entry(["resource": "\"\(glob)\""])], rules: judged)
            #expect(problems.first?.contains("matches every resource") == true, "\(glob): \(problems)")
        }
        for glob in ["aws_[a-r]*", "aws_s3_bucket.*", "aws_security_group.*"] {
            #expect(H.problems([H.entry(["resource": "\"\(glob)\""])], rules: judged).isEmpty, "\(glob)")
        }
    }

    @Test func narrowPatternsAreNotBlanket() {
        for overrides in [["rule": "\"MMC-NET-*\"", "resource": "\"pilot-*\""], ["resource": "\"*-prod\""],
                          ["resource": "\"aws_s3_bucket.*\""], ["resource": "\"module.app.*\""],
                          ["resource": "\"Service/prod/*\""], ["resource": "\"*bastion*\""]] {
            #expect(H.problems([H.entry(overrides)], rules: atNow).isEmpty, "\(overrides)")
        }
    }

    @Test(arguments: [
        "\"al\u{2060}ice@example.com\"",   // WORD JOINER
        "\"ali\u{200B}ce@example.com\"",   // ZERO WIDTH SPACE
        "\"\u{FEFF}alice@example.com\"",   // ZERO WIDTH NO-BREAK SPACE
        "\"ａｌｉｃｅ@example.com\"",        // full-width letters (NFKC)
        "\"ALICE@EXAMPLE.COM\"",
        "\"alice@example.com\u{00A0}\"",   // a trailing no-break space
    ])
    func theRequesterCannotApproveUnderAnotherSpelling(approver: String) {
        let problems = H.problems([H.entry(["approvedBy": approver])], rules: atNow)
        #expect(problems.count == 1, "\(approver): \(problems)")
        #expect(problems.first?.contains("'waivers[0].approvedBy' must be someone other than the requester") == true)
    }

    @Test func namesCompareAfterRemovingFormatCharactersNormalisingAndFoldingCase() {
        #expect(PersonName.canonical("  Ma\u{2060}rie   Curie ") == "marie curie")
        #expect(PersonName.same("Straße", "STRASSE"))
        #expect(PersonName.same("ﬁona", "Fiona"))
        #expect(!PersonName.same("alice", "alicia"))
        #expect(!PersonName.same("bob", "b o b"))
    }
}
