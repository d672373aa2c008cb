import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// Custom rules (`select`/`assert`): operators, unknown values, locations, messages and raw attributes.
@Suite struct CustomRuleTests {
    static let manifest = """
        apiVersion: policycheck/v1
        kind: Deployment
        metadata: {name: acme, owner: ops}
        spec:
          offering: dedicated
          region: us-east-1
          database: {engine: mysql, encryption: {atRest: true, kmsKey: data-key}}
          fileStore: {type: s3, encryption: {algorithm: AES256}}
          backups: {retentionDays: 35}
          keys:
            - {id: data-key, arn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
          network:
            ipFiltering:
              enabled: true
              allowlist:
                - {cidr: 198.51.100.0/24, description: OPS-1 office}
                - {cidr: 10.0.0.0/16, description: vpn}

        """

    struct Case: Sendable, CustomTestStringConvertible {
        var select: String
        var assert: String
        /// Whether the rule must fail (else it must pass) for at least one selected resource.
        var fails: Bool
        var testDescription: String { "\(assert) → \(fails ? "fail" : "pass")" }
    }

    static let cases: [Case] = [
        Case(select: "{resource: data-store, kind: database}", assert: "{path: encryption.atRest, equals: true}", fails: false),
        Case(select: "{resource: data-store, kind: database}", assert: "{path: encryption.atRest, equals: false}", fails: true),
        Case(select: "{resource: data-store, kind: file-store}", assert: "{path: encryption.algorithm, notEquals: AES256}", fails: true),
        Case(select: "{resource: data-store, kind: file-store}", assert: "{path: encryption.kmsKey, notEquals: x}", fails: false),
        Case(select: "{resource: data-store, kind: database}", assert: "{path: encryption.kmsKey.account, equals: 111122223333}", fails: false),
        Case(select: "{resource: data-store, kind: database}", assert: "{path: encryption.kmsKey.region, in: [eu-west-1]}", fails: true),
        Case(select: "{resource: data-store, kind: database}", assert: "{path: encryption.kmsKey.region, notIn: [eu-west-1]}", fails: false),
        Case(select: "{resource: data-store, kind: file-store}", assert: "{path: encryption.kmsKey, exists: true}", fails: true),
        Case(select: "{resource: data-store, kind: file-store}", assert: "{path: encryption.kmsKey, absent: true}", fails: false),
        Case(select: "{resource: key}", assert: "{path: arn, matches: \"^arn:aws:kms:us-east-1:\"}", fails: false),
        Case(select: "{resource: key}", assert: "{path: arn.account, matches: \"^9\"}", fails: true),
        Case(select: "{resource: deployment}", assert: "{path: backups.retentionDays, greaterThan: 30}", fails: false),
        Case(select: "{resource: deployment}", assert: "{path: backups.retentionDays, lessThan: 30}", fails: true),
        Case(select: "{resource: allowlist-entry}", assert: "{path: description, lengthAtLeast: 4}", fails: true),
        Case(select: "{resource: allowlist-entry}", assert: "{path: description, lengthAtMost: 20}", fails: false),
        Case(select: "{resource: deployment}", assert: "{path: capabilities, contains: ip-filtering}", fails: false),
        Case(select: "{resource: allowlist-entry}", assert: "{path: cidr, cidrWithin: 198.51.100.0/22}", fails: true),
        Case(select: "{resource: allowlist-entry}", assert: "{not: {path: cidr, cidrOverlaps: [10.0.0.0/8]}}", fails: true),
        Case(select: "{resource: allowlist-entry}", assert: "{path: cidr, prefixAtLeast: {ipv4: 16}}", fails: false),
        Case(select: "{resource: allowlist-entry}", assert: "{path: cidr, prefixAtLeast: {ipv4: 24}}", fails: true),
        Case(select: "{resource: allowlist-entry, prefixLength: 24}", assert: "{path: description, matches: \"OPS-[0-9]+\"}", fails: false),
        Case(select: "{resource: deployment}", assert: "{any: [{path: region, equals: eu-west-1}, {path: offering, equals: dedicated}]}", fails: false),
        Case(select: "{resource: deployment}", assert: "{not: {all: [{path: region, equals: us-east-1}, {path: offering, equals: dedicated}]}}", fails: true),
        Case(select: "{resource: data-store, kind: database}", assert: "{path: raw.engine, equals: postgres}", fails: true),
        Case(select: "{resource: deployment}", assert: "{path: raw.metadata.owner, equals: ops}", fails: false),
        Case(select: "{resource: key}", assert: "{path: raw.arn, matches: \"111122223333\"}", fails: false),
        Case(select: "{resource: region}", assert: "{path: region, equals: us-east-1}", fails: false),
        Case(select: "{resource: allowlist}", assert: "{path: entryCount, lessThan: 2}", fails: true),
    ]

