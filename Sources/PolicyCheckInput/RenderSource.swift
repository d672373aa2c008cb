/// A directory that is not YAML until a tool renders it: a Helm chart (`Chart.yaml`) or a kustomization
/// (`kustomization.yaml`, `kustomization.yml` or `Kustomization`).
public struct RenderSource: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case helmChart = "Helm chart"
        case kustomization
    }

    public var kind: Kind
    /// The directory to render.
    public var directory: String
    /// The directory as reports show it.
    public var displayPath: String

    public init(kind: Kind, directory: String, displayPath: String) {
        self.kind = kind
        self.directory = directory
        self.displayPath = displayPath
    }

    /// The file names that make a directory a kustomization (kustomize's `konfig.RecognizedKustomizationFileNames`).
    public static let kustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// What a directory's entries make it, if anything (a chart wins: helm renders it whole).
    static func kind(of entries: [String]) -> Kind? {
        if entries.contains("Chart.yaml") { return .helmChart }
        if entries.contains(where: kustomizationNames.contains) { return .kustomization }
        return nil
    }
}
