import Foundation
import PolicyCheckTestSupport
@testable import PolicyCheckKit
import Testing

/// References out of the checked tree are refused unless the run allows them (issue 14, item 9): BYOK material
/// paths (absolute, `../`, or links), links met in walked directories, and packs named by `extends`.
@Suite struct OutsideTreeTests {
    /// A tree (`tree/`) with a secret file beside it (`outside/secret.pem`).
    struct Workspace {
        let root: URL
        var tree: URL { root.appendingPathComponent("tree") }
        var secret: String { root.appendingPathComponent("outside/secret.pem").path }

        init() throws {
            root = ScratchFolder.path("outside")
            for folder in ["tree/manifests", "outside"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let key = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("keys/wrapping-rsa4096.der")))
            try key.write(to: URL(fileURLWithPath: secret))
        }

        func write(_ relative: String, _ text: String) throws {
            try Data(text.utf8).write(to: tree.appendingPathComponent(relative))
        }

        /// Checks the whole tree (a walk of `tree/`).
        func check(allow: Bool = false) -> CheckReport {
            var run = CheckRun(policy: Fixture.defaultPolicy, now: Fixture.now, failOn: .low, toolVersion: "test")
            run.allowOutsideTree = allow
            run.jobs = 1
            return run.run(paths: [tree.path])
        }
    }

    static func byok(_ reference: String) throws -> String {
        try Fixture.text("native/key-material/byok/pass.yaml")
            .replacingOccurrences(of: "../../../keys/wrapping-rsa4096.der", with: reference)
            .replacingOccurrences(of: "encryptedKeyMaterial: ../../../keys/wrapped-oaep-sha256-4096.bin\n", with: "")
    }

    @Test(arguments: ["absolute", "dot-dot", "link"])
    func byokMaterialOutsideTheTreeIsRefused(kind: String) throws {
        let workspace = try Workspace()
        let reference: String
        switch kind {
        case "absolute": reference = workspace.secret
        case "dot-dot": reference = "../../outside/secret.pem"
        default:
            try FileManager.default.createSymbolicLink(atPath: workspace.tree.appendingPathComponent("manifests/wrap.der").path,
                                                       withDestinationPath: workspace.secret)
            reference = "wrap.der"
        }
        try workspace.write("manifests/byok.yaml", try Self.byok(reference))
        let report = workspace.check()
        #expect(report.exitCode == 2)
        #expect(report.errors.count == 1)
        let message = try #require(report.errors.first?.message)
        #expect(message.hasPrefix("wrappingPublicKey '") && message.hasSuffix("' lies outside the checked tree; pass --allow-outside-tree to read it"))
        // Nothing about the outside file reaches the report.
        #expect(!report.keyFiles.contains { $0.path.contains("secret") || $0.path.contains("wrap.der") })
        // Allowed explicitly, it is read.
        let allowed = workspace.check(allow: true)
        #expect(allowed.errors.isEmpty, "\(allowed.errors)")
    }

    @Test func byokMaterialInsideTheTreeIsRead() throws {
        let workspace = try Workspace()
        try FileManager.default.copyItem(atPath: workspace.secret, toPath: workspace.tree.appendingPathComponent("wrap.der").path)
        try workspace.write("manifests/byok.yaml", try Self.byok("../wrap.der"))
        let report = workspace.check()
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    /// A walk skips a link to a file outside the tree, counts it and says why; links inside the tree are read.
    @Test func walkDoesNotFollowFileLinksOutOfTheTree() throws {
        let workspace = try Workspace()
        let manifest = try Fixture.text("native/compliant/dedicated.yaml")
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: workspace.root.appendingPathComponent("outside/prod.yaml").path))
        try workspace.write("manifests/inside.yaml", manifest)
        try FileManager.default.createSymbolicLink(atPath: workspace.tree.appendingPathComponent("manifests/outside.yaml").path,
                                                   withDestinationPath: workspace.root.appendingPathComponent("outside/prod.yaml").path)
        try FileManager.default.createSymbolicLink(atPath: workspace.tree.appendingPathComponent("manifests/alias.yaml").path,
                                                   withDestinationPath: "inside.yaml")
        let report = workspace.check()
        #expect(report.filesChecked.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted() == ["alias.yaml", "inside.yaml"])
        let skipped = try #require(report.filesSkipped.first)
        #expect(report.filesSkipped.count == 1)
        #expect(skipped.file.hasSuffix("manifests/outside.yaml"))
        #expect(skipped.reason == "is a symbolic link to a file that lies outside the checked tree; pass --allow-outside-tree to read it")
        #expect(workspace.check(allow: true).filesChecked.count == 3)
    }

    @Test func extendsOutsideTheTreeIsRefused() throws {
        let workspace = try Workspace()
        let outsidePack = workspace.root.appendingPathComponent("outside/base.yaml").path
        try Data(Self.pack("base", extends: "mattermost-cloud", disabling: "MMC-NET-008").utf8).write(to: URL(fileURLWithPath: outsidePack))
        let team = workspace.tree.appendingPathComponent("team.yaml").path
        for reference in [workspace.secret, "../outside/secret.pem", outsidePack] {
            try workspace.write("team.yaml", Self.pack("team", extends: reference, disabling: "MMC-NET-005"))
            let diagnostics = PolicyLoader().lint(file: team)
            // The outside file is never opened: no diagnostic comes from it.
            #expect(!diagnostics.contains { $0.file.contains("/outside/") }, "\(diagnostics)")
            #expect(diagnostics.contains { $0.message.hasPrefix("'extends' names '") && $0.message.hasSuffix("', which lies outside the checked tree; pass --allow-outside-tree to read it") })
        }
        var allowed = PolicyLoader()
        allowed.allowOutsideTree = true
        #expect(allowed.lint(file: team).filter(\.isError).isEmpty, "\(allowed.lint(file: team))")
        // A parent beside the pack (inside the tree) needs no permission.
        try Data(Self.pack("base", extends: "mattermost-cloud", disabling: "MMC-NET-008").utf8).write(to: workspace.tree.appendingPathComponent("base.yaml"))
        try workspace.write("team.yaml", Self.pack("team", extends: "base.yaml", disabling: "MMC-NET-005"))
        #expect(PolicyLoader().lint(file: team).filter(\.isError).isEmpty)
    }

    static func pack(_ id: String, extends: String, disabling rule: String) -> String {
        "apiVersion: policycheck/v1\nkind: PolicyPack\nmetadata: {id: \(id), version: 1.0.0, title: \(id)}\nextends: \(extends)\ndisable: [\(rule)]\n"
    }
}
