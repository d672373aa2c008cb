import Dispatch
import Foundation
import PolicyCheckAdapters
import PolicyCheckConfig
import PolicyCheckInput
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckRender
import PolicyCheckReport
import PolicyCheckSyntax
import Synchronization

/// One `check` run: discover inputs, read and evaluate them (in parallel), and assemble the report.
public struct CheckRun: Sendable {
    public var policy: CompiledPolicy
    public var now: Timestamp
    /// The instant what expires (waivers, certificates, imported key material) is judged expired by, when later
    /// than `now`: the clock, when `now` is an earlier `SOURCE_DATE_EPOCH` (`EvaluationClock.expiryTime`).
    public var expiryTime: Timestamp?
    /// The time what must already be in force (a waiver's approval, a certificate's start) is judged by, when
    /// earlier than `now`: the clock, when `now` is a later `SOURCE_DATE_EPOCH` (`EvaluationClock.inForceTime`).
    public var inForceTime: Timestamp?
    public var failOn: Severity?
    public var excludeGlobs: [String] = []
    /// When not empty, files found by walking directories are checked only if they match one of these.
    public var includeGlobs: [String] = []
    /// Files read and evaluated at once.
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    public var toolVersion: String
    /// Read every input in this format instead of detecting it.
    public var inputFormat: InputFormat?
    /// Adapter settings, e.g. the offering to assume for infrastructure code.
    public var adapterOptions = AdapterOptions()
    /// Run OpenSSL's consistency checks on key files (`keys verify`).
    public var verifyKeys = false
    /// Read files outside the checked tree: links met in walked directories, BYOK material paths.
    public var allowOutsideTree = false
    /// Largest input file read; bigger ones are an error.
    public var maxFileBytes = ByteSize.defaultMaxFileBytes
    /// Waivers, inline ignores and a baseline.
    public var suppressions = SuppressionSettings()
    /// Record the SHA-256 of every input (evidence bundles).
    public var hashInputs = false
    /// Keep every rule's outcome for every resource (for reports that list the whole population); without them a
    /// large run holds only its findings.
    public var keepsOutcomes = true
    /// Called from worker threads after each input is checked, with the number checked so far and the total.
    public var progress: (@Sendable (_ checked: Int, _ total: Int) -> Void)?
    /// How Helm charts and kustomizations found in directories are rendered.
    public var render = RenderSettings()
    /// Writes a text report's groups as inputs are checked (`TextReporter.writeGroup`), one at a time and in report
    /// order, when every input keeps its findings in its own file (`GroupStreamer`); the report then holds their
    /// counts (`CheckReport.written`), not the findings. A run that cannot be streamed never calls it and returns
    /// every finding.
    public var streamsGroups: (@Sendable (ReportGroup) -> Void)?

    public init(policy: CompiledPolicy, now: Timestamp, failOn: Severity?, toolVersion: String) {
        self.policy = policy
        self.now = now
        self.failOn = failOn
        self.toolVersion = toolVersion
    }

