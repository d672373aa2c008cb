import ArgumentParser
import PolicyCheckKit

/// How `check` and `report` render the Helm charts and kustomizations they find (docs/rendering.md).
struct RenderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The helm executable that renders charts (default: helm on PATH).", valueName: "path"))
    var helm: String?

    @Option(name: .customLong("helm-values"), help: ArgumentHelp("A values file for every chart, after its values.yaml; repeatable.", valueName: "file"))
    var helmValues: [String] = []

    @Option(name: .customLong("helm-set"), help: ArgumentHelp("A value for every chart, as helm's --set key=value; repeatable.", valueName: "key=value"))
    var helmSet: [String] = []

    @Option(help: ArgumentHelp("The kubectl executable that builds kustomizations (default: kubectl on PATH).", valueName: "path"))
    var kubectl: String?

    @Flag(name: .customLong("allow-unrendered"), help: "Let the run pass when a chart or kustomization cannot be rendered (no helm or kubectl): it is listed as not checked instead of failing the run.")
    var allowUnrendered = false

    /// The flags given, over `.policycheck.yaml`'s `helm`, `kubectl` and `allowUnrendered`.
    func apply(to flags: inout RunSettings.Flags) {
        flags.helm = helm
        flags.helmValues = helmValues.isEmpty ? nil : helmValues
        flags.helmSet = helmSet.isEmpty ? nil : helmSet
        flags.kubectl = kubectl
        flags.allowUnrendered = allowUnrendered ? true : nil
    }
}
