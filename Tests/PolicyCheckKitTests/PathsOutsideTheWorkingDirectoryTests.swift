@testable import PolicyCheckKit
@testable import PolicyCheckModel
import Testing

/// Files and deployments reached from an input named relatively outside the working directory (`check ../tree`)
/// are shown as that input is, with `..`, not at absolute paths: a kustomize build's findings, its patches and its
/// "via" deployment were absolute, so a baseline written in one checkout did not cover them in another (tester,
/// round 37). An input named absolutely keeps absolute names.
@Suite struct PathsOutsideTheWorkingDirectoryTests {
    @Test func aFileFoundFromAnInputIsShownAsTheInputIsNamed() {
        #expect(InputPath.display("/w/src/tree/base/svc.yaml", foundFrom: "../src/tree", cwd: "/w/out") == "../src/tree/base/svc.yaml")
        #expect(InputPath.display("/w/out/tree/base/svc.yaml", foundFrom: "tree", cwd: "/w/out") == "tree/base/svc.yaml")
        #expect(InputPath.display("/w/base/svc.yaml", foundFrom: "../src/tree", cwd: "/w/out/") == "../base/svc.yaml")
        // Named absolutely: as `display` shows it (absolute outside the working directory).
        #expect(InputPath.display("/nowhere-else/svc.yaml", foundFrom: "/nowhere-else", cwd: "/w/out") == "/nowhere-else/svc.yaml")
    }

    @Test func aDeploymentIsNamedAsItsInputIs() {
        #expect(CheckedFile.deploymentName("../src/tree/overlays/dev/", in: "/w/out") == "../src/tree/overlays/dev")
        #expect(CheckedFile.deploymentName("app1/.", in: "/w/out") == "app1")
        #expect(CheckedFile.deploymentName("/w/out", in: "/w/out") == ".")
        #expect(CheckedFile.deploymentName("/elsewhere/app", in: "/w/out") == "/elsewhere/app")
    }
}