    /// Checks the paths (`-` reads `stdin`).
    public func run(paths: [String], stdin: [UInt8]? = nil) -> CheckReport {
        var discovery = InputDiscovery(excludeGlobs: excludeGlobs, includeGlobs: includeGlobs)
        discovery.allowOutsideTree = allowOutsideTree
        let found = discovery.discoverAll(paths)
        let discoveryErrors = found.errors
        var renderSettings = render
        renderSettings.allowOutsideTree = allowOutsideTree
        let rendering = RenderStage(settings: renderSettings, hashInputs: hashInputs).render(found.renderSources)
        let names = OutcomeTable.SharedNames()
        let evaluated = evaluate(found.inputs, rendering: rendering, stdin: stdin, names: names,
                                 discoveryErrors: discoveryErrors)
        var results = evaluated.results
        let written = evaluated.written
        let inputs = found.inputs + rendering.rendered.map(\.input)
        var errors = discoveryErrors
        var warnings: [Diagnostic] = []
        var findings: [Finding] = []
        var outcomes: [OutcomeTable.Run] = []
        var checked: [String] = []
        var skipped: [SkippedFile] = []
        var keyFileCount = 0
        var deployments = 0
        var records = discoveryErrors.map { InputRecord(file: $0.file, status: .error, reason: $0.message) }
        var seenRecords: Set<String> = []
        records += rendering.records.filter { seenRecords.insert($0.file).inserted }
        var keyFiles: [String: KeyFile] = [:]
        // A base's finding found again by every overlay's build is said once, naming the builds.
        var builds = KustomizeFindings()
        findings.reserveCapacity(results.reduce(0) { $0 + $1.findings.count })
        // A file with findings of more than one input (a module two root modules reach, one of them from a parent
        // folder) names the deployment on all of them, so one deployment's baseline does not cover another's.
        var inputsByFile: [String: String] = [:]
        var sharedFiles: Set<String> = []
        for file in results where file.input.path != "-" {
            var last: String?
            for finding in file.findings where finding.file != last {
                last = finding.file
                if let other = inputsByFile[finding.file] {
                    if other != file.input.path { sharedFiles.insert(finding.file) }
                } else {
                    inputsByFile[finding.file] = file.input.path
                }
            }
        }
        for index in results.indices { results[index].nameDeployment(inFiles: sharedFiles) }
        for index in results.indices {
            // Moved out of each file's result, so a run does not hold every finding twice.
            let file = results[index]
            errors += file.errors
            warnings += file.warnings
            records.append(file.record)
            for keyFile in file.keyFiles { keyFiles["\(keyFile.path)\u{0}\(keyFile.role.rawValue)"] = keyFile }
            if let reason = file.skipReason { skipped.append(SkippedFile(file: file.input.displayPath, reason: reason)) }
            if file.deploymentCount > 0 { checked.append(file.input.displayPath) }
            deployments += file.deploymentCount - file.keyFileCount
            keyFileCount += file.keyFileCount
            if let build = file.build {
                builds.add(results[index].takeFindings(), build: build)
            } else {
                findings.append(contentsOf: results[index].takeFindings())
            }
            outcomes.append(contentsOf: results[index].takeOutcomes())
        }
        findings += builds.labelled()
        if inputs.isEmpty && discoveryErrors.isEmpty && results.isEmpty {
            errors.append(Diagnostic(file: paths.joined(separator: " "), location: nil,
                                     message: "no inputs found to check: policycheck reads YAML, JSON and .template files, Terraform modules (.tf, .tofu) and key files (.pem, .key, .crt and others)"))
        } else if checked.isEmpty && errors.isEmpty && !rendering.skippedAsAllowed {
            // A tree of charts only, with --allow-unrendered, is not "no manifest": they are listed as not checked.
            errors.append(Diagnostic(file: paths.joined(separator: " "), location: nil,
                                     message: "no policycheck manifest found (\(skipped.count) file\(skipped.count == 1 ? "" : "s") skipped)"))
        }
        var waivers: [WaiverStatus] = []
        if let waiverFile = suppressions.waivers {
            // A streamed run's applier has judged the findings written already and counted each waiver's use.
            var applier = evaluated.waivers ?? waiverApplier(waiverFile)
            applier.apply(to: &findings)
            waivers = applier.statuses
        }
        if let baseline = suppressions.baseline {
            baseline.apply(to: &findings)
            warnings += baseline.uncoveredWithheld(in: findings)
        }
        // Each file's findings are sorted already; inputs usually come in path order, and then so do they.
        findings.sortForReport()
        var report = CheckReport(
            toolVersion: toolVersion, evaluatedAt: now, failOn: failOn,
            packs: policy.packs.map { PackSummary(id: $0.id, version: $0.version, origin: $0.origin, ruleCount: $0.rules.count) },
            filesChecked: checked, filesSkipped: skipped, deploymentCount: deployments, findings: findings,
            errors: errors.sorted(), outcomes: names.table(of: outcomes)
        )
        // A warning about a file several inputs share (a local module two root modules call) is said once, and an
        // inline ignore in such a file is stale only if no input's finding used it (an ignore at an Ingress class's
        // parameters covers the findings of the Ingresses reached from other files, not the class file's own).
        let usedIgnores = Set(findings.compactMap(\.inlineIgnoreLocation))
            .union(written.usedIgnores)
        report.warnings = Set(warnings).filter { Self.keepsWarning($0, usedIgnores: usedIgnores) }.sorted()
        report.written = written
        report.keyFileCount = keyFileCount
        report.rules = policy.rules.map(\.rule)
        report.waivers = waivers
        report.inputs = records
        report.keyFiles = keyFiles.keys.sorted().compactMap { keyFiles[$0] }
        return report
    }

