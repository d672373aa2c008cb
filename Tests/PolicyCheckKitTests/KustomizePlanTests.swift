import Foundation
import PolicyCheckTestSupport
@testable import PolicyCheckInput
@testable import PolicyCheckRender
import Testing

/// What makes a directory a kustomization (only a file kustomize can load), which kustomizations are built (every
/// Kustomization; a Component only when no Kustomization uses it), and which builds take each one in.
@Suite struct KustomizePlanTests {
    /// A fresh directory holding `files` (path → text).
    static func tree(_ files: [String: String]) throws -> String {
        let root = ScratchFolder.path("kustomize-plan").path
        for (path, text) in files {
            let file = root + "/" + path
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let component = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"

    static func plan(_ root: String, _ directories: [String]) -> KustomizePlan {
        KustomizePlan(directories.map { RenderSource(kind: .kustomization, directory: root + "/" + $0, displayPath: $0) })
    }

    // MARK: - What is a kustomization

    @Test func aFolderNamedKustomizationMakesNothing() throws {
        let root = try Self.tree(["deploy/Kustomization/health.lua": "hs = {}\n", "deploy/service.yaml": "a: 1\n"])
        let entries = try FileManager.default.contentsOfDirectory(atPath: root + "/deploy")
        #expect(RenderSource.kinds(in: root + "/deploy", entries: entries).isEmpty)
        #expect(RenderSource.kustomizationFiles(in: root + "/deploy").isEmpty)
    }

    @Test func eachRecognisedFileNameMakesAKustomization() throws {
        for name in RenderSource.kustomizationNames {
            let root = try Self.tree([name: "resources: []\n"])
            #expect(RenderSource.kinds(in: root, entries: [name]) == [.kustomization], "\(name)")
        }
        let root = try Self.tree(["kustomization.yaml.orig": "resources: []\n", "Kustomization.yaml": "resources: []\n"])
        let entries = ["kustomization.yaml.orig", "Kustomization.yaml"]
        // Only a case-insensitive file system finds `kustomization.yaml` here, and then kustomize does too.
        #expect((RenderSource.kinds(in: root, entries: entries) == [.kustomization])
                == FileManager.default.fileExists(atPath: root + "/kustomization.yaml"))
    }

    @Test func aLinkCountsOnlyWhenItLeadsToAFileInsideTheDirectory() throws {
        let root = try Self.tree(["inside/real.yaml": "resources: []\n", "outside/kustomization.yaml": "resources: []\n",
                                  "escapes/x.yaml": "a: 1\n", "folder/x.yaml": "a: 1\n"])
        try FileManager.default.createSymbolicLink(atPath: root + "/inside/kustomization.yaml", withDestinationPath: "real.yaml")
        try FileManager.default.createSymbolicLink(atPath: root + "/escapes/kustomization.yaml",
                                                   withDestinationPath: "../outside/kustomization.yaml")
        try FileManager.default.createDirectory(atPath: root + "/folder/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/folder/Kustomization", withDestinationPath: "sub")
        #expect(RenderSource.kustomizationFiles(in: root + "/inside") == [root + "/inside/kustomization.yaml"])
        #expect(RenderSource.kustomizationFiles(in: root + "/escapes").isEmpty)
        #expect(RenderSource.kustomizationFiles(in: root + "/folder").isEmpty)
    }

    @Test func aFolderNamedChartYamlMakesNoChart() throws {
        let root = try Self.tree(["chart/Chart.yaml/x.txt": "x\n", "chart/templates/a.yaml": "a: 1\n"])
        #expect(RenderSource.kinds(in: root + "/chart", entries: ["Chart.yaml", "templates"]).isEmpty)
    }

    /// A folder with a `Chart.yaml` and a kustomization is both: helm renders the chart, `kubectl apply -k` builds the
    /// kustomization (tester round 32: the chart alone was rendered, and the overlay never built).
    @Test func aFolderWithAChartAndAKustomizationIsBoth() throws {
        let root = try Self.tree(["prod/Chart.yaml": "apiVersion: v2\nname: prod\nversion: 0.1.0\n",
                                  "prod/kustomization.yaml": "resources: []\n"])
        #expect(RenderSource.kinds(in: root + "/prod", entries: ["Chart.yaml", "kustomization.yaml"]) == [.helmChart, .kustomization])
    }

    @Test func theWalkEntersAFolderNamedKustomizationAndReadsTheFilesBesideIt() throws {
        let root = try Self.tree(["deploy/Kustomization/health.yaml": "a: 1\n", "deploy/service.yaml": "a: 1\n"])
        let found = InputDiscovery().discoverAll([root])
        #expect(found.renderSources.isEmpty)
        #expect(Set(found.inputs.map { ($0.path as NSString).lastPathComponent }) == ["health.yaml", "service.yaml"])
    }

    // MARK: - Reading the file

    @Test func kindAndFieldsAreReadAsKustomizeDecodesThem() throws {
        let root = try Self.tree([
            "upper/kustomization.yaml": "Kind: Component\nResources: [a]\n",
            "twice/kustomization.yaml": "kind: Component\nKind: Kustomization\ncomponents: [../c]\nComponents: []\n",
            "patches/kustomization.yaml": "patchesStrategicMerge: [p1.yaml]\npatches:\n  - path: p2.yaml\n  - patch: inline\npatchesJson6902:\n  - Path: p3.yaml\n",
            "broken/kustomization.yaml": "kind: Component\n  resources: [\n",
        ])
        let upper = KustomizationFile(directory: root + "/upper")
        #expect(upper.isComponent && upper.references == ["a"])
        // Spelt twice, a field is ambiguous: not a Component (so it is built), using nothing (so nothing is assumed
        // checked through it).
        let twice = KustomizationFile(directory: root + "/twice")
        #expect(!twice.isComponent && twice.references.isEmpty)
        #expect(KustomizationFile(directory: root + "/patches").patches == ["p1.yaml", "p2.yaml", "p3.yaml"])
        #expect(!KustomizationFile(directory: root + "/broken").isComponent)
    }

    // MARK: - What is built

    @Test func aComponentAKustomizationUsesIsCheckedInThatBuildOnly() throws {
        let root = try Self.tree([
            "k/kustomization.yaml": "resources: [base]\ncomponents: [components/a]\n",
            "k/base/kustomization.yaml": "resources: [s.yaml]\n",
            "k/components/a/kustomization.yaml": Self.component + "components: [../b]\n",
            "k/components/b/kustomization.yaml": Self.component,
        ])
        let plan = Self.plan(root, ["k", "k/base", "k/components/a", "k/components/b"])
        #expect(plan.entries.map(\.isBuilt) == [true, true, false, false])
        #expect(plan.entries.map(\.builtWith) == [[0], [0, 1], [0], [0]])
        #expect(!plan.isUnusedComponent(2))
    }

    @Test func aComponentNoKustomizationUsesIsBuiltOnItsOwnAndSoIsOneOnlyItUses() throws {
        let root = try Self.tree([
            "deployed/kustomization.yaml": Self.component + "resources: [s.yaml]\ncomponents: [../inner]\n",
            "inner/kustomization.yaml": Self.component,
            "app/kustomization.yaml": "resources: [s.yaml, https://github.com/x/y//deploy?ref=v1]\n",
        ])
        let plan = Self.plan(root, ["deployed", "inner", "app"])
        #expect(plan.entries.map(\.isBuilt) == [true, true, true])
        #expect(plan.isUnusedComponent(0) && plan.isUnusedComponent(1) && !plan.isUnusedComponent(2))
        #expect(plan.entries[1].builtWith == [0, 1])
    }

    @Test func aComponentListedAsAResourceIsStillReachedAndTheParentsBuildSaysWhatIsWrong() throws {
        let root = try Self.tree(["p/kustomization.yaml": "resources: [../c]\n", "c/kustomization.yaml": Self.component])
        let plan = Self.plan(root, ["p", "c"])
        #expect(plan.entries.map(\.isBuilt) == [true, false])
    }

    @Test func everyKustomizationFileOfADirectoryIsAnInputOfItsBuild() throws {
        let root = try Self.tree(["app/kustomization.yaml": "resources: []\n", "app/kustomization.yml": "resources: []\n"])
        let plan = Self.plan(root, ["app"])
        #expect(plan.entries[0].file.path == nil)
        #expect(plan.appliedFiles(0).map { ($0 as NSString).lastPathComponent } == ["kustomization.yaml", "kustomization.yml"])
    }
}
