import Foundation
import PolicyCheckTestSupport
import PolicyCheckKit
import Testing

/// A directory walk does not enter version-control, dependency and build directories (`.git`, `node_modules`,
/// `.build`, `.terraform`), but lists each one it meets as a skip with its reason — a world-open Service kept there
/// (which kubectl apply -R reads) never passes in silence — and a pruned directory named as a path is checked.
@Suite struct PrunedDirectoryWalkTests {
    static let openService = "apiVersion: v1\nkind: Service\nmetadata:\n  name: ssh\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 22\n"
    static let pruned = [".git", ".build", ".terraform", "node_modules"]

    /// A `deploy` directory with a compliant Service, and the open one under each pruned directory.
    private static func tree() throws -> URL {
        let deploy = ScratchFolder.path("pruned").appendingPathComponent("deploy")
        try FileManager.default.createDirectory(at: deploy, withIntermediateDirectories: true)
        try Data("apiVersion: v1\nkind: Service\nmetadata:\n  name: ok\nspec:\n  type: ClusterIP\n  ports:\n    - port: 80\n".utf8)
            .write(to: deploy.appendingPathComponent("ok.yaml"))
        for name in pruned {
            let inside = deploy.appendingPathComponent("\(name)/x")
            try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
            try Data(openService.utf8).write(to: inside.appendingPathComponent("svc.yaml"))
        }
        return deploy
    }

    private static func run(_ path: String) -> CheckReport {
        CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test").run(paths: [path])
    }

    @Test func eachPrunedDirectoryIsAnExplainedSkip() throws {
        let deploy = try Self.tree()
        let report = Self.run(deploy.path)
        #expect(report.findings.isEmpty && report.filesChecked.count == 1, "\(report.findings)")
        let skipped = report.filesSkipped.filter { $0.kind == "directory not entered" }
        #expect(skipped.map { ($0.file as NSString).lastPathComponent }.sorted() == Self.pruned.sorted(), "\(report.filesSkipped)")
        #expect(skipped.allSatisfy { $0.reason.hasSuffix("name it as a path to check what it holds") })
    }

    @Test func aPrunedDirectoryNamedAsAPathIsChecked() throws {
        let deploy = try Self.tree()
        for name in Self.pruned {
            let report = Self.run(deploy.appendingPathComponent(name).path)
            #expect(report.findings.map(\.ruleId).contains("MMC-NET-001"), "\(name): \(report.findings.map(\.ruleId)) \(report.errors)")
            #expect(report.filesSkipped.isEmpty, "\(name): \(report.filesSkipped)")
        }
    }
}