    /// The waiver file as this run applies it, at its evaluation, expiry and in-force times.
    func waiverApplier(_ file: WaiverFile) -> WaiverApplier {
        WaiverApplier(file, at: now, expiringAt: expiryTime, inForceAt: inForceTime)
    }

    /// Whether a warning stays: a stale-ignore warning does not where a finding used the ignore.
    static func keepsWarning(_ warning: Diagnostic, usedIgnores: Set<String>) -> Bool {
        guard InlineSuppressor.isStaleIgnore(warning), let line = warning.location?.line else { return true }
        return !usedIgnores.contains("\(warning.file):\(line)")
    }

    static func record(_ read: InputReader.Result) -> InputRecord {
        let file = read.input.displayPath
        let count = read.deployments.count
        if let first = read.errors.first {
            return InputRecord(file: file, status: .error, reason: first.description, sha256: read.sha256, deployments: count,
                               manifest: read.manifest)
        }
        if let reason = read.skipReason {
            return InputRecord(file: file, status: .skipped, reason: reason, sha256: read.sha256, manifest: read.manifest)
        }
        let withheld = read.digestWithheld ? read.withheldBecause ?? "holds a secret key: no digest of it is published" : nil
        return InputRecord(file: file, status: .evaluated, reason: read.note ?? withheld, sha256: read.sha256, deployments: count,
                           manifest: read.manifest)
    }

    /// Key files in the tree and those BYOK materials reference.
    static func keyFiles(of deployment: Deployment) -> [KeyFile] {
        deployment.keyFiles + deployment.keys.flatMap { key in
            key.materials.flatMap { [$0.wrappingKeyFile, $0.encryptedMaterialFile].compactMap { $0 } }
        }
    }

