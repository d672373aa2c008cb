import Foundation
import PolicyCheckTestSupport
import Testing

/// End-to-end with the real kubectl: Components are checked in the builds that use them (and built alone only when
/// nothing uses them), a folder's name never makes a kustomization, a base's finding names the builds it came from,
/// and a failed build is one deterministic line that keeps kubectl's cause.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl"), "kubectl is not installed"))
struct KustomizeCommandTests {
    typealias CLI = PolicyCheckProcess

    static let cases = "Tests/PolicyCheckCLITests/Fixtures/kustomize-cases"

    /// The JSON report of `check <case>` and its exit status.
    static func check(_ name: String, _ extra: [String] = [], environment: [String: String] = [:],
                      in directory: URL = CLI.packageRoot) throws -> (status: Int32, json: [String: Any]) {
        let path = directory == CLI.packageRoot ? "\(cases)/\(name)" : name
        let result = try CLI.run(["check", path, "--now", "2026-11-29", "--format", "json"] + extra,
                                 environment: environment, in: directory)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                "\(result.stdout)\(result.stderr)")
        return (result.status, json)
    }

    static func findings(_ json: [String: Any]) -> [[String: Any]] { json["findings"] as? [[String: Any]] ?? [] }
    static func errors(_ json: [String: Any]) -> [[String: Any]] { json["errors"] as? [[String: Any]] ?? [] }
    static func skipped(_ json: [String: Any]) -> [String: String] {
        let list = (json["summary"] as? [String: Any])?["skipped"] as? [[String: Any]] ?? []
        return Dictionary(list.compactMap { entry in
            (entry["file"] as? String).map { ($0, entry["reason"] as? String ?? "") }
        }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: - A folder that is a chart and a kustomization

    /// `kubectl apply -k prod` builds prod's kustomization whatever else the folder holds: a `Chart.yaml` added beside
    /// it made the folder a chart only, its overlay (which opens the base's database Service to the world) was never
    /// built, and the run passed (tester round 32). The folder is rendered as a chart (here by a helm that renders
    /// nothing, as for a chart with no templates) and built as a kustomization.
    @Test func aChartBesideAKustomizationDoesNotStopItsBuild() throws {
        let root = "\(Self.cases)/chart-beside-kustomization-built"
        let (status, json) = try Self.check("chart-beside-kustomization-built", ["--helm", "/bin/true"])
        #expect(status == 1, "\(json)")
        #expect(Self.errors(json).isEmpty, "\(Self.errors(json))")
        let open = Self.findings(json).filter { ($0["ruleId"] as? String) == "MMC-NET-001" }
        #expect(open.count == 1, "\(Self.findings(json))")
        #expect(open.first?["file"] as? String == "\(root)/base/svc.yaml", "\(open)")
        #expect((open.first?["message"] as? String)?.hasSuffix("(kustomize build of \(root)/prod)") == true, "\(open)")
        #expect(Self.skipped(json)["\(root)/prod"]?.contains("helm template rendered no objects") == true, "\(Self.skipped(json))")
    }

    /// A warning about an object a build holds (a Flux Kustomization's remote source) is placed in the file the
    /// object came from, as the build's findings are: it named the build's folder and a line of the build's output
    /// (tester, round 36).
    @Test func aWarningInABuildIsPlacedInItsSourceFile() throws {
        let root = "\(Self.cases)/flux-in-a-build-warned"
        let (status, json) = try Self.check("flux-in-a-build-warned")
        #expect(status == 0, "\(json)")
        let warnings = json["warnings"] as? [[String: Any]] ?? []
        let flux = try #require(warnings.first { ($0["message"] as? String)?.contains("Flux Kustomization") == true }, "\(warnings)")
        #expect(flux["file"] as? String == "\(root)/flux.yaml", "\(flux)")
        #expect((flux["line"] as? Int).map { (10...12).contains($0) } == true, "\(flux)")
    }

    // MARK: - Classes a build applies

    /// A platform's IngressClass and parameters applied by a kustomization are the cluster's: a plain Ingress of
    /// that class is internet-facing through them. Adding the one-line `kustomization.yaml` hid them from every
    /// plain Ingress, and the run passed (tester round 33). The finding is placed in the build's resource file.
    @Test func aClassABuildAppliesServesThePlainFilesIngresses() throws {
        let root = "\(Self.cases)/platform-class-in-a-build-fail"
        let (status, json) = try Self.check("platform-class-in-a-build-fail")
        #expect(status == 1, "\(json)")
        let open = Self.findings(json).filter { ($0["ruleId"] as? String) == "MMC-NET-011" }
        #expect(open.count == 1, "\(Self.findings(json))")
        #expect(open.first?["file"] as? String == "\(root)/platform/class.yaml", "\(open)")
        #expect(open.first?["resource"] as? String == "Ingress/prod/web", "\(open)")
        #expect(Self.skipped(json)["\(root)/platform/class.yaml"]?.hasPrefix("kustomization input: built by") == true)
    }

    /// The class serves them as the build renders it: a patch that makes it internal passes, one that makes it
    /// internet-facing fails (reading the class file raw got both wrong, reviewer and regression run, round 33).
    @Test func aClassABuildPatchesServesThePlainIngressesAsPatched() throws {
        let (closedStatus, closedJSON) = try Self.check("platform-class-patched-internal-pass")
        #expect(closedStatus == 0, "\(Self.findings(closedJSON))")
        let (open, json) = try Self.check("platform-class-patched-public-fail")
        #expect(open == 1, "\(json)")
        let findings = Self.findings(json).filter { ($0["ruleId"] as? String) == "MMC-NET-011" }
        #expect(findings.count == 1 && (findings.first?["file"] as? String)?.hasPrefix("\(Self.cases)/platform-class-patched-public-fail/platform/") == true,
                "\(findings)")
    }

    // MARK: - Components

    @Test func aComponentIsCheckedInTheBuildThatUsesItAndNotOnItsOwn() throws {
        let (status, json) = try Self.check("component-checked-in-its-builds")
        let root = "\(Self.cases)/component-checked-in-its-builds"
        #expect(status == 1)
        #expect(Self.errors(json).isEmpty, "\(Self.errors(json))")
        let messages = Dictionary(Self.findings(json).map { ($0["file"] as? String ?? "", $0["message"] as? String ?? "") },
                                  uniquingKeysWith: { $0 + " | " + $1 })
        // What the component adds is found in the deployed build; the base's public Service only in the base's own
        // build, since the deployed build deletes it through the other component.
        #expect(messages["\(root)/components/debug-endpoint/debug-service.yaml"]?.hasSuffix("(kustomize build of \(root))") == true, "\(messages)")
        #expect(messages["\(root)/base/service.yaml"]?.hasSuffix("(kustomize build of \(root)/base)") == true, "\(messages)")
        #expect(Self.findings(json).count == 2)
        let skipped = Self.skipped(json)
        #expect(skipped["\(root)/components/private-frontend/kustomization.yaml"] == "kustomization input: applied by \(root) (checked as built)")
        #expect(skipped["\(root)/components/debug-endpoint/debug-service.yaml"] == "kustomization input: built by \(root) (its objects are checked there)")
        #expect(!skipped.keys.contains("\(root)/components/private-frontend"))
    }

    @Test func aComponentNothingUsesThatCannotBuildAloneIsSkippedWithKubectlsReason() throws {
        let (status, json) = try Self.check("component-unused-skipped")
        #expect(status == 0, "\(json)")
        let reason = Self.skipped(json)["\(Self.cases)/component-unused-skipped/components/private-frontend"]
        #expect(reason?.hasPrefix("kustomize component: used by no kustomization in the checked paths, and it cannot be built on its own (kubectl kustomize: no resource matches strategic merge patch \"Service.v1.[noGrp]/frontend-external.[noNs]\"") == true, "\(String(describing: reason))")
        #expect(Self.skipped(json)["\(Self.cases)/component-unused-skipped/components/private-frontend/kustomization.yaml"]
                == "kustomization input: not checked, as \(Self.cases)/component-unused-skipped/components/private-frontend could not be built")
    }

    /// A hostile pull request relabels its deployed kustomization `kind: Component`: `kubectl apply -k` still deploys
    /// it, so it is still built and checked.
    @Test func aDeployableComponentNothingUsesIsBuiltOnItsOwn() throws {
        let (status, json) = try Self.check("component-unused-built-alone")
        #expect(status == 1)
        #expect(Self.errors(json).isEmpty)
        let finding = try #require(Self.findings(json).first)
        #expect(finding["file"] as? String == "\(Self.cases)/component-unused-built-alone/deployed/service.yaml")
        #expect((finding["message"] as? String)?.hasSuffix("(kustomize build of \(Self.cases)/component-unused-built-alone/deployed)") == true)
    }

    /// Naming a deployable manifest as the patch of a Component that cannot be built does not keep it from being read.
    @Test func aPatchFileNoBuildAppliedIsStillRead() throws {
        let (status, json) = try Self.check("component-unbuildable-patch-file-still-read")
        let hidden = "\(Self.cases)/component-unbuildable-patch-file-still-read/hidden"
        #expect(status == 1)
        #expect(Self.findings(json).first?["file"] as? String == "\(hidden)/service.yaml", "\(Self.findings(json))")
        #expect(Self.skipped(json)[hidden]?.hasPrefix("kustomize component: ") == true)
        #expect(Self.skipped(json)["\(hidden)/service.yaml"] == nil)
    }

    @Test func noKubectlIsAnErrorForEachBuildButNoneForAComponentABuildUses() throws {
        let (status, json) = try Self.check("component-checked-in-its-builds", environment: ["PATH": "/nonexistent-bin"])
        #expect(status == 2)
        let files = Self.errors(json).compactMap { $0["file"] as? String }
        let root = "\(Self.cases)/component-checked-in-its-builds"
        #expect(files == ["\(root)/base/kustomization.yaml", "\(root)/kustomization.yaml"], "\(files)")
        #expect(Self.skipped(json)["\(root)/components/private-frontend/kustomization.yaml"]
                == "kustomization input: not checked, as \(root) could not be built")
    }

    // MARK: - Folder names

    @Test func aFolderNamedKustomizationIsNotAKustomization() throws {
        let (status, json) = try Self.check("folder-named-kustomization-not-built")
        #expect(status == 1)
        #expect(Self.errors(json).isEmpty, "\(Self.errors(json))")
        #expect(Self.findings(json).first?["file"] as? String == "\(Self.cases)/folder-named-kustomization-not-built/deploy/service.yaml")
    }

    /// A folder named like a kustomization file hides nothing: the manifests in it are read, and a real
    /// kustomization beside it is still built.
    @Test func aFolderNamedKustomizationYamlHidesNothing() throws {
        let directory = try CLI.temporaryDirectory()
        let manifests = directory.appendingPathComponent("repo/deploy/kustomization.yaml")
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        let service = try String(contentsOfFile: "\(CLI.packageRoot.path)/\(Self.cases)/component-unused-built-alone/deployed/service.yaml", encoding: .utf8)
        try service.write(to: manifests.appendingPathComponent("service.yaml"), atomically: true, encoding: .utf8)
        let (status, json) = try Self.check("repo", in: directory)
        #expect(status == 1)
        #expect(Self.errors(json).isEmpty, "\(Self.errors(json))")
        #expect(Self.findings(json).first?["file"] as? String == "repo/deploy/kustomization.yaml/service.yaml")
    }

    // MARK: - Bases and overlays

    @Test func aBaseFindingNamesTheBuildsItCameFrom() throws {
        let (status, json) = try Self.check("base-and-overlays-finding-per-build")
        let root = "\(Self.cases)/base-and-overlays-finding-per-build"
        #expect(status == 1)
        // The base's finding is one per build that reaches it, each naming its deployment: the base's file is
        // reached by three builds (and a baseline recorded for the base or one overlay does not cover another).
        let findings = Self.findings(json)
        let messages = findings.compactMap { $0["message"] as? String }.sorted()
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.hasSuffix("(kustomize build of \(root)/base)") }, "\(messages)")
        #expect(messages.contains { $0.hasSuffix("(kustomize build of \(root)/overlays/dev)") }, "\(messages)")
        #expect(messages.contains { $0.hasSuffix("(kustomize build of \(root)/overlays/prod)") }, "\(messages)")
        #expect(Set(findings.map { $0["deployment"] as? String ?? "-" })
                == ["\(root)/base", "\(root)/overlays/dev", "\(root)/overlays/prod"])
        #expect(Self.skipped(json)["\(root)/base/service.yaml"]
                == "kustomization input: built by \(root)/base, \(root)/overlays/dev and \(root)/overlays/prod (its objects are checked there)")
    }

    // MARK: - kubectl's errors

    /// A compliant base opened by overlays' patches: each finding is shown where the overlay sets the value — the
    /// strategic merge patch's line, the JSON 6902 patch's `value` — not at the base's first line.
    @Test func aValueAPatchSetIsFoundInThePatch() throws {
        let (status, json) = try Self.check("overlay-patches-found-in-the-patch")
        let root = "\(Self.cases)/overlay-patches-found-in-the-patch"
        #expect(status == 1)
        let places = Set(Self.findings(json).filter { $0["ruleId"] as? String == "MMC-NET-011" }.map {
            "\($0["file"] as? String ?? ""):\($0["line"] as? Int ?? 0) \($0["message"] as? String ?? "")"
        })
        #expect(places.contains { $0.hasPrefix("\(root)/overlays/open/public.yaml:8 '0.0.0.0/0'") }, "\(places)")
        #expect(places.contains { $0.hasPrefix("\(root)/overlays/json/open.json.yaml:6 '0.0.0.0/0'") }, "\(places)")
        #expect(!places.contains { $0.hasPrefix("\(root)/base/service.yaml:1 ") }, "\(places)")
    }

    /// The review's bypass: a pull request's JSON patch opens `web`; a waived component's patch of another Service,
    /// `admin`, spells the same `ports:` line. The `web` finding must stay off that file (its waiver would cover it):
    /// the gate fails.
    @Test func anotherObjectsWaivedPatchCoversNothing() throws {
        let root = "\(Self.cases)/another-objects-waived-patch-covers-nothing"
        let waivers = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("\(root)/waivers.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "COMPONENTS", with: "\(root)/k/components")
        let file = ScratchFolder.path("waivers", suffix: ".yaml")
        try waivers.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, json) = try Self.check("another-objects-waived-patch-covers-nothing/k", ["--waivers", file.path])
        #expect(status == 1, "\(json)")
        let web = Self.findings(json).filter { ($0["resource"] as? String ?? "").hasPrefix("Service/default/web") }
        #expect(!web.isEmpty && web.allSatisfy { $0["status"] as? String == "open" }, "\(web)")
        #expect(web.allSatisfy { !($0["file"] as? String ?? "").contains("components") }, "\(web)")
    }

    @Test func aFailedBuildIsOneDeterministicLineWithKubectlsCause() throws {
        let app = "\(Self.cases)/multiple-kustomization-files-error/app"
        let first = try CLI.run(["check", "\(Self.cases)/multiple-kustomization-files-error", "--format", "json"],
                                environment: ["SOURCE_DATE_EPOCH": "1764806400"])
        let second = try CLI.run(["check", "\(Self.cases)/multiple-kustomization-files-error", "--format", "json"],
                                 environment: ["SOURCE_DATE_EPOCH": "1764806400"])
        #expect(first.status == 2)
        #expect(first.stdout == second.stdout)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let messages = Self.errors(json).compactMap { $0["message"] as? String }
        #expect(messages == ["kustomization could not be rendered: kubectl kustomize exited with status 1: Found multiple kustomization files under: \(app)"], "\(messages)")
        let skipped = Self.skipped(json)
        for name in ["kustomization.yaml", "kustomization.yml"] {
            #expect(skipped["\(app)/\(name)"] == "kustomization input: not checked, as \(app) could not be built", "\(skipped)")
        }
        let text = try CLI.run(["check", "\(Self.cases)/multiple-kustomization-files-error"])
        #expect(text.stdout.contains("error: kustomization could not be rendered: kubectl kustomize exited with status 1: Found multiple kustomization files under: \(app)\n"), "\(text.stdout)")
    }
}
