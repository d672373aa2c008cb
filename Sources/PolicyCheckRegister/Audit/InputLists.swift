/// The input lists of a period's runs, as the finding lifecycle reads them: whether a run evaluated an input, and
/// which input a finding it reported was reached through — the one a later run must evaluate before its silence about
/// the finding means anything (docs/audit.md, "Finding lifecycle").
///
/// Paths are compared exactly as the bundles spell them. A finding's fingerprint includes its file as reported, so
/// a run that spells the file otherwise (`./k8s/a.yaml` for `k8s/a.yaml`, another case, `x/../k8s/a.yaml`, an
/// absolute path) would not report the same fingerprint even if the finding were still there: it did not evaluate
/// that file as far as the fingerprint goes, and fixes nothing. Each path is held once, whatever the number of runs
/// and lists naming it, so a period of many runs of a large tree costs its distinct paths and one small set per list.
public struct InputLists: Sendable {
    /// Statuses a bundle gives an input (`InputRecord.Status`).
    static let evaluated = "evaluated"
    static let skipped = "skipped"

    private struct List: Sendable {
        var evaluated: Set<Int32> = []
        /// Inputs listed with a status other than evaluated or skipped (an error: read in part at most).
        var failed: Set<Int32> = []
    }

    private var ids: [String: Int32] = [:]
    private var paths: [String] = []
    /// Every path by its standardized spelling, to find the module, kustomization or chart a finding was reached
    /// through within the run that reported it.
    private var byStandardized: [String: [Int32]] = [:]
    private var lists: [String: List] = [:]

    public init() {}

    /// Adds the list stored under `key`, in its order.
    public mutating func add(_ key: String, _ inputs: [RunRecord.Input]) {
        var list = List()
        for input in inputs where input.status != Self.skipped {
            let id = intern(input.file)
            if input.status == Self.evaluated { list.evaluated.insert(id) } else { list.failed.insert(id) }
        }
        lists[key] = list
    }

    /// Whether the run whose list is `key` evaluated `input`, spelled exactly so. A run without a list (`key` nil:
    /// stored before schema 5) evaluated nothing as far as the register can show, and standard input (`-`) names
    /// no file: what a later run reads there may be another document.
    public func evaluated(_ input: String, list key: String?) -> Bool {
        guard let key, input != "-", let id = ids[input] else { return false }
        return lists[key]?.evaluated.contains(id) == true
    }

    /// The input a finding in `file` was reached through, in the run whose list is `key`: the input that names the
    /// deployment, when the finding names one (a shared module, a kustomize base); else the file itself, when the
    /// run listed it as evaluated or failed; else the nearest evaluated folder holding it (the Terraform module,
    /// kustomization or Helm chart whose files are not inputs of their own); else the file.
    public func input(reaching file: String, deployment: String?, list key: String?) -> String {
        guard let key, let list = lists[key] else { return deployment ?? file }
        if let deployment {
            return firstEvaluated(Self.standardized(deployment), in: list) ?? deployment
        }
        if let id = ids[file], list.evaluated.contains(id) || list.failed.contains(id) { return file }
        var folder = Self.standardized(file)
        while let slash = folder.lastIndex(of: "/") {
            folder = String(folder[..<slash])
            if let found = firstEvaluated(folder, in: list) { return found }
        }
        // A relative path lies below the working directory, which a run of `.` evaluates as one module.
        if !folder.isEmpty, folder != "..", folder != ".", let found = firstEvaluated(".", in: list) { return found }
        return file
    }

    private func firstEvaluated(_ standardized: String, in list: List) -> String? {
        (byStandardized[standardized] ?? []).first { list.evaluated.contains($0) }.map { paths[Int($0)] }
    }

    private mutating func intern(_ path: String) -> Int32 {
        if let id = ids[path] { return id }
        let id = Int32(paths.count)
        ids[path] = id
        paths.append(path)
        byStandardized[Self.standardized(path), default: []].append(id)
        return id
    }

    /// `.` components and repeated or trailing slashes removed and `..` resolved as text, keeping a leading `..`
    /// (`app/./` → `app`, `app/../app` → `app`, `./k8s//a.yaml` → `k8s/a.yaml`, `.` and `` → `.`). Used only to
    /// relate a finding to an input of the same run, never to compare two runs.
    static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(part) }
            default:
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
