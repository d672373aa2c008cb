import PolicyCheckModel
import PolicyCheckSyntax

/// Objects that make a GitOps controller deploy other objects, which this run does not have: an Argo CD
/// `Application` or `ApplicationSet`, a Flux `HelmRelease` and a Flux `Kustomization`. Each source they deploy is a warning at the source,
/// in every report format, naming what is deployed from where — as for a nested stack's template at a URL and a
/// Terraform module from a remote source — so a run of such files does not read as having checked what they deploy.
///
/// - Argo CD: an Application's `spec.source`, or each of `spec.sources[]`, is a Helm chart from a chart repository
///   (`chart` + `repoURL`, https://argo-cd.readthedocs.io/en/stable/user-guide/helm/) or a directory of a git
///   repository (`path` + `repoURL`: plain manifests, a kustomization or a chart,
///   https://argo-cd.readthedocs.io/en/stable/user-guide/application-specification/). An ApplicationSet deploys
///   Applications made from `spec.template` (https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/).
///   A source with only `ref` supplies values files to the others and deploys nothing itself
///   (https://argo-cd.readthedocs.io/en/stable/user-guide/multiple_sources/). A directory of a git repository may be
///   in this checkout, but nothing says which repository `repoURL` is, so it is named too.
/// - Flux: a HelmRelease installs `spec.chart.spec.chart` from the source in `spec.chart.spec.sourceRef`
///   (a HelmRepository, GitRepository or Bucket), or the chart of `spec.chartRef` (an OCIRepository or HelmChart)
///   (https://fluxcd.io/flux/components/helm/helmreleases/). A Flux Kustomization (`kustomize.toolkit.fluxcd.io`,
///   not kustomize's own `kustomization.yaml`) builds and applies the directory `spec.path` (the source's root when
///   absent) of the GitRepository, OCIRepository or Bucket in `spec.sourceRef`, with the patches and substitutions
///   written beside it (https://fluxcd.io/flux/components/kustomize/kustomizations/).
/// - Flux Operator: a ResourceSet applies the objects templated in `spec.resources` for each of its inputs
///   (https://fluxcd.control-plane.io/operator/resourcesets/introduction/), and a FluxInstance syncs the cluster from
///   the `path` of the repository in `spec.sync` (https://fluxcd.control-plane.io/operator/fluxinstance/). A
///   ResourceSet's objects are written here but templated (`<< inputs.tenant >>`), so they are named, not judged.
///
/// The values written beside the source (`helm.valuesObject`, `spec.values`) are not judged: what they do depends on
/// the chart's templates, which are not here.
enum GitOpsSources {
    /// The kinds read, by API group.
    static func deploysElsewhere(group: String, kind: String) -> Bool {
        switch (group, kind) {
        case ("argoproj.io", "Application"), ("argoproj.io", "ApplicationSet"), ("helm.toolkit.fluxcd.io", "HelmRelease"),
             ("kustomize.toolkit.fluxcd.io", "Kustomization"), ("fluxcd.controlplane.io", "ResourceSet"),
             ("fluxcd.controlplane.io", "FluxInstance"):
            return true
        default:
            return false
        }
    }

    /// The warnings for one object: one per source it deploys. `path`: where the object is, when embedded.
    static func read(_ node: SourceNode, kind: String, path: String, source: SourceFile,
                     into deployment: inout Deployment) {
        let metadata = node["metadata"]
        let name = metadata?["name"]?.string ?? metadata?["generateName"]?.string ?? "(no name)"
        let identity = "\(kind)/\(metadata?["namespace"]?.string ?? "default")/\(name)"
        let prefix = path.isEmpty ? "" : path + "."
        let controller: String
        let advice: String
        switch kind {
        case "Kustomization":
            controller = "Flux"
            advice = "policycheck does not fetch repositories, and the patches and substitutions written here are not applied; build it (flux build kustomization, kubectl kustomize) and check the output too"
        case "ResourceSet", "FluxInstance":
            controller = "Flux Operator"
            advice = kind == "ResourceSet"
                ? "policycheck does not expand a ResourceSet's templates; build it (flux-operator build resourceset) and check the output too"
                : "policycheck does not fetch repositories; check that directory too"
        case "HelmRelease":
            controller = "Flux"
            advice = "policycheck does not fetch charts or repositories, and values written here are not judged without the chart; render it (helm template, kubectl kustomize) and check the output too"
        default:
            controller = "Argo CD"
            advice = "policycheck does not fetch charts or repositories, and values written here are not judged without the chart; render it (helm template, kubectl kustomize) and check the output too"
        }
        for (field, offset, what) in sources(of: node, kind: kind) {
            deployment.notices.append(Diagnostic(source, offset: offset,
                "\(identity): the objects this \(controller) \(kind) deploys — \(what) (\(prefix)\(field)) — are not checked: \(advice)",
                severity: .warning))
        }
    }

