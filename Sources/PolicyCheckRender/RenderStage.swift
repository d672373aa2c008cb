import Foundation
import KeyMaterial
import PolicyCheckInput
import PolicyCheckModel

/// Renders the charts and kustomizations a walk found, before anything is read: what to check in their place,
/// what could not be rendered, and which walked files a build consumed (so they are not also read raw).
package struct RenderStage: Sendable {
    package var settings: RenderSettings
    package var hashInputs: Bool

    package init(settings: RenderSettings, hashInputs: Bool) {
        self.settings = settings
        self.hashInputs = hashInputs
    }

    /// A rendered source, ready to be read as Kubernetes.
    package struct Rendered: Sendable {
        package var input: InputDiscovery.Input
        package var stream: RenderedStream
        /// `rendered by helm template (v3.16.2)`, for the population.
        package var note: String
        /// The kustomization a `kubectl kustomize` build was of, named in its findings (a base's file can be built by
        /// several); `nil` for a chart.
        package var build: String?
        /// The files the render read, as reports show paths: for a build, the files its objects came from, its
        /// patches and the kustomization files of it and every kustomization it takes in; for a chart, every file
        /// under the chart. Evidence records them (`ModuleManifest`), so `verify-report --inputs-root` can tell an
        /// edited one (a folder recorded by the rendered output's digest alone could not be checked; hostile
        /// tester, round 35).
        package var readFiles: [String] = []
    }

    package struct Outcome: Sendable {
        package var rendered: [Rendered] = []
        /// Sources that could not be rendered: an error each, or a skip with `allowUnrendered`.
        package var unrendered: [InputReader.Result] = []
        /// Whether a source was left unrendered, for want of its tool, because `allowUnrendered` allows it: a run of
        /// nothing else has then checked all it was asked to, and passes.
        package var skippedAsAllowed = false
        /// Standardized paths of walked files a build consumed, with the reason they are not read raw.
        package var consumed: [PathKey: String] = [:]
        /// Values files that shaped a render, for the evidence population.
        package var records: [InputRecord] = []
    }

    package func render(_ sources: [RenderSource]) -> Outcome {
        var outcome = Outcome()
        guard !sources.isEmpty else { return outcome }
        let cwd = FileManager.default.currentDirectoryPath
        let helm = tool(settings.helm, named: "helm")
        let kubectl = tool(settings.kubectl, named: "kubectl")
        let helmVersion = helm.flatMap { $0.version(["version", "--short"]) }
        let kubectlVersion = kubectl.flatMap { $0.version(["version", "--client"]) }
        let plan = KustomizePlan(sources.filter { $0.kind == .kustomization })
        var planPosition = 0
        var succeeded: Set<Int> = []
        var consumed = KustomizeInputs()
        var refused: Set<Diagnostic> = []
        for source in sources {
            let input = InputDiscovery.Input(path: source.renderedInputPath, displayPath: source.displayPath, isExplicit: false)
            var result: Result<RenderedStream, ExternalTool.Failure>
            let note: String
            switch source.kind {
            case .helmChart:
                guard let helm else {
                    outcome.skippedAsAllowed = outcome.skippedAsAllowed || settings.allowUnrendered
                    outcome.unrendered.append(unrendered(input, source, tool: "helm", how: "helm template \(source.displayPath) | policycheck check -"))
                    continue
                }
                result = HelmRenderer(tool: helm, valuesFiles: settings.helmValues, sets: settings.helmSet).render(source)
                note = "rendered by helm template (\(helmVersion ?? "version unknown"))"
                outcome.records += valuesRecords(source)
            case .kustomization:
                let position = planPosition
                planPosition += 1
                // A Component some Kustomization here uses is checked in that build, not on its own.
                guard plan.entries[position].isBuilt else { continue }
                // Nothing outside the checked tree is built: an entry leading out is refused where it is written
                // (once, though every build reaching it is refused), and the build is not run.
                if !settings.allowOutsideTree {
                    let refusals = KustomizeBoundary.refusals(building: source.directory, tree: source.tree ?? .workingDirectory)
                    if !refusals.isEmpty {
                        var read = InputReader.Result(input: input)
                        read.errors = refusals.filter { refused.insert($0).inserted }
                        if read.errors.isEmpty {
                            read.skipReason = "kustomization not built: it builds on a kustomization that names a path outside the checked tree (reported there)"
                        }
                        outcome.unrendered.append(read)
                        continue
                    }
                }
                guard let kubectl else {
                    outcome.skippedAsAllowed = outcome.skippedAsAllowed || settings.allowUnrendered
                    outcome.unrendered.append(unrendered(input, source, tool: "kubectl", how: "kubectl kustomize \(source.displayPath) | policycheck check -"))
                    continue
                }
                let unused = plan.isUnusedComponent(position)
                result = KustomizeRenderer(tool: kubectl).render(source, asComponent: plan.entries[position].file.isComponent)
                note = "built by kubectl kustomize (\(kubectlVersion ?? "version unknown"))"
                switch result {
                case .success(var stream):
                    succeeded.insert(position)
                    consumed.record(stream, build: source.displayPath, cwd: cwd)
                    stream.patches = plan.patches(ofBuild: position).map {
                        RenderedStream.Patch(file: InputPath.display(InputPath.standardized($0.path, in: cwd), foundFrom: source.directory, cwd: cwd),
                                             target: $0.target)
                    }
                    result = .success(stream)
                case .failure(.failed(_, let cause)) where unused:
                    // Nothing here uses it and it does not build alone, so nothing can deploy it as it stands.
                    var read = InputReader.Result(input: input)
                    read.skipReason = "kustomize component: used by no kustomization in the checked paths, and it "
                        + "cannot be built on its own (kubectl kustomize: \(cause.isEmpty ? "no reason given" : cause))"
                    outcome.unrendered.append(read)
                    continue
                case .failure:
                    break
                }
            }
            switch result {
            case .failure(let failure):
                var read = InputReader.Result(input: input)
                // At the file that makes the folder a chart or a kustomization, which an editor or a SARIF viewer
                // can open (the folder could not be, tester round 33).
                read.errors = [Diagnostic(file: Self.definingFile(of: source), location: nil,
                                          message: "\(source.kind.rawValue) could not be rendered: \(source.kind == .helmChart ? "helm template" : "kubectl kustomize") \(failure.message)")]
                outcome.unrendered.append(read)
            case .success(let stream):
                var rendered = Rendered(input: input, stream: stream, note: note,
                                        build: source.kind == .kustomization ? source.displayPath : nil)
                rendered.readFiles = source.kind == .kustomization
                    ? Self.buildFiles(stream, plan: plan, position: planPosition - 1, cwd: cwd)
                    : Self.chartFiles(source.directory, cwd: cwd)
                outcome.rendered.append(rendered)
            }
        }
        consumed.record(plan, succeeded: succeeded, cwd: cwd)
        outcome.consumed = consumed.reasons
        return outcome
    }

    /// The files a build read (`Rendered.readFiles`), sorted: its objects' files and patches as the build reports
    /// them, and — following `resources`, `bases` and `components` from the build's folder, local folders only — every
    /// kustomization file and patch of the kustomizations it takes in, walked or not (a component's patch or a base's
    /// kustomization outside the walk was left out; review, round 35). Generator and replacement sources are not listed.
    private static func buildFiles(_ stream: RenderedStream, plan: KustomizePlan, position: Int, cwd: String) -> [String] {
        var files = Set(stream.parts.compactMap(\.file)).union(stream.patches.map(\.file))
        for member in plan.entries[position].members { files.formUnion(plan.entries[member].file.files) }
        var pending = [InputPath.standardized(plan.entries[position].source.directory, in: cwd)]
        var seen: Set<String> = []
        while let directory = pending.popLast(), seen.count < 1_000 {
            guard seen.insert(directory).inserted else { continue }
            let kustomization = KustomizationFile(directory: directory)
            files.formUnion(kustomization.files)
            for patch in kustomization.patches where !patch.contains("://") {
                let path = InputPath.standardized(patch.hasPrefix("/") ? patch : directory + "/" + patch, in: cwd)
                if FileKind(path, followingLinks: true) == .regular { files.insert(path) }
            }
            for reference in kustomization.references where !reference.contains("://") && !reference.hasPrefix("git@") {
                let path = InputPath.standardized(reference.hasPrefix("/") ? reference : directory + "/" + reference, in: cwd)
                switch FileKind(path, followingLinks: true) {
                case .directory?: pending.append(path)
                case .regular?: files.insert(path)
                default: break
                }
            }
        }
        let spelling = plan.entries[position].source.directory
        return Set(files.map { InputPath.display(InputPath.standardized($0, in: cwd), foundFrom: spelling, cwd: cwd) }).sorted()
    }

    /// Every regular file under a chart's folder (links not followed), sorted: what `helm template` may read.
    private static func chartFiles(_ directory: String, cwd: String) -> [String] {
        let base = InputPath.standardized(directory, in: cwd)
        guard let names = FileManager.default.enumerator(atPath: base)?.allObjects as? [String] else { return [] }
        return names.compactMap { name -> String? in
            let path = base + "/" + name
            return FileKind(path, followingLinks: false) == .regular ? InputPath.display(path, foundFrom: directory, cwd: cwd) : nil
        }.sorted()
    }

    /// The file that makes a source a chart (`Chart.yaml`) or a kustomization (its kustomization file), as reports
    /// show paths.
    static func definingFile(of source: RenderSource) -> String {
        let name = source.kind == .helmChart ? "Chart.yaml"
            : RenderSource.kustomizationFiles(in: source.directory).first.map { ($0 as NSString).lastPathComponent }
            ?? "kustomization.yaml"
        return source.displayPath.hasSuffix("/") ? source.displayPath + name : source.displayPath + "/" + name
    }

    /// The tool to use: the path given, else the name found on `PATH`; `nil` when there is none.
    private func tool(_ given: String?, named name: String) -> ExternalTool? {
        if let given { return ExternalTool(executable: given) }
        return ExternalTool.find(name, path: settings.searchPath ?? ProcessInfo.processInfo.environment["PATH"])
            .map(ExternalTool.init(executable:))
    }

    /// One notice for a source nobody can render here: an error (exit 2) unless unrendered sources are allowed,
    /// then a skip; either way it says how to check it.
    private func unrendered(_ input: InputDiscovery.Input, _ source: RenderSource, tool: String, how: String) -> InputReader.Result {
        var read = InputReader.Result(input: input)
        let detail = "\(tool) is not on PATH, so it was not checked; check it with `\(how)`, or give --\(tool == "helm" ? "helm" : "kubectl") PATH"
        if settings.allowUnrendered {
            read.skipReason = "\(source.kind.rawValue) not rendered: \(detail)"
        } else {
            read.errors = [Diagnostic(file: Self.definingFile(of: source), location: nil,
                                      message: "\(source.kind.rawValue) not rendered: \(detail) (--allow-unrendered lets the run pass without it)")]
        }
        return read
    }

    /// The chart's `values.yaml` and the values files given: what the render depended on, hashed.
    private func valuesRecords(_ source: RenderSource) -> [InputRecord] {
        let own = source.directory + "/values.yaml"
        let files = (FileManager.default.fileExists(atPath: own) ? [own] : []) + settings.helmValues
        return files.map { file in
            let bytes = hashInputs ? FileManager.default.contents(atPath: file).map { Digest.sha256(Array($0)) } : nil
            return InputRecord(file: InputPath.display(file), status: .evaluated,
                               reason: "Helm values for \(source.displayPath)", sha256: bytes ?? nil)
        }
    }
}
