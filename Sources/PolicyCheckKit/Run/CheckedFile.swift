import Foundation
import PolicyCheckInput
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckRender
import PolicyCheckReport

/// What checking one input produced: its verdicts, without its text or model.
///
/// Workers reduce every input to this as soon as it is evaluated, so a run holds the bytes and trees of only the
/// files being checked at that moment, never the whole corpus.
struct CheckedFile: Sendable {
    var input: InputDiscovery.Input
    var errors: [Diagnostic]
    /// Problems that do not stop the run (stale inline ignores).
    var warnings: [Diagnostic]
    /// Why a file found in a directory was not checked.
    var skipReason: String?
    var deploymentCount: Int
    /// How many of the deployments are key files (key material rather than a manifest).
    var keyFileCount: Int
    /// In report order.
    var findings: [Finding]
    /// Outcomes, by index into the run's shared names.
    var outcomes: [OutcomeTable.Run]
    /// The input as the evidence bundle's population lists it.
    var record: InputRecord
    /// Key files in the tree and those BYOK materials reference (types, sizes and fingerprints only).
    var keyFiles: [KeyFile]
    /// The kustomization whose `kubectl kustomize` build this is (its findings name it).
    var build: String?

    /// Evaluates what was read, applies inline ignores, and keeps only the verdicts.
    init(_ read: InputReader.Result, evaluator: Evaluator, context: CheckContext, inline: InlineSuppressor?,
         names: OutcomeTable.SharedNames) {
        var read = read
        var evaluations = read.deployments.map { evaluator.evaluate($0, context: context) }
        var warnings: [Diagnostic] = []
        if let inline {
            let problems = inline.apply(to: &evaluations, deployments: read.deployments)
            // An ignore is stale only in a file that was checked whole.
            if read.errors.isEmpty && problems.errors.isEmpty { warnings = problems.stale }
            read.errors += problems.errors
        }
        self.warnings = read.warnings + warnings
        input = read.input
        errors = read.errors
        skipReason = read.skipReason
        deploymentCount = read.deployments.count
        keyFileCount = read.deployments.filter { $0.format == .keyMaterial }.count
        record = CheckRun.record(read)
        keyFiles = read.deployments.flatMap(CheckRun.keyFiles(of:))
        findings = []
        outcomes = []
        for evaluation in evaluations {
            if findings.isEmpty {
                // The usual single deployment: take the array over rather than copy it element by element.
                findings = evaluation.findings
            } else {
                findings += evaluation.findings
            }
            outcomes += names.runs(of: evaluation.outcomes)
        }
        if read.deployments.count > 1 { findings.sortForReport() }
    }

    /// Findings in a rendered stream (this input's own, or `streamFile`: a build whose class a walked Ingress has)
    /// moved to the templates and files they came from.
    mutating func placeFindings(in stream: RenderedStream, streamFile: String? = nil) {
        var placer = RenderedPlacer(stream) { path in FileManager.default.contents(atPath: path).map(Array.init) }
        // Only the stream's own findings: one located in a checked file beside it (its Ingress's class) is there.
        let streamFile = streamFile ?? input.displayPath
        findings = findings.map { $0.file == streamFile ? placer.place($0) : $0 }
        warnings = warnings.map { $0.file == streamFile ? placer.place($0) : $0 }
        findings.sortForReport()
    }

    /// Names the deployment (the input: a file, a root module, a chart, a kustomization) on every finding located
    /// outside the input's own file or folder — in a module several root modules call, a base several overlays
    /// build on — so the same place reached through two deployments is two findings a reviewer can tell apart, and a
    /// baseline or report for one does not speak for the other (`Finding.deployment`). Findings in a file that other
    /// inputs reach too are named as well, by `nameDeployment(inFiles:)` once every input is checked.
    mutating func nameDeployments() {
        let home = input.path
        guard home != "-", !findings.isEmpty || !errors.isEmpty else { return }
        let directory = FileManager.default.currentDirectoryPath
        let name = Self.deploymentName(home, in: directory)
        // An error in a file outside the input (a module many root modules call) says which input met it: the same
        // line can fail for one caller's values and not another's.
        for index in errors.indices where !errors[index].file.isEmpty && errors[index].file != home
            && !InputPath.isWithin(errors[index].file, home: home, in: directory) {
            errors[index].message += " (reached through \(name))"
        }
        var lastFile: String?
        var lastWithin = true
        for index in findings.indices {
            let file = findings[index].file
            if file != lastFile {
                lastFile = file
                lastWithin = InputPath.isWithin(file, home: home, in: directory)
            }
            if !lastWithin { findings[index].deployment = name }
        }
    }

    /// Names the deployment on findings in `files` (files with findings of more than one input: a module that a root
    /// module in a parent folder calls, as another root module does, is inside both folders).
    mutating func nameDeployment(inFiles files: Set<String>) {
        guard input.path != "-", !files.isEmpty else { return }
        let name = Self.deploymentName(input.path, in: FileManager.default.currentDirectoryPath)
        for index in findings.indices where findings[index].deployment == nil && files.contains(findings[index].file) {
            findings[index].deployment = name
        }
    }

    /// An input's path as a deployment's name: standardized (`app1/.`, `app2/../app1` and `./app1/` are all `app1`)
    /// and shown relative to the working directory when it lies below it — or, named relatively, outside it too
    /// (`../app1`): an absolute name made the findings and baselines of `check ../tree` depend on where the checkout
    /// lives (tester, round 37).
    static func deploymentName(_ path: String, in directory: String) -> String {
        let standardized = InputPath.standardized(path, in: directory)
        return standardized == directory ? "." : InputPath.display(standardized, foundFrom: path, cwd: directory)
    }

    /// The findings, leaving none behind (so they are not held twice).
    mutating func takeFindings() -> [Finding] {
        defer { findings = [] }
        return findings
    }

    /// The outcomes, leaving none behind.
    mutating func takeOutcomes() -> [OutcomeTable.Run] {
        defer { outcomes = [] }
        return outcomes
    }
}
