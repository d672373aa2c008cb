import Foundation
import Testing

/// End-to-end: an inline ignore covers findings of one resource declaration only. A value several resources use — a
/// Terraform variable's default or a local, a CloudFormation stack set's `TemplateBody` — is placed at one line, so
/// an ignore reviewed there for one resource silently covered the others (tester, round 29: exit 0). Such an ignore
/// is an error at its place (exit 2) and covers nothing; instances of one declaration still share an ignore.
@Suite struct InlineIgnoreDeclarationCommandTests {
    typealias CLI = PolicyCheckProcess

    static func fixture(_ name: String) -> String {
        CLI.fixture("inline-ignore-declarations/\(name)")
    }

    private func check(_ path: String, in directory: URL = CLI.packageRoot) throws -> CLI.Result {
        try CLI.run(["check", path, "--jobs", "1", "--offering", "dedicated"], in: directory)
    }

    @Test func anIgnoreAtAVariableDefaultTwoResourcesUseIsAnErrorAndCoversNeither() throws {
        let directory = URL(fileURLWithPath: Self.fixture("fail-ignore-at-variable-default-used-by-two-resources"))
        let result = try check(".", in: directory)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.contains("main.tf:7:3: error: 'policycheck:ignore' covers findings of 2 resources declared apart "
                                + "('aws_security_group.bastion', 'aws_security_group.database')"), "\(output)")
        #expect(output.contains("waive each resource by name in the waiver file instead"), "\(output)")
        // Both findings are reported, neither suppressed.
        #expect(output.contains("critical MMC-NET-001 '0.0.0.0/0' admits every IPv4 address on port 22"), "\(output)")
        #expect(output.contains("critical MMC-NET-001 '0.0.0.0/0' admits every IPv4 address on port 5432"), "\(output)")
        #expect(!output.contains("ignored inline"), "\(output)")
    }

    @Test func anIgnoreAtALocalTwoResourcesUseIsAnError() throws {
        let directory = URL(fileURLWithPath: Self.fixture("fail-ignore-at-local-used-by-two-resources"))
        let result = try check(".", in: directory)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.contains("main.tf:5:3: error: 'policycheck:ignore' covers findings of 2 resources declared apart "
                                + "('aws_security_group_rule.bastion', 'aws_security_group_rule.db')"), "\(output)")
        #expect(!output.contains("ignored inline"), "\(output)")
    }

    /// Names spelt with withheld (sensitive) values all print as one name, yet are two declarations (round 29).
    @Test func anIgnoreAboveAManifestOfTwoSensitiveNamesIsAnError() throws {
        let output = try refusedCheck("fail-ignore-above-manifest-of-two-sensitive-names",
                                      at: "main.tf:12:3", naming: 2)
        #expect(!output.contains("bastion-svc") && !output.contains("orders-db"), "\(output)")
    }

    /// Two blocks of one type and name in two modules are two declarations, not two instances of one (round 29).
    @Test func anIgnoreAtAVariableDefaultUsedBySameNamedBlocksOfTwoModulesIsAnError() throws {
        let output = try refusedCheck("fail-ignore-at-variable-default-used-by-same-named-blocks-of-two-modules",
                                      at: "main.tf:7:3", naming: 2)
        #expect(output.contains("('aws_security_group.web', 'module.db.aws_security_group.web')"), "\(output)")
    }

    /// A root module's folder named like one of its resources does not hide that resource's findings (round 29).
    @Test func anIgnoreInAFolderNamedAsAResourceIsAnError() throws {
        let output = try refusedCheck("fail-ignore-at-variable-default-in-folder-named-as-a-resource",
                                      at: "aws_security_group.database/main.tf:7:3", naming: 2)
        #expect(output.contains("('aws_security_group.bastion', 'aws_security_group.database')"), "\(output)")
    }

    /// An object named like the file it is in (an Ingress may have dots in its name) is still a declaration of its
    /// own (round 29).
    @Test func anIgnoreAboveAListInAFileNamedAsItsIngressIsAnError() throws {
        let output = try refusedCheck("fail-ignore-above-list-in-file-named-as-its-ingress",
                                      at: "Ingress/default/web.yaml:1:1", naming: 2)
        #expect(output.contains("('Ingress/default/web.yaml', 'Service/default/bastion')"), "\(output)")
    }

    /// Checks the fixture folder from inside it, expecting the declared-apart error at `place` and every finding
    /// still reported; returns the whole output.
    private func refusedCheck(_ folder: String, at place: String, naming count: Int) throws -> String {
        let result = try check(".", in: URL(fileURLWithPath: Self.fixture(folder)))
        let output = result.stdout + result.stderr
        #expect(result.status == 2, "\(output)")
        #expect(output.contains("\(place): error: 'policycheck:ignore' covers findings of \(count) resources declared "
                                + "apart ("), "\(output)")
        #expect(output.contains("which share a value placed on this line, so it covers none of them: waive each "
                                + "resource by name in the waiver file instead"), "\(output)")
        #expect(!output.contains("ignored inline"), "\(output)")
        return output
    }

    /// A literal block body's findings are at their own lines inside the body (round 29), so an ignore above
    /// `TemplateBody` covers none of them and is stale; every finding fails.
    @Test func anIgnoreAboveAStackSetBodyCoversNoneOfItsResources() throws {
        let result = try check(Self.fixture("fail-ignore-above-stackset-template-body-of-two-resources.yaml"))
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.contains("two-resources.yaml:12:7: warning: stale inline ignore"), "\(output)")
        #expect(output.contains("critical MMC-ENC-001") && output.contains("critical MMC-NET-001"), "\(output)")
        #expect(!output.contains("ignored inline"), "\(output)")
    }

    @Test func anIgnoreAtAVariableDefaultOneResourceUsesStillCoversIt() throws {
        let directory = URL(fileURLWithPath: Self.fixture("pass-ignore-at-variable-default-used-by-one-resource"))
        let result = try check(".", in: directory)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ignored inline: bastion SSH from anywhere, reviewed in SEC-7 — main.tf:7"), "\(result.stdout)")
        #expect(!result.stderr.contains("error:"), "\(result.stderr)")
    }

    /// `count` instances, and one module block reached through two module calls and a `for_each` call, are one
    /// declaration each: their ignores cover every instance.
    @Test func instancesOfOneBlockShareAnIgnore() throws {
        let directory = URL(fileURLWithPath: Self.fixture("pass-ignore-above-count-and-module-instances"))
        let result = try CLI.run(["check", ".", "--jobs", "1", "--offering", "dedicated", "--format", "json"], in: directory)
        #expect(!result.stderr.contains("error:"), "\(result.stderr)")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let open = findings.filter { ["MMC-NET-001", "MMC-NET-011"].contains($0["ruleId"] as? String ?? "") }
        // Two count instances (port 22), four module instances (port 443).
        #expect(open.count == 6, "\(open)")
        #expect(open.allSatisfy { ($0["suppression"] as? [String: Any])?["kind"] as? String == "inline" }, "\(open)")
    }

    @Test func anIgnoreAboveAnFnForEachLoopCoversEachResourceItMakes() throws {
        let result = try check(Self.fixture("pass-ignore-above-foreach-loop-of-two-resources.yaml"))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("[EdgeA] (ignored inline: public HTTPS edge"), "\(result.stdout)")
        #expect(result.stdout.contains("[EdgeB] (ignored inline: public HTTPS edge"), "\(result.stdout)")
    }

    /// RFC 1034 §3.1: `s3.eu-west-1.amazonaws.com.` is the same host as without its trailing dot.
    @Test func aProvisionerS3EndpointWrittenAsAnAbsoluteNameNamesItsRegion() throws {
        let result = try CLI.run(["check", CLI.fixture("provisioner/fail-s3-endpoint-absolute-name.json"), "--jobs", "1"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("high MMC-RES-001"), "\(result.stdout)")
        #expect(result.stdout.contains("'eu-west-1'"), "\(result.stdout)")
    }
}
