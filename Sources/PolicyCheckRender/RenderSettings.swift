/// How charts and kustomizations are rendered, and what happens when they cannot be.
public struct RenderSettings: Sendable {
    /// helm's path (`--helm`); `nil` looks for `helm` on `PATH`.
    public var helm: String?
    /// kubectl's path (for `kubectl kustomize`); `nil` looks for `kubectl` on `PATH`.
    public var kubectl: String?
    /// Extra values files for every chart (`--helm-values`), after the chart's own `values.yaml`.
    public var helmValues: [String] = []
    /// `--set key=value` pairs for every chart (`--helm-set`).
    public var helmSet: [String] = []
    /// Let a run pass when a chart or kustomization cannot be rendered (no tool): it is then listed as not
    /// checked instead of failing the run. Off by default: an unchecked chart could hide anything.
    public var allowUnrendered = false
    /// Build kustomizations that name files or directories outside the checked tree (`--allow-outside-tree`).
    public var allowOutsideTree = false
    /// Where to look for tools by name.
    public var searchPath: String? = nil

    public init() {}
}