    private func evaluate(_ walked: [InputDiscovery.Input], rendering: RenderStage.Outcome, stdin: [UInt8]?,
                          names: OutcomeTable.SharedNames,
                          discoveryErrors: [Diagnostic])
        -> (results: [CheckedFile], written: WrittenFindings, waivers: WaiverApplier?) {
        // Files a kustomize build consumed are checked as built, and chart files a render holds whole are checked
        // in it, not read raw (that would report them twice).
        let cwd = FileManager.default.currentDirectoryPath
        // Renders are read as Kubernetes; files forced into another format are never left to them.
        let included = ChartIncludedFiles(inputFormat == nil || inputFormat == .kubernetes ? rendering.rendered : [], cwd: cwd)
        var consumed: [InputReader.Result] = []
        var pending: [InputDiscovery.Input] = []
        for input in walked {
            // (A link out of the tree, already a skip, is never opened to compare.)
            if !input.isExplicit, let reason = rendering.consumed[InputPath.key(input.path, in: cwd)]
                ?? (input.skipReason == nil && !input.isTerraformModule ? included.reason(forWalkedFile: input.path, cwd: cwd) : nil) {
                var read = InputReader.Result(input: input)
                read.skipReason = reason
                consumed.append(read)
            } else {
                pending.append(input)
            }
        }
        // A rendered input is found by its place after the walked ones, never by path: a folder that is a chart and
        // a kustomization renders twice, and a walked file may share a rendered input's path.
        let renderedInputs = rendering.rendered
        let walkedCount = pending.count
        let inputs = pending + renderedInputs.map(\.input)
        var configuredEvaluator = Evaluator(policy: policy)
        configuredEvaluator.recordsOutcomes = keepsOutcomes
        // Cores no input takes (one large plan with `--jobs 2`) evaluate a large input's rules side by side.
        configuredEvaluator.checkThreads = max(1, jobs / max(1, inputs.count))
        let evaluator = configuredEvaluator
        let context = CheckContext(now: now, expiryTime: expiryTime, inForceTime: inForceTime)
        var configured = InputReader()
        configured.format = inputFormat
        configured.options = adapterOptions
        configured.options.readsInlineIgnores = suppressions.inlineIgnores
        configured.options.checkedFiles = Set(pending.filter { $0.skipReason == nil && !$0.isTerraformModule && $0.path != "-" }
            .map { InputPath.key($0.path, in: cwd) })
        // SAM configurations anywhere in the run may deploy any template of it (`template_file = "../infra/t.yaml"`).
        let samConfigurationFiles = pending.filter { input in
            input.skipReason == nil && input.path != "-" && SAMConfigNames.names(input.path)
        }.map { InputPath.standardized($0.path, in: cwd) }
        configured.options.samConfigurations = SAMConfigurations(runFiles: samConfigurationFiles)
        configured.keyFiles = KeyFileReader(verify: verifyKeys)
        configured.maxFileBytes = maxFileBytes
        configured.hashInputs = hashInputs
        configured.allowOutsideTree = allowOutsideTree
        // Ingress classes are cluster-wide: an Ingress is read with its class wherever in the run it is defined.
        // Rendered charts and builds keep the classes of other inputs' renders out: a finding is placed back into a
        // build's files only from the build's own stream. A kustomize build's classes, as it renders them (its
        // patches, prefixes and components applied), serve the walked files' Ingresses and Gateways: a finding there
        // is placed back into the build's files from its stream (one `kustomization.yaml` beside a platform's class
        // hid it from every plain Ingress, tester round 33; reading the class files raw missed the build's patches,
        // reviewer round 33).
        let builds = renderedInputs.filter { $0.build != nil }
        var renderedClasses: IngressClassCatalog?
        var classStreams: [String: RenderedStream] = [:]
        var anyClasses = false
        if configured.scansIngressClasses(inputCount: inputs.count) {
            let scanner = configured
            let files = pending
            let classes = ResultSlots<IngressClassCatalog.FileClasses?>(count: files.count + builds.count)
            forEachInput(files.count + builds.count) { index in
                if index < files.count {
                    classes.set(index, scanner.ingressClasses(of: files[index], text: files[index].path == "-" ? stdin : nil))
                } else {
                    let build = builds[index - files.count]
                    classes.set(index, scanner.ingressClasses(of: build.input, text: build.stream.text))
                }
            }
            let values = classes.values
            anyClasses = values.contains { $0 != nil }
            configured.options.ingressClasses = IngressClassCatalog(values.compactMap { $0 })
            renderedClasses = IngressClassCatalog(values.prefix(pending.count).compactMap { $0 })
            for (offset, value) in values.dropFirst(pending.count).enumerated() where value != nil {
                classStreams[builds[offset].input.displayPath] = builds[offset].stream
            }
        }
        let classBuildStreams = classStreams
        let reader = configured
        // Rendered charts and kustomizations are Kubernetes, whatever `--input-format` says of files.
        configured.format = .kubernetes
        if let renderedClasses { configured.options.ingressClasses = renderedClasses }
        let renderedReader = configured
        let inline = suppressions.inlineIgnores ? InlineSuppressor(ruleIds: policy.rules.map(\.rule.id)) : nil
        let progress = self.progress
        let keepsSourceNodes = policy.readsSourceNodes
        let slots = ResultSlots<CheckedFile>(count: inputs.count)
        // Streamed only where every input's findings are its own file's: a render's are placed in its templates, a
        // module's in the files it calls, a SAM configuration deploys another file's template, an Ingress class in one
        // file judges another's Ingresses. Waivers and a baseline judge each finding alone: the streamer applies them.
        let streamer = streamsGroups.flatMap { write in
            renderedInputs.isEmpty && consumed.isEmpty && rendering.unrendered.isEmpty && samConfigurationFiles.isEmpty
                && !anyClasses && GroupStreamer.canStream(inputs)
                ? GroupStreamer(inputs: inputs, discoveryErrors: discoveryErrors, failOn: failOn,
                                waivers: suppressions.waivers.map(waiverApplier), baseline: suppressions.baseline,
                                write: write) : nil
        }
        let work: @Sendable (Int) -> Void = { index in
            let input = inputs[index]
            let rendered = index >= walkedCount ? renderedInputs[index - walkedCount] : nil
            var read = rendered.map { renderedReader.read(input, stdin: $0.stream.text) }
                ?? reader.read(input, stdin: input.path == "-" ? (stdin ?? []) : nil)
            if let rendered {
                read.note = rendered.note
                if read.sha256 != nil, !rendered.readFiles.isEmpty {
                    // The folder's digest is the files the render read, each recorded, as a Terraform module's is.
                    let files = rendered.readFiles.compactMap { path in
                        FileManager.default.contents(atPath: path).map { SourceFile(path: path, bytes: [UInt8]($0)) }
                    }
                    let manifest = ModuleManifest(files: files)
                    read.manifest = manifest
                    read.sha256 = manifest.digest
                }
                if read.skipReason?.hasPrefix("empty:") == true {
                    read.skipReason = "empty: \(rendered.build == nil ? "helm template rendered" : "kubectl kustomize built") no objects"
                }
            }
            if !keepsSourceNodes {
                // Nothing reads the parsed document past adaptation: free it before evaluating (a 100 MB plan's
                // tree is larger than the model made from it).
                for index in read.deployments.indices { read.deployments[index].dropSourceNodes() }
            }
            // The text, tree and model of the input are released here; only the verdicts are kept.
            var checked = CheckedFile(read, evaluator: evaluator, context: context, inline: inline, names: names)
            if let rendered {
                checked.placeFindings(in: rendered.stream)
                checked.build = rendered.build
            } else if !classBuildStreams.isEmpty {
                // A walked Ingress's finding at a class a build rendered goes to the build's file that wrote it.
                for (path, stream) in classBuildStreams where checked.findings.contains(where: { $0.file == path }) {
                    checked.placeFindings(in: stream, streamFile: path)
                }
            }
            checked.nameDeployments()
            streamer?.finished(&checked, index: index)
            let filled = slots.set(index, checked)
            progress?(filled, inputs.count)
        }
        if let order = streamer?.checkingOrder {
            forEachInput(order.count) { work(order[$0]) }
        } else {
            forEachInput(inputs.count, work)
        }
        let settled = (consumed + rendering.unrendered).map {
            CheckedFile($0, evaluator: evaluator, context: context, inline: nil, names: names)
        }
        let streamed = streamer?.finish()
        return (slots.values + settled, streamed?.written ?? WrittenFindings(), streamed?.waivers)
    }
}

extension CheckRun {
    /// Calls `work` with each index below `count`, on `jobs` threads. Each input is independent: the workers (the
    /// calling thread is one of them) each take the next index from a shared counter, so no worker waits for another
    /// thread to hand out work; results land in their input's slot, so output order never depends on timing.
    func forEachInput(_ count: Int, _ work: @Sendable (Int) -> Void) {
        guard jobs > 1 && count > 1 else {
            for index in 0..<count { work(index) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                work(index)
            }
        }
    }
}
