@testable import PolicyCheckRender
import PolicyCheckModel
import PolicyCheckPolicy
import Testing

/// A base's finding that several builds share is reported once naming every build; one a build changes stays its
/// own, naming its build. A walked file's skip reason names every build that took it in, and never says "checked"
/// when none of them succeeded; a patch no build applied is read raw.
@Suite struct KustomizeFindingsTests {
    static func finding(resource: String, line: Int = 9) -> Finding {
        Finding(ruleId: "MMC-NET-011", title: "t", category: .network, severity: .high, resource: resource,
                file: "k/base/service.yaml", line: line, column: 3, path: "spec.loadBalancerSourceRanges",
                message: "'0.0.0.0/0' admits every IPv4 address", remediation: "r", controls: [])
    }

    @Test func aFindingTheBuildsShareIsSaidOnceNamingThemAll() {
        var builds = KustomizeFindings()
        builds.add([Self.finding(resource: "Service/default/web")], build: "k/overlays/dev")
        builds.add([Self.finding(resource: "Service/default/web")], build: "k/base")
        builds.add([Self.finding(resource: "Service/prod/web")], build: "k/overlays/prod")
        let labelled = builds.labelled()
        #expect(labelled.map(\.message) == [
            "'0.0.0.0/0' admits every IPv4 address (kustomize builds of k/base and k/overlays/dev)",
            "'0.0.0.0/0' admits every IPv4 address (kustomize build of k/overlays/prod)",
        ])
        // The label is not part of a finding's identity: baselines and waivers still match.
        #expect(labelled[0].fingerprint == Self.finding(resource: "Service/default/web").fingerprint)
    }

    @Test func findingsAtDifferentPlacesStayApart() {
        var builds = KustomizeFindings()
        builds.add([Self.finding(resource: "Service/default/web", line: 9), Self.finding(resource: "Service/default/web", line: 12)],
                   build: "k/base")
        #expect(builds.labelled().count == 2)
    }

    @Test func aFileSaysEveryBuildThatTookItInAndNeverCheckedWhenNoneSucceeded() throws {
        let root = try KustomizePlanTests.tree([
            "base/kustomization.yaml": "resources: [s.yaml]\npatches:\n  - path: p.yaml\n",
            "dev/kustomization.yaml": "resources: [../base]\n",
            "prod/kustomization.yaml": "resources: [../base]\n",
        ])
        let plan = KustomizePlanTests.plan(root, ["base", "dev", "prod"])
        var inputs = KustomizeInputs()
        inputs.record(RenderedStream.documents(Array("a: 1\n".utf8)) { _ in root + "/base/s.yaml" }, build: "prod", cwd: root)
        inputs.record(plan, succeeded: [0, 2], cwd: root)
        let reasons = inputs.reasons
        #expect(reasons[PathKey(root + "/base/s.yaml")] == "kustomization input: built by prod (its objects are checked there)")
        #expect(reasons[PathKey(root + "/base/p.yaml")] == "kustomization input: applied by base and prod (checked as built)")
        #expect(reasons[PathKey(root + "/dev/kustomization.yaml")] == "kustomization input: not checked, as dev could not be built")
    }

    /// A Component that cannot be built could otherwise name a deployable manifest as its patch to keep it unread.
    @Test func aPatchNoBuildAppliedIsReadRaw() throws {
        let root = try KustomizePlanTests.tree([
            "c/kustomization.yaml": KustomizePlanTests.component + "patches:\n  - path: deployment.yaml\n",
        ])
        let plan = KustomizePlanTests.plan(root, ["c"])
        var inputs = KustomizeInputs()
        inputs.record(plan, succeeded: [], cwd: root)
        #expect(inputs.reasons[PathKey(root + "/c/deployment.yaml")] == nil)
        #expect(inputs.reasons[PathKey(root + "/c/kustomization.yaml")] == "kustomization input: not checked, as c could not be built")
    }

    @Test func namesAreListedInOrder() {
        #expect(KustomizeInputs.list(["c", "a", "b"]) == "a, b and c")
        #expect(KustomizeInputs.list(["a"]) == "a")
    }
}
