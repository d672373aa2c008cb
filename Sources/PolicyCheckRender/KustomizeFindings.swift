import PolicyCheckPolicy

/// The findings of kustomize builds, each said once and naming the builds that produced it.
///
/// Every kustomization is built, so a base's file is checked in the base's build and again in every overlay that
/// uses it. Only findings equal in every part are one finding ending `(kustomize builds of a and b)`: a base's file
/// that several builds reach names each build's deployment on its finding (part of the fingerprint, so one build's
/// baseline never covers another's), so those stay one per build, as does one a build changes (an overlay's
/// namespace or name prefix changes the object, a patch the value). Identity (fingerprints, waivers, baselines)
/// does not use the message, so the label changes none of it.
package struct KustomizeFindings {
    private var order: [Finding] = []
    private var builds: [Finding: Set<String>] = [:]

    package init() {}

    /// The findings of one build.
    package mutating func add(_ findings: [Finding], build: String) {
        for finding in findings {
            if builds[finding] == nil { order.append(finding) }
            builds[finding, default: []].insert(build)
        }
    }

    /// Every finding once, its message naming its builds.
    package func labelled() -> [Finding] {
        order.map { finding in
            let names = builds[finding] ?? []
            var labelled = finding
            labelled.message += " (kustomize build\(names.count == 1 ? "" : "s") of \(KustomizeInputs.list(names)))"
            return labelled
        }
    }
}
