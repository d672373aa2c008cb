import PolicyCheckModel

/// The walked files kustomize builds took in, and why each is therefore not read raw: a resource is checked in the
/// builds that produced its objects, a kustomization file or patch in the builds that applied it — every one of
/// them named. A kustomization file whose builds all failed says so rather than claiming it was checked; a patch
/// file no build applied is read raw like any other file (nothing shows it is only a patch: a Component that cannot
/// be built could otherwise hide a deployable manifest by naming it as a patch).
struct KustomizeInputs {
    /// Standardized path → the builds whose output has objects from it (origin annotations).
    private var built: [PathKey: Set<String>] = [:]
    /// Standardized path → the builds that succeeded with it as their kustomization file or a patch.
    private var applied: [PathKey: Set<String>] = [:]
    /// Standardized path of a kustomization file → the builds that would have read it but did not succeed.
    private var unbuilt: [PathKey: Set<String>] = [:]

    /// The files a successful build's objects came from.
    mutating func record(_ stream: RenderedStream, build: String, cwd: String) {
        for file in Set(stream.parts.compactMap(\.file)) {
            built[InputPath.key(file, in: cwd), default: []].insert(build)
        }
    }

    /// Each kustomization's own file and patches, against the builds that take it in.
    mutating func record(_ plan: KustomizePlan, succeeded: Set<Int>, cwd: String) {
        for (position, entry) in plan.entries.enumerated() {
            let kustomizationFiles = Set(entry.file.files.map { InputPath.key($0, in: cwd) })
            for file in plan.appliedFiles(position) {
                let key = InputPath.key(file, in: cwd)
                for build in entry.builtWith {
                    let name = plan.entries[build].source.displayPath
                    if succeeded.contains(build) {
                        applied[key, default: []].insert(name)
                    } else if kustomizationFiles.contains(key) {
                        unbuilt[key, default: []].insert(name)
                    }
                }
            }
        }
    }

    /// Standardized path (byte for byte, `PathKey`) → the skip reason.
    var reasons: [PathKey: String] {
        var reasons: [PathKey: String] = [:]
        for (file, builds) in unbuilt {
            reasons[file] = "kustomization input: not checked, as \(Self.list(builds)) could not be built"
        }
        for (file, builds) in applied { reasons[file] = "kustomization input: applied by \(Self.list(builds)) (checked as built)" }
        for (file, builds) in built {
            reasons[file] = "kustomization input: built by \(Self.list(builds)) (its objects are checked there)"
        }
        return reasons
    }

    /// `a`, `a and b`, `a, b and c`, sorted.
    static func list(_ names: Set<String>) -> String {
        let sorted = names.sorted()
        guard let last = sorted.last else { return "" }
        return sorted.count == 1 ? last : sorted.dropLast().joined(separator: ", ") + " and " + last
    }
}