    /// Each source an object deploys: its path, where to report it, and what it is.
    static func sources(of node: SourceNode, kind: String) -> [(path: String, offset: Int, what: String)] {
        switch kind {
        case "Application": return argoSources(node["spec"], path: "spec")
        case "ApplicationSet": return argoSources(node["spec"]?["template"]?["spec"], path: "spec.template.spec")
        case "Kustomization": return fluxKustomization(node["spec"])
        case "ResourceSet": return resourceSet(node["spec"])
        case "FluxInstance": return fluxInstance(node["spec"])
        default: return fluxChart(node["spec"])
        }
    }

    private static func argoSources(_ spec: SourceNode?, path: String) -> [(path: String, offset: Int, what: String)] {
        guard let spec else { return [] }
        var found: [(path: String, offset: Int, what: String)] = []
        if let sources = spec["sources"]?.items {
            for (index, source) in sources.enumerated() {
                if let described = argoSource(source) { found.append(("\(path).sources[\(index)]", source.offset, described)) }
            }
        }
        if let source = spec["source"], let described = argoSource(source) {
            found.append(("\(path).source", source.offset, described))
        }
        return found
    }

    private static func argoSource(_ source: SourceNode) -> String? {
        guard source.isMapping else { return nil }
        let repository = source["repoURL"]?.string.map { "'\(shown($0))'" } ?? "a repository not named here"
        if let chart = source["chart"]?.string {
            let version = source["targetRevision"]?.string.map { " version '\(shown($0))'" } ?? ""
            return "the Helm chart '\(shown(chart))'\(version) from \(repository)"
        }
        if let directory = source["path"]?.string {
            return "the directory '\(shown(directory))' of the git repository \(repository) (if it is part of this checkout, check it too)"
        }
        // A values-only source (`ref`) deploys nothing of its own.
        if source["ref"] != nil { return nil }
        return "the repository \(repository)"
    }

    private static func fluxChart(_ spec: SourceNode?) -> [(path: String, offset: Int, what: String)] {
        guard let spec else { return [] }
        if let chartSpec = spec["chart"]?["spec"], chartSpec.isMapping {
            let chart = chartSpec["chart"]?.string.map { "'\(shown($0))'" } ?? "not named here"
            let version = chartSpec["version"]?.string.map { " version '\(shown($0))'" } ?? ""
            return [("spec.chart.spec", chartSpec.offset, "the Helm chart \(chart)\(version) from \(reference(chartSpec["sourceRef"]))")]
        }
        if let chartRef = spec["chartRef"], chartRef.isMapping {
            return [("spec.chartRef", chartRef.offset, "the chart of \(reference(chartRef))")]
        }
        return []
    }

    /// A Flux Kustomization's directory of its source; one warning even when the source is not named (the
    /// controller refuses such an object, but a gate does not pass it).
    private static func fluxKustomization(_ spec: SourceNode?) -> [(path: String, offset: Int, what: String)] {
        guard let spec, spec.isMapping else { return [] }
        let directory = spec["path"]?.string.map { "the directory '\(shown($0))'" } ?? "the root"
        let sourceRef = spec["sourceRef"]
        return [("spec.sourceRef", (sourceRef ?? spec).offset, "\(directory) of \(reference(sourceRef))")]
    }

    /// A Flux Operator ResourceSet's templated objects, counted and named by kind (one warning).
    private static func resourceSet(_ spec: SourceNode?) -> [(path: String, offset: Int, what: String)] {
        guard let spec, spec.isMapping else { return [] }
        let templates = spec["resources"]?.items ?? []
        let kinds = templates.compactMap { $0["kind"]?.string.map(shown) }
        let named = kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))"
        let inputs = spec["inputsFrom"] != nil ? "its inputs' providers" : "its inputs"
        return [("spec.resources", (spec["resources"] ?? spec).offset,
                 "\(templates.count) object\(templates.count == 1 ? "" : "s") templated for each of \(inputs)\(named)")]
    }

    /// A FluxInstance's sync: the directory of the repository it applies.
    private static func fluxInstance(_ spec: SourceNode?) -> [(path: String, offset: Int, what: String)] {
        guard let sync = spec?["sync"], sync.isMapping else { return [] }
        let directory = sync["path"]?.string.map { "the directory '\(shown($0))'" } ?? "the root"
        let url = sync["url"]?.string.map { "'\(shown($0))'" } ?? "not named here"
        let kind = sync["kind"]?.string.map(shown) ?? "source"
        return [("spec.sync", sync.offset, "\(directory) of the \(kind) \(url)")]
    }

    /// `the HelmRepository 'bitnami'`, from a Flux source reference.
    private static func reference(_ node: SourceNode?) -> String {
        let kind = node?["kind"]?.string.map(shown) ?? "source"
        let name = node?["name"]?.string.map { "'\(shown($0))'" } ?? "not named here"
        return "the \(kind) \(name)"
    }

    /// A value as reports show it: quoted safely, without the credentials a URL carries (`URLCredentials`).
    static func shown(_ text: String) -> String {
        Excerpt.quote(URLCredentials.withheld(in: text), limit: 160)
    }
}
