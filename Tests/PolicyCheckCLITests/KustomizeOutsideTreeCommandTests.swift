import Foundation
import Testing

/// A kustomization that names a file or directory outside the checked tree is not built (docs/security.md row 129):
/// one located error at the entry, exit 2, nothing from outside printed, the rest still checked; with
/// `--allow-outside-tree` it is built as before.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl"), "kubectl is not installed"))
struct KustomizeOutsideTreeCommandTests {
    typealias CLI = PolicyCheckProcess

    /// `checkout/` is the working directory; `private-infra/` lies beside it, as another repository on the runner.
    static let fixture = CLI.packageRoot.appendingPathComponent(
        "Tests/PolicyCheckCLITests/Fixtures/kustomize-cases/resources-outside-tree-refused")

    static func check(_ extra: [String] = [], in directory: URL = fixture.appendingPathComponent("checkout"))
        throws -> (status: Int32, output: String, json: [String: Any]) {
        let result = try CLI.run(["check", ".", "--now", "2026-11-29", "--format", "json"] + extra, in: directory)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                "\(result.stdout)\(result.stderr)")
        return (result.status, result.stdout + result.stderr, json)
    }

    static func errors(_ json: [String: Any]) -> [String] {
        (json["errors"] as? [[String: Any]] ?? []).map {
            "\($0["file"] ?? ""):\($0["line"] ?? 0):\($0["column"] ?? 0): \($0["message"] ?? "")"
        }
    }

    static func findingFiles(_ json: [String: Any]) -> Set<String> {
        Set((json["findings"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String })
    }

    @Test func aResourceOutsideTheTreeIsRefusedAtItsEntryAndNotBuilt() throws {
        let (status, output, json) = try Self.check()
        #expect(status == 2)
        #expect(Self.errors(json) == [
            "overlay/kustomization.yaml:1:13: 'resources' names '../../private-infra/prod', which lies outside the checked tree; pass --allow-outside-tree to read it (the kustomization is not built)",
        ])
        // Nothing of the outside directory reaches the report.
        for secret in ["payments-db-internal", "secret-project", "private-infra/prod/db.yaml", "5432"] {
            #expect(!output.contains(secret), "\(secret)")
        }
        // The in-tree base and the overlay on it are still built and checked.
        #expect(Self.findingFiles(json) == ["base/service.yaml"], "\(json)")
        let messages = (json["findings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(messages.contains { $0.contains("in-tree-overlay-built") }, "\(messages)")
    }

    @Test func withAllowOutsideTreeItIsBuiltAsBefore() throws {
        let (status, _, json) = try Self.check(["--allow-outside-tree"])
        #expect(status == 1)
        #expect(Self.errors(json).isEmpty, "\(Self.errors(json))")
        #expect(Self.findingFiles(json).contains { $0.hasSuffix("private-infra/prod/db.yaml") }, "\(json)")
    }

    /// A link in the tree that leads out is judged where it leads, as every outside reference is.
    @Test func aLinkedDirectoryLeadingOutIsRefused() throws {
        let directory = try CLI.temporaryDirectory()
        let checkout = directory.appendingPathComponent("checkout")
        let manager = FileManager.default
        try manager.createDirectory(at: checkout.appendingPathComponent("app"), withIntermediateDirectories: true)
        try manager.copyItem(at: Self.fixture.appendingPathComponent("private-infra"),
                             to: directory.appendingPathComponent("private-infra"))
        try manager.createSymbolicLink(atPath: checkout.appendingPathComponent("app/prod").path,
                                       withDestinationPath: "../../private-infra/prod")
        try "resources:\n  - prod\n".write(to: checkout.appendingPathComponent("app/kustomization.yaml"),
                                         atomically: true, encoding: .utf8)
        let (status, output, json) = try Self.check(in: checkout)
        #expect(status == 2)
        #expect(Self.errors(json) == [
            "app/kustomization.yaml:2:5: 'resources' names 'prod', which lies outside the checked tree; pass --allow-outside-tree to read it (the kustomization is not built)",
        ])
        #expect(!output.contains("payments-db-internal"))
    }

    /// An in-tree kustomization whose generator reads a file outside: refused at that file's entry, in the base, and
    /// the overlay built on that base is not built either.
    @Test func aGeneratorFileOutsideTheTreeIsRefusedInTheBaseThatNamesIt() throws {
        let directory = try CLI.temporaryDirectory()
        let checkout = directory.appendingPathComponent("checkout")
        let manager = FileManager.default
        try manager.createDirectory(at: checkout.appendingPathComponent("base"), withIntermediateDirectories: true)
        try manager.createDirectory(at: checkout.appendingPathComponent("overlay"), withIntermediateDirectories: true)
        try "TOKEN=outside-value\n".write(to: directory.appendingPathComponent("runner.env"), atomically: true, encoding: .utf8)
        try "configMapGenerator:\n  - name: settings\n    envs: [../../runner.env]\n"
            .write(to: checkout.appendingPathComponent("base/kustomization.yaml"), atomically: true, encoding: .utf8)
        try "resources: [../base]\n".write(to: checkout.appendingPathComponent("overlay/kustomization.yaml"),
                                          atomically: true, encoding: .utf8)
        let (status, output, json) = try Self.check(in: checkout)
        #expect(status == 2)
        #expect(Self.errors(json) == [
            "base/kustomization.yaml:3:12: 'configMapGenerator[].envs' names '../../runner.env', which lies outside the checked tree; pass --allow-outside-tree to read it (the kustomization is not built)",
        ])
        #expect(!output.contains("outside-value"))
        let skipped = (json["summary"] as? [String: Any])?["skipped"] as? [[String: Any]] ?? []
        #expect(skipped.contains { ($0["file"] as? String) == "overlay" && ($0["reason"] as? String)?.hasPrefix("kustomization not built") == true },
                "\(skipped)")
    }
}