    @Test(arguments: cases)
    func operatorDecidesAsDocumented(_ testCase: Case) throws {
        let policy = try PackText.load(PackText.customRule("select: \(testCase.select)\nassert: \(testCase.assert)"))
        let result = Fixture.check(yaml: Self.manifest, policy: policy)
        #expect(result.errors.isEmpty, "\(result.summary)")
        let statuses = result.outcomes.filter { $0.ruleId == "T-001" }.map(\.status)
        #expect(!statuses.isEmpty)
        #expect(statuses.contains(.fail) == testCase.fails, "\(statuses) \(result.summary)")
        #expect(result.findings.isEmpty == !testCase.fails)
    }

    @Test func findingPointsAtTheAttributeAndInterpolatesTheMessage() throws {
        let policy = try PackText.load(PackText.customRule("""
            category: encryption
            select: {resource: data-store, kind: file-store}
            assert: {path: encryption.algorithm, equals: aws:kms}
            message: "{resource} uses {value} ({path}); key {encryption.kmsKey}"
            """))
        let finding = try #require(Fixture.check(yaml: Self.manifest, policy: policy).findings.first)
        #expect(finding.message == "acme/fileStore uses AES256 (encryption.algorithm); key (not set)")
        #expect(finding.line == 8 && finding.column == 49)
        #expect(finding.path == "spec.fileStore.encryption.algorithm")
        #expect(finding.category == .encryption)
        #expect(finding.severity == .high)
        #expect(finding.controls == ["SOC2:CC6.1"])
    }

    @Test func findingAboutAnAttributeThatIsNotSetPointsAtTheResource() throws {
        let policy = try PackText.load(PackText.customRule("""
            select: {resource: data-store, kind: file-store}
            assert: {path: encryption.kmsKey, exists: true}
            """))
        let finding = try #require(Fixture.check(yaml: Self.manifest, policy: policy).findings.first)
        #expect(finding.line == 8 && finding.column == 14)
        #expect(finding.message == "'encryption.kmsKey' is not set; expected it to be set")
        #expect(finding.category == .custom)
    }

    @Test func unknownValuesCannotBeVerified() throws {
        let policy = try PackText.load(PackText.customRule("""
            select: {resource: data-store}
            assert: {path: encryption.kmsKey.account, equals: "111122223333"}
            """))
        let source = SourceFile(path: "plan.json", bytes: Array("{}".utf8))
        var deployment = Deployment(name: "plan", source: source, format: .terraformPlan, origin: Origin(offset: 0, path: ""))
        deployment.qualifiesResourceNames = false
        var store = DataStore(kind: .database, component: "aws_db_instance.main", origin: Origin(offset: 0, path: "resources[0]"),
                              encryption: Encryption(origin: Origin(offset: 0, path: "resources[0].values")))
        store.encryption.kmsKey = Located(.unknown(reason: "known only after apply"), at: Origin(offset: 1, path: "kms_key_id"))
        deployment.dataStores = [store]
        let evaluation = Evaluator(policy: policy).evaluate(deployment, context: CheckContext(now: Fixture.now))
        #expect(evaluation.outcomes.map(\.status) == [.cannotVerify])
        let finding = try #require(evaluation.findings.first)
        #expect(finding.cannotVerify && finding.severity == .info)
        #expect(finding.message == "'encryption.kmsKey.account' cannot be verified: known only after apply")
    }

