import PolicyCheckKit
import PolicyCheckSyntax
import Testing

/// A deployment read from several files (a Terraform module, a rendered chart): each finding, inline ignore and
/// diagnostic names the file its origin is in.
@Suite struct MultiFileDeploymentTests {
    /// A second file of the deployment, holding an out-of-region database region on line 3, column 11.
    static let second = SourceFile(path: "modules/db/main.yaml", bytes: Array("# the database\ndatabase:\n  region: eu-west-1\n".utf8))

    /// The compliant sample, with a region reference from `second` added.
    static func spanningTwoFiles() throws -> Deployment {
        var deployment = try #require(Fixture.check("native/compliant/dedicated.yaml").deployments.first)
        let index = deployment.addSourceFile(second)
        #expect(index == 1)
        #expect(deployment.addSourceFile(second) == 1, "adding a file twice keeps its first index")
        #expect(deployment.addSourceFile(deployment.source) == 0)
        let offset = second.offset(line: 3, column: 11)
        deployment.regions.append(RegionReference("eu-west-1", at: Origin(file: index, offset: offset, path: "database.region"),
                                                  component: "database", role: "database region"))
        return deployment
    }

    static func evaluate(_ deployment: Deployment) -> Evaluation {
        Evaluator(policy: Fixture.defaultPolicy).evaluate(deployment, context: CheckContext(now: Fixture.now))
    }

    @Test func eachFindingIsReportedInItsOwnFile() throws {
        let deployment = try Self.spanningTwoFiles()
        let findings = Self.evaluate(deployment).findings
        let residency = try #require(findings.first { $0.ruleId == "MMC-RES-001" }, "\(findings)")
        #expect(residency.file == "modules/db/main.yaml")
        #expect((residency.line, residency.column) == (3, 11))
        #expect(residency.path == "database.region")
        // Nothing else moved: the compliant sample's own file has no finding, and the origin of the deployment
        // itself still resolves in its own file.
        #expect(findings.allSatisfy { $0.file == "modules/db/main.yaml" })
        #expect(deployment.locate(deployment.origin).file.path == "native/compliant/dedicated.yaml")
    }

    @Test func originsKeepOffsetAndFileApart() {
        var origin = Origin(file: 3, offset: 1234, path: "a.b")
        #expect(origin.fileIndex == 3 && origin.offset == 1234)
        origin.offset = 99
        #expect(origin.fileIndex == 3 && origin.offset == 99)
        #expect(origin.inFile(0) != origin, "the same offset in another file is another place")
        #expect(Origin(offset: 99, path: "a.b") == origin.inFile(0))
    }

    /// A bare deployment whose own file is `own`, with an out-of-region database region on line 3, column 11 of
    /// `other`.
    static func deployment(own: String, other: String) -> Deployment {
        let source = SourceFile(path: "main.yaml", bytes: Array(own.utf8))
        var deployment = Deployment(name: "acme", source: source, format: .native, origin: Origin(offset: 0, path: ""))
        let file = SourceFile(path: "modules/db/main.yaml", bytes: Array(other.utf8))
        let index = deployment.addSourceFile(file)
        deployment.regions.append(RegionReference("eu-west-1", at: Origin(file: index, offset: file.offset(line: 3, column: 11),
                                                                          path: "database.region"),
                                                  component: "database", role: "database region"))
        return deployment
    }

    static func suppress(_ deployment: Deployment) -> (finding: Finding?, stale: [Diagnostic], errors: [Diagnostic]) {
        let suppressor = InlineSuppressor(ruleIds: Fixture.defaultPolicy.rules.map(\.rule.id))
        var evaluations = [evaluate(deployment)]
        let result = suppressor.apply(to: &evaluations, deployments: [deployment])
        return (evaluations[0].findings.first { $0.ruleId == "MMC-RES-001" }, result.stale, result.errors)
    }

    @Test func anIgnoreCommentCoversFindingsInItsOwnFile() throws {
        let result = Self.suppress(Self.deployment(
            own: "a: 1\nb: 2\nc: 3\n",
            other: "# the database\ndatabase:\n  region: eu-west-1 # policycheck:ignore MMC-RES-001 approved DR copy\n"))
        let finding = try #require(result.finding)
        #expect(finding.file == "modules/db/main.yaml")
        #expect(finding.suppression?.location == "modules/db/main.yaml:3")
        #expect(result.stale.isEmpty && result.errors.isEmpty)
    }

    @Test func anIgnoreCommentInAnotherFileOnTheSameLineCoversNothing() throws {
        let result = Self.suppress(Self.deployment(
            own: "a: 1\nb: 2\nc: 3 # policycheck:ignore MMC-RES-001 meant for the other file\n",
            other: "# the database\ndatabase:\n  region: eu-west-1\n"))
        let finding = try #require(result.finding)
        #expect(finding.suppression == nil)
        #expect(result.stale.map(\.description) == [
            "main.yaml:3:6: warning: stale inline ignore (MMC-RES-001) matched no finding; remove it",
        ])
    }
}
