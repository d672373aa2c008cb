import PolicyCheckInput
import PolicyCheckModel
import PolicyCheckPolicy
import PolicyCheckReport
import Synchronization

/// Hands a streamed report each file's group as soon as every group before it in report order (by file name) is
/// written, so a run of many files holds the findings of the few files in flight rather than of every file.
///
/// A place is an input (its group is its own errors, warnings and findings) or a file only discovery named (an
/// unreadable path): the places are sorted as the text report sorts its files, and inputs are checked in that order
/// (`checkingOrder`), so a finished input rarely waits for another. `CheckRun` streams only runs whose every input
/// keeps its findings in its own file (no Terraform module, render, SAM configuration or Ingress class of another
/// file); a result that still names another file writes that group after its own, where a report assembled whole
/// would have sorted it among the others.
final class GroupStreamer: Sendable {
    private struct Place {
        var file: String
        var input: Int?
        var discoveryErrors: [Diagnostic]
    }

    private struct State {
        var next = 0
        var finished: [Int: [ReportGroup]] = [:]
        var written = WrittenFindings()
        /// The run's waiver file, applied to each input's findings as it finishes.
        var waivers: WaiverApplier?
    }

    private let places: [Place]
    private let placeOfInput: [Int: Int]
    private let failOn: Severity?
    private let baseline: (file: Baseline, known: Set<String>)?
    private let write: @Sendable (ReportGroup) -> Void
    private let state: Mutex<State>

    /// Inputs by index, in the order their groups are written.
    let checkingOrder: [Int]

    init(inputs: [InputDiscovery.Input], discoveryErrors: [Diagnostic], failOn: Severity?, waivers: WaiverApplier?,
         baseline: Baseline?, write: @escaping @Sendable (ReportGroup) -> Void) {
        state = Mutex(State(waivers: waivers))
        var errorsByFile: [String: [Diagnostic]] = [:]
        for error in discoveryErrors { errorsByFile[error.file, default: []].append(error) }
        var places = inputs.indices.map { index in
            Place(file: inputs[index].displayPath, input: index,
                  discoveryErrors: errorsByFile.removeValue(forKey: inputs[index].displayPath) ?? [])
        }
        places += errorsByFile.map { Place(file: $0.key, input: nil, discoveryErrors: $0.value) }
        places.sort { $0.file < $1.file }
        self.places = places
        var placeOfInput: [Int: Int] = [:]
        for (offset, place) in places.enumerated() { if let input = place.input { placeOfInput[input] = offset } }
        self.placeOfInput = placeOfInput
        checkingOrder = places.compactMap(\.input)
        self.failOn = failOn
        self.baseline = baseline.map { ($0, $0.knownFingerprints) }
        self.write = write
    }

    /// Whether a run of these inputs may be streamed: each names a file of its own (standard input and a file
    /// named twice are left to the report assembled whole).
    static func canStream(_ inputs: [InputDiscovery.Input]) -> Bool {
        guard !inputs.isEmpty else { return false }
        var seen: Set<String> = []
        return inputs.allSatisfy { !$0.isTerraformModule && $0.path != "-" && seen.insert($0.displayPath).inserted }
    }

    /// Takes a checked input's findings (leaving its errors and warnings, which the report counts) and writes every
    /// group now due. The waiver file and the baseline are applied here, finding by finding as the whole run applies
    /// them (waivers first), and the baseline's warnings (recorded findings it cannot cover) join the input's own.
    func finished(_ checked: inout CheckedFile, index: Int) {
        state.withLock { state in
            if state.waivers != nil { state.waivers!.apply(to: &checked.findings) }
        }
        if let (file, known) = baseline {
            file.apply(to: &checked.findings, known: known)
            checked.warnings += file.uncoveredWithheld(in: checked.findings, known: known)
        }
        let groups = Self.groups(of: checked)
        checked.findings = []
        state.withLock { state in
            state.finished[placeOfInput[index]!] = groups
            while state.next < places.count {
                let place = places[state.next]
                var groups: [ReportGroup] = []
                if place.input != nil {
                    guard let done = state.finished.removeValue(forKey: state.next) else { break }
                    groups = done
                }
                if !place.discoveryErrors.isEmpty {
                    if let own = groups.firstIndex(where: { $0.file == place.file }) {
                        groups[own].diagnostics += place.discoveryErrors
                    } else {
                        groups.insert(ReportGroup(file: place.file, diagnostics: place.discoveryErrors), at: 0)
                    }
                }
                for group in groups where !group.isEmpty {
                    for finding in group.findings { state.written.add(finding, failOn: failOn) }
                    state.written.files.insert(group.file)
                    write(group)
                }
                state.next += 1
            }
        }
    }

    /// What was written, and the waivers as applied to it; every place must have been written.
    func finish() -> (written: WrittenFindings, waivers: WaiverApplier?) {
        state.withLock { state in
            precondition(state.next == places.count, "a streamed report's group was never written")
            return (state.written, state.waivers)
        }
    }

    /// The input's own group first, then any other file it names (in name order), each file's findings in report
    /// order and its warnings said once.
    private static func groups(of checked: CheckedFile) -> [ReportGroup] {
        let own = checked.input.displayPath
        var ownGroup = ReportGroup(file: own)
        var others: [String: ReportGroup] = [:]
        func add(_ diagnostic: Diagnostic) {
            if diagnostic.file == own {
                ownGroup.diagnostics.append(diagnostic)
            } else {
                others[diagnostic.file, default: ReportGroup(file: diagnostic.file)].diagnostics.append(diagnostic)
            }
        }
        checked.errors.forEach(add)
        // Usually every finding is in the input's own file: the list is taken whole, not regrouped finding by finding.
        if checked.findings.allSatisfy({ $0.file == own }) {
            ownGroup.findings = checked.findings
        } else {
            for finding in checked.findings {
                if finding.file == own {
                    ownGroup.findings.append(finding)
                } else {
                    others[finding.file, default: ReportGroup(file: finding.file)].findings.append(finding)
                }
            }
        }
        let usedIgnores = Set(checked.findings.compactMap(\.inlineIgnoreLocation))
        for warning in Set(checked.warnings) where CheckRun.keepsWarning(warning, usedIgnores: usedIgnores) {
            add(warning)
        }
        ownGroup.findings.sortForReport()
        return [ownGroup] + others.keys.sorted().map { file in
            var group = others[file]!
            group.findings.sortForReport()
            return group
        }
    }
}
