import Foundation
import Testing

/// End-to-end: `policycheck check .` in repositories as people keep them — files that are not inputs are skipped
/// with a reason in every format, a broken manifest still fails the run, and Helm charts and kustomizations are
/// rendered (or reported as not checked) rather than read raw.
@Suite struct RealRepositoryCommandTests {
    typealias CLI = PolicyCheckProcess

    static let repo = CLI.fixture("real-repo")
    static let chartRepo = CLI.fixture("helm/chart-repo")
    static let chart = "Tests/PolicyCheckCLITests/Fixtures/helm/chart-repo/charts/web"
    static let stub = CLI.fixture("helm/stub/helm")
    /// A `PATH` with neither helm nor kubectl on it.
    static let bareEnvironment = ["PATH": "/nonexistent-bin"]

    /// A copy of `real-repo` to add files to.
    static func repoCopy() throws -> URL {
        let directory = try CLI.temporaryDirectory().appendingPathComponent("repo")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: repo), to: directory)
        return directory
    }

    /// A JSON document's top-level object.
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: - CloudFormation's `.template` ending

    /// AWS Quick Starts and sample collections name templates `.template`: a walk reads them as it reads `.yaml`,
    /// skips one that is no YAML or JSON (a configuration file's template), and keeps a broken one that carries a
    /// template's marker an error, so breaking a template cannot make it a skip.
    @Test func aWalkReadsTemplateFilesAsTemplatesAndSkipsOtherTemplates() throws {
        let directory = try CLI.temporaryDirectory().appendingPathComponent("stack")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let volume = """
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              Vol:
                Type: AWS::EC2::Volume
                Properties: {AvailabilityZone: us-east-1a, Size: 10, Encrypted: false}
            """
        try Data(volume.utf8).write(to: directory.appendingPathComponent("db.template"))
        try Data("server {\n  listen ${PORT};\n}\n".utf8).write(to: directory.appendingPathComponent("nginx.conf.template"))
        try Data("upstream:\n\t- 80\n".utf8).write(to: directory.appendingPathComponent("proxy.template"))
        // An envsubst or gomplate manifest template: kubectl never reads a `.template` file, so only a template's
        // own markers keep one that does not parse an error.
        try Data("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Replicas }}\n  {{ .Extra }}: x\n".utf8)
            .write(to: directory.appendingPathComponent("deployment.yaml.template"))
        let checked = try CLI.run(["check", directory.path, "--now", "2026-11-29"])
        #expect(checked.status == 1, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("db.template:5:69 critical MMC-ENC-001"), "\(checked.stdout)")
        #expect(checked.stdout.contains("nginx.conf.template: not a manifest: "), "\(checked.stdout)")
        #expect(checked.stdout.contains("proxy.template: not YAML: stops at"), "\(checked.stdout)")
        #expect(checked.stdout.contains("deployment.yaml.template: Helm template: "), "\(checked.stdout)")
        #expect(checked.stdout.contains("1 file checked, 3 skipped"), "\(checked.stdout)")

        try Data((volume + "\n  Broken: [\n").utf8).write(to: directory.appendingPathComponent("db.template"))
        let broken = try CLI.run(["check", directory.path, "--now", "2026-11-29"])
        #expect(broken.status == 2, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stdout.contains("db.template:"), "\(broken.stdout)")
        #expect(broken.stdout.contains("(read as an input: it holds AWSTemplateFormatVersion)"), "\(broken.stdout)")
    }

    // MARK: - Files that are not inputs

    @Test func aRepositoryOfNonInputsBesideACompliantManifestPasses() throws {
        let result = try CLI.run(["check", Self.repo, "--now", "2026-11-29"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("error:"), "\(result.stdout)")
        #expect(result.stdout.contains("1 file checked, 9 skipped"), "\(result.stdout)")
        for line in ["real-repo/tsconfig.json: JSON with comments: tsconfig.json is a JSONC file by convention",
                     "real-repo/web/tsconfig.app.json: JSON with comments",
                     "real-repo/.vscode/settings.json: JSON with comments",
                     "real-repo/config/editor.json: JSON with comments: not JSON, stops at 2:3: ",
                     "real-repo/config/app.yaml: not YAML: stops at 4:1: duplicate key",
                     "real-repo/config/banner.yaml: Helm template: ",
                     "real-repo/package.json: not a manifest: ",
                     "real-repo/docker-compose.yml: not a manifest: ",
                     "real-repo/.github/workflows/ci.yml: not a manifest: "] {
            #expect(result.stdout.contains(line), "missing \(line) in \(result.stdout)")
        }
        #expect(result.stdout.contains("Skipped 9 files ("), "\(result.stdout)")
    }

    @Test func aBrokenManifestInTheSameWalkStillFails() throws {
        let directory = try Self.repoCopy()
        try "apiVersion: policycheck/v1\nkind: Deployment\nmetadata: {name: x\nspec: {}\n"
            .write(to: directory.appendingPathComponent("deploy/broken.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", directory.path, "--now", "2026-11-29"])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stdout.contains("deploy/broken.yaml:"), "\(result.stdout)")
        #expect(result.stdout.contains("(read as an input: it holds apiVersion)"), "\(result.stdout)")
        #expect(result.stdout.components(separatedBy: "error:").count == 2, "one error line: \(result.stdout)")
    }

    /// Breaking a manifest so its markers vanish from a plain search does not make it skippable: every spelling a
    /// deploying tool would still read as `apiVersion` is itself a marker.
    @Test(arguments: [
        ("escaped.json", "{\"api\\u0056ersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"x\"},}"),
        ("hex.yaml", "\"api\\x56ersion\": v1\nkind: Service\nmetadata: {name: x\n"),
        ("folded.yaml", "\"api\\\n  Version\": v1\nkind: Service\nmetadata: {name: x\n"),
        ("upper.yaml", "APIVERSION: v1\nKIND: Service\nmetadata: {name: x\n"),
        ("binary.yaml", "? !!binary YXBpVmVyc2lvbg==\n: v1\nkind: Service\nmetadata: {name: x\n"),
        ("longs.yaml", "apiVer\u{17F}ion: v1\nkind: Service\nmetadata: {name: x\n"),
        ("cloudformation.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: [\n"),
        ("plan.json", "{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.0\", \"planned_values\": {,}}"),
        ("tsconfig.json", "{\"apiVersion\": \"policycheck/v1\", // a manifest under a JSONC name\n}"),
    ])
    func aManifestBrokenToHideItsMarkersStillFails(name: String, text: String) throws {
        let directory = try Self.repoCopy()
        try text.write(to: directory.appendingPathComponent("deploy/\(name)"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", directory.path, "--now", "2026-11-29"])
        #expect(result.status == 2, "\(name): \(result.stdout)")
        #expect(result.stdout.contains("deploy/\(name):"), "\(result.stdout)")
    }

    @Test func aNonInputNamedOnTheCommandLineIsStillAnError() throws {
        let result = try CLI.run(["check", Self.repo + "/tsconfig.json"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("tsconfig.json:2:3: error:"), "\(result.stdout)")
    }

    @Test func everySkipReasonReachesEveryFormat() throws {
        let reason = "JSON with comments: tsconfig.json is a JSONC file by convention"
        let json = try CLI.run(["check", Self.repo, "--format", "json"])
        let skipped = try #require((try Self.object(json.stdout)["summary"] as? [String: Any])?["skipped"] as? [[String: Any]])
        #expect(skipped.count == 9)
        #expect(skipped.contains { $0["reason"] as? String == reason && $0["kind"] as? String == "JSON with comments" })
        let sarif = try CLI.run(["check", Self.repo, "--format", "sarif"])
        let run = try #require((try Self.object(sarif.stdout)["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        let notifications = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        let notes = notifications.filter { ($0["descriptor"] as? [String: Any])?["id"] as? String == "input-skipped" }
        #expect(notes.count == 9)
        #expect(notes.allSatisfy { $0["level"] as? String == "note" })
        #expect(notes.contains { ($0["message"] as? [String: Any])?["text"] as? String == reason })
        let junit = try CLI.run(["check", Self.repo, "--format", "junit"])
        #expect(junit.stdout.contains("<testsuite name=\"skipped inputs\""), "\(junit.stdout)")
        #expect(junit.stdout.contains("<skipped message=\"\(reason)\"/>"))
        let markdown = try CLI.run(["check", Self.repo, "--format", "markdown"])
        #expect(markdown.stdout.contains("### Skipped"))
        #expect(markdown.stdout.contains(reason))
        let github = try CLI.run(["check", Self.repo, "--format", "github"])
        #expect(github.stdout.contains("::notice title=policycheck%3A skipped 4 files (JSON with comments)::"), "\(github.stdout)")
        for output in [json, sarif, junit, markdown, github] { #expect(output.status == 0) }
    }

    @Test func skipReasonsAreInTheEvidencePopulation() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("bundle")
        let result = try CLI.run(["report", Self.repo, "--out", out.path], environment: ["SOURCE_DATE_EPOCH": "1795000000"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let evidence = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("evidence.json"))) as? [String: Any])
        let population = try #require(evidence["population"] as? [String: Any])
        #expect(population["skipped"] as? Int == 9)
        let inputs = try #require(population["inputs"] as? [[String: Any]])
        let banner = try #require(inputs.first { ($0["file"] as? String)?.hasSuffix("config/banner.yaml") == true })
        #expect(banner["status"] as? String == "skipped")
        #expect((banner["reason"] as? String)?.hasPrefix("Helm template: ") == true)
        #expect((banner["sha256"] as? String)?.count == 64)
    }

    // MARK: - Helm charts

    @Test func withoutHelmEachChartIsOneNoticeAndTheRunFails() throws {
        let result = try CLI.run(["check", Self.chartRepo, "--now", "2026-11-29"], environment: Self.bareEnvironment)
        #expect(result.status == 2, "\(result.stdout)")
        let errors = result.stdout.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(result.stdout)")
        #expect(errors.first?.contains("\(Self.chart)/Chart.yaml:1:1: error: Helm chart not rendered: helm is not on PATH") == true, "\(errors)")
        #expect(errors.first?.contains("`helm template \(Self.chart) | policycheck check -`") == true)
        #expect(!result.stdout.contains("templates/service.yaml"), "templates are never read raw: \(result.stdout)")
    }

    @Test func allowUnrenderedListsTheChartAsNotChecked() throws {
        let result = try CLI.run(["check", Self.chartRepo, "--allow-unrendered", "--now", "2026-11-29"], environment: Self.bareEnvironment)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("\(Self.chart): Helm chart not rendered: helm is not on PATH"), "\(result.stdout)")
        let json = try CLI.run(["check", Self.chartRepo, "--allow-unrendered", "--format", "json"], environment: Self.bareEnvironment)
        #expect(json.stdout.contains("\"kind\": \"Helm chart not rendered\""), "\(json.stdout)")
    }

    /// A tree of charts only: with --allow-unrendered nothing is left to fail the run (exit 0, the charts listed as not
    /// checked); without it, the error says the chart was not rendered, not that no manifest was found.
    @Test func allowUnrenderedLetsATreeOfChartsOnlyPass() throws {
        let allowed = try CLI.run(["check", Self.chart, "--allow-unrendered", "--now", "2026-11-29"], environment: Self.bareEnvironment)
        #expect(allowed.status == 0, "\(allowed.stdout)")
        #expect(allowed.stdout.contains("\(Self.chart): Helm chart not rendered: helm is not on PATH"), "\(allowed.stdout)")
        #expect(!allowed.stdout.contains("error:"), "\(allowed.stdout)")
        let refused = try CLI.run(["check", Self.chart, "--now", "2026-11-29"], environment: Self.bareEnvironment)
        #expect(refused.status == 2, "\(refused.stdout)")
        let errors = refused.stdout.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(refused.stdout)")
        #expect(errors.first?.contains("error: Helm chart not rendered: helm is not on PATH") == true, "\(errors)")
    }

    @Test func withHelmTheRenderedObjectsAreJudged() throws {
        let clean = try CLI.run(["check", Self.chartRepo, "--helm", Self.stub, "--now", "2026-11-29"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("2 files checked"), "\(clean.stdout)")
        let open = try CLI.run(["check", Self.chartRepo, "--helm", Self.stub, "--helm-set", "service.type=LoadBalancer",
                                "--now", "2026-11-29", "--format", "json"])
        #expect(open.status == 1, "\(open.stdout)\(open.stderr)")
        let findings = try #require((try JSONSerialization.jsonObject(with: Data(open.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        // Placed in the template helm's `# Source:` names, at the line that sets the type.
        #expect(findings.allSatisfy { $0["file"] as? String == "\(Self.chart)/templates/service.yaml" }, "\(findings)")
        #expect(findings.allSatisfy { $0["line"] as? Int == 6 }, "\(findings)")
    }

    /// A `--helm-set` value may be a password: the settings (the text report's, the evidence bundle's) show its
    /// key, never its value, as for `--tf-var` (hostile tester, round 36).
    @Test func helmSetValuesAreNotRecorded() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("helm-set-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try CLI.run(["report", Self.chartRepo, "--helm", Self.stub, "--helm-set", "db.password=Hunter2HelmSet",
                                  "--now", "2026-11-29", "--out", out])
        #expect(report.status == 0, "\(report.stdout)\(report.stderr)")
        for file in try FileManager.default.contentsOfDirectory(atPath: out) {
            let text = (try? String(contentsOfFile: out + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains("Hunter2HelmSet"), "\(file)")
        }
        let evidence = try String(contentsOfFile: out + "/evidence.json", encoding: .utf8)
        #expect(evidence.contains("db.password=(value not shown)"))
    }

    /// A chart's data file that a template includes whole (`{{ .Files.Get "files/lb.yaml" }}`) is checked once, in the
    /// render; one no template includes is still read raw, rendered or not (a `Chart.yaml` must not hide plain
    /// manifests, docs/security.md), and so is the included one when the values leave it out.
    @Test func aChartFileTheRenderHoldsWholeIsCheckedOnlyThere() throws {
        let root = try CLI.temporaryDirectory()
        let service = { (name: String) in
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: \(name)\nspec:\n  type: LoadBalancer\n  ports:\n  - port: 5432\n"
        }
        let chart = root.appendingPathComponent("web")
        let stub = root.appendingPathComponent("helm")
        let files = [
            "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
            "web/values.yaml": "embedLB: false\n",
            "web/templates/lb.yaml": "{{- if .Values.embedLB }}\n{{ .Files.Get \"files/lb.yaml\" }}\n{{- end }}\n",
            "web/files/lb.yaml": service("web-lb"),
            "web/files/spare.yaml": service("web-spare"),
            // Not Kubernetes: a render is read as Kubernetes only, so the template read raw is the one checked.
            "web/files/stack.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  SG:\n    Type: AWS::EC2::SecurityGroup\n"
                + "    Properties:\n      GroupDescription: web\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n"
                + "          FromPort: 22\n          ToPort: 22\n          CidrIp: 0.0.0.0/0\n",
            // What `helm template` prints for this chart (https://helm.sh/docs/helm/helm_template/).
            "helm": "#!/bin/sh\ncase \"$1\" in\n  version) echo v3.18.4+gstub ;;\n  template) case \"$*\" in *embedLB=true*) "
                + "printf -- '---\\n# Source: web/templates/lb.yaml\\n'; cat '\(chart.path)/files/lb.yaml'; "
                + "printf -- '---\\n# Source: web/templates/stack.yaml\\n'; cat '\(chart.path)/files/stack.yaml' ;; esac ;;\nesac\n",
        ]
        for (file, text) in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub.path)

        let embedded = try CLI.run(["check", "web", "--helm", stub.path, "--helm-set", "embedLB=true", "--now", "2026-11-29"], in: root)
        #expect(embedded.status == 1, "\(embedded.stdout)\(embedded.stderr)")
        let findings = embedded.stdout.split(separator: "\n").filter { $0.contains("MMC-NET-001") }
        #expect(findings.count == 3, "\(embedded.stdout)")
        #expect(findings.contains { $0.contains("web/files/stack.yaml:") }, "\(findings)")
        #expect(findings.contains { $0.contains("web/templates/lb.yaml:") && $0.contains("[Service/default/web-lb]") }, "\(findings)")
        #expect(findings.contains { $0.contains("web/files/spare.yaml:") && $0.contains("[Service/default/web-spare]") }, "\(findings)")
        #expect(embedded.stdout.contains("web/files/lb.yaml: Helm chart input: included whole in the render of web (its objects are checked there)"), "\(embedded.stdout)")

        let left = try CLI.run(["check", "web", "--helm", stub.path, "--now", "2026-11-29"], in: root)
        #expect(left.status == 1, "\(left.stdout)\(left.stderr)")
        #expect(left.stdout.contains("web/files/lb.yaml:6:3 critical MMC-NET-001"), "\(left.stdout)")
        #expect(left.stdout.contains("web/files/spare.yaml:6:3 critical MMC-NET-001"), "\(left.stdout)")
    }

    @Test func valuesFilesChangeTheOutcomeAndAreHashedInTheEvidence() throws {
        let values = "\(Self.chart)/ci/public-values.yaml"
        let result = try CLI.run(["check", Self.chartRepo, "--helm", Self.stub, "--helm-values", values, "--now", "2026-11-29"])
        #expect(result.status == 1, "\(result.stdout)")
        let out = try CLI.temporaryDirectory().appendingPathComponent("bundle")
        let report = try CLI.run(["report", Self.chartRepo, "--helm", Self.stub, "--helm-values", values, "--out", out.path],
                                 environment: ["SOURCE_DATE_EPOCH": "1795000000"])
        #expect(report.status == 1, "\(report.stdout)\(report.stderr)")
        let evidence = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("evidence.json"))) as? [String: Any])
        let inputs = try #require((evidence["population"] as? [String: Any])?["inputs"] as? [[String: Any]])
        let recorded = try #require(inputs.first { $0["file"] as? String == values })
        #expect((recorded["sha256"] as? String)?.count == 64)
        #expect(inputs.contains { $0["file"] as? String == "\(Self.chart)/values.yaml" && ($0["sha256"] as? String)?.count == 64 })
        let chart = try #require(inputs.first { $0["file"] as? String == Self.chart })
        #expect(chart["status"] as? String == "evaluated")
        #expect(chart["reason"] as? String == "rendered by helm template (v3.16.2+gstub)")
    }

    @Test func helmSettingsComeFromTheConfigurationFile() throws {
        let directory = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.chartRepo), to: directory.appendingPathComponent("repo"))
        try "apiVersion: policycheck/v1\nkind: Config\nhelm:\n  path: \(Self.stub)\n  set: [service.type=LoadBalancer]\n"
            .write(to: directory.appendingPathComponent(".policycheck.yaml"), atomically: true, encoding: .utf8)
        // Found upward from the working directory (a pull request's checkout), it may not pick the renderer or
        // its values unless the run allows it.
        let refused = try CLI.run(["check", "repo", "--now", "2026-11-29"], in: directory)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("'helm.path: \(Self.stub)' may weaken the gate (the program that renders Helm charts)"), "\(refused.stderr)")
        let result = try CLI.run(["check", "repo", "--now", "2026-11-29", "--allow-tree-config"], in: directory)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("repo/charts/web/templates/service.yaml:6:"), "\(result.stdout)")
        let named = try CLI.run(["check", "repo", "--now", "2026-11-29", "--config", ".policycheck.yaml"], in: directory)
        #expect(named.status == 1, "\(named.stdout)\(named.stderr)")
    }

    @Test func helmRunsWithAFixedEnvironmentAndAnArgumentArray() throws {
        let directory = try CLI.temporaryDirectory()
        let copy = directory.appendingPathComponent("repo")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.chartRepo), to: copy)
        let record = copy.appendingPathComponent("charts/web/.record")
        try "".write(to: record, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "repo", "--helm", Self.stub, "--helm-set", "a=$(touch pwned); b"],
                                 environment: ["AWS_SECRET_ACCESS_KEY": "do-not-leak", "KUBECONFIG": "/secret/kubeconfig"],
                                 in: directory)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let recorded = try String(contentsOf: record, encoding: .utf8)
        #expect(recorded.contains("args: repo/charts/web --set a=$(touch pwned); b"), "\(recorded)")
        #expect(!recorded.contains("do-not-leak") && !recorded.contains("KUBECONFIG"), "\(recorded)")
        #expect(recorded.contains("PATH=/usr/local/bin:/usr/bin:/bin"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("pwned").path))
    }

    @Test func aFailingRenderIsOneErrorWithHelmsReason() throws {
        let result = try CLI.run(["check", Self.chartRepo, "--helm", CLI.fixture("helm/stub/failing-helm")])
        #expect(result.status == 2)
        #expect(result.stdout.contains("\(Self.chart)/Chart.yaml:1:1: error: Helm chart could not be rendered: helm template exited with status 1: Error: found in Chart.yaml, but missing in charts/ directory: mysql"), "\(result.stdout)")
    }

    // MARK: - Kustomize

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl"), "kubectl is not installed"))
    func aKustomizationIsBuiltAndFindingsNameTheSourceFile() throws {
        let result = try CLI.run(["check", CLI.fixture("kustomize"), "--now", "2026-11-29", "--format", "json"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0["file"] as? String == "Tests/PolicyCheckCLITests/Fixtures/kustomize/app/service.yaml" }, "\(findings)")
        let skipped = try #require((json["summary"] as? [String: Any])?["skipped"] as? [[String: Any]])
        // The resource and the patch are read through the build only: no finding twice, no partial object read raw.
        #expect(skipped.contains { ($0["file"] as? String)?.hasSuffix("app/service.yaml") == true && ($0["kind"] as? String) == "kustomization input" })
        #expect(skipped.contains { ($0["file"] as? String)?.hasSuffix("app/patch.yaml") == true && ($0["kind"] as? String) == "kustomization input" })
    }

    @Test func withoutKubectlAKustomizationIsOneNotice() throws {
        let result = try CLI.run(["check", CLI.fixture("kustomize")], environment: Self.bareEnvironment)
        #expect(result.status == 2)
        let errors = result.stdout.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 1, "\(result.stdout)")
        #expect(errors.first?.contains("kustomization not rendered: kubectl is not on PATH") == true, "\(errors)")
    }
}