    @Test func aRegionKnownOnlyAfterApplyCannotBeVerified() throws {
        let policy = try PackText.load(PackText.customRule("""
            select: {resource: region}
            assert: {path: region, in: [us-east-1]}
            """))
        let source = SourceFile(path: "plan.json", bytes: Array("{}".utf8))
        var deployment = Deployment(name: "plan", source: source, format: .terraformPlan, origin: Origin(offset: 0, path: ""))
        deployment.qualifiesResourceNames = false
        deployment.regions = [RegionReference(unknown: "known only after apply (it comes from var.replica_region)",
                                              at: Origin(offset: 1, path: "replica[0].region_name"),
                                              component: "aws_dynamodb_table.t", role: "replica region", isReplica: true)]
        let evaluation = Evaluator(policy: policy).evaluate(deployment, context: CheckContext(now: Fixture.now))
        #expect(evaluation.outcomes.map(\.status) == [.cannotVerify])
        #expect(evaluation.findings.first?.message
            == "'region' cannot be verified: known only after apply (it comes from var.replica_region)")
    }

    @Test func ruleThatSelectsNothingIsNotApplicable() throws {
        let policy = try PackText.load(PackText.customRule("""
            select: {resource: data-store, kind: cache}
            assert: {path: encrypted, equals: true}
            """))
        let result = Fixture.check(yaml: Self.manifest, policy: policy)
        #expect(result.outcomes.map(\.status) == [.notApplicable])
    }

    @Test func formatsInTheSelectorLimitTheRule() throws {
        let policy = try PackText.load(PackText.customRule("""
            select: {resource: deployment, formats: [terraform-plan]}
            assert: {path: region, equals: nowhere}
            """))
        #expect(Fixture.check(yaml: Self.manifest, policy: policy).findings.isEmpty)
    }

    // MARK: - Pack errors

    struct Invalid: Sendable, CustomTestStringConvertible {
        var body: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { message }
    }

    static let invalid: [Invalid] = [
        Invalid(body: "select: {resource: data-stor}\nassert: {path: kind, equals: x}", line: 9, column: 24,
                message: "unknown resource kind 'data-stor'; expected one of data-store, key, key-material, allowlist, allowlist-entry, region, deployment, key-file (did you mean 'data-store'?)"),
        Invalid(body: "select: {resource: key}\nassert: {path: arn, equal: x}", line: 10, column: 25,
                message: "unknown field 'equal' in 'rules[0].assert' (did you mean 'equals'?)"),
        Invalid(body: "select: {resource: key}\nassert: {path: rotation.periodDays, greaterThan: soon}", line: 10, column: 54,
                message: "'rules[0].assert.greaterThan' must be a number ('rotation.periodDays' is a number), found a string"),
        Invalid(body: "select: {resource: key}\nassert: {path: arn, matches: \"[\"}", line: 10, column: 34,
                message: "'rules[0].assert.matches' is not a valid regular expression: expected custom character class members"),
        Invalid(body: "select: {resource: allowlist-entry}\nassert: {path: cidr, cidrWithin: 10.0.0.0/33}", line: 10, column: 38,
                message: "'rules[0].assert.cidrWithin' holds an invalid CIDR block: '10.0.0.0/33' is not a valid CIDR: prefix length 33 is out of range 0–32 for IPv4"),
        Invalid(body: "select: {resource: key}\nassert: {path: arn, equals: x, in: [y]}", line: 10, column: 36,
                message: "one operator per comparison ('equals' and 'in'); combine comparisons with 'all'"),
        Invalid(body: "select: {resource: region}\nassert: {path: raw.x, exists: true}", line: 10, column: 20,
                message: "region resources have no raw attributes; use a normalised attribute"),
        Invalid(body: "select: {resource: key}\nassert: {path: arn, exists: true}\nmessage: \"{arn.acount}\"", line: 11, column: 14,
                message: "unknown placeholder '{arn.acount}' in 'rules[0].message' (did you mean 'arn.account'?)"),
        Invalid(body: "select: {resource: key}\nassert: {all: []}", line: 10, column: 19,
                message: "'rules[0].assert.all' must be a non-empty list of conditions"),
        Invalid(body: "select: {resource: key}\nassert: {path: arn, exists: true}\ncheck: network.world-open", line: 11, column: 12,
                message: "a rule has either 'check' (a built-in) or 'assert' (a custom rule), not both"),
        Invalid(body: "select: {resource: key}\nassert: {path: multiRegion, in: [true, maybe]}", line: 10, column: 44,
                message: "'rules[0].assert.in[1]' must be true or false ('multiRegion' is a boolean), found a string"),
        // A value a closed attribute never takes: the rule would select nothing, or always hold (tester, round 35).
        Invalid(body: "select: {resource: allowlist-entry, version: IPv4}\nassert: {path: cidr, exists: true}", line: 9, column: 50,
                message: "'IPv4' is no value of 'version', which is one of ipv4, ipv6 (did you mean 'ipv4'?)"),
        Invalid(body: "select: {resource: allowlist-entry, version: 4}\nassert: {path: cidr, exists: true}", line: 9, column: 50,
                message: "'4' is no value of 'version', which is one of ipv4, ipv6"),
        Invalid(body: "select: {resource: data-store}\nassert: {path: kind, notIn: [database, filestore]}", line: 10, column: 44,
                message: "'filestore' is no value of 'kind', which is one of database, file-store, backups, cache, volume, secrets, logs, stream (did you mean 'file-store'?)"),
    ]

    @Test(arguments: invalid)
    func invalidAssertionIsALocatedPackError(_ expected: Invalid) throws {
        let diagnostics = PackText.lint(PackText.customRule(expected.body)).filter(\.isError)
        #expect(diagnostics.map(\.message) == [expected.message])
        let first = try #require(diagnostics.first)
        #expect(first.location == SourceLocation(line: expected.line, column: expected.column))
    }
}
