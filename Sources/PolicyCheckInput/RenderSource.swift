import PolicyCheckModel

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
    /// The tree of the path named on the command line that found it: what a build may read.
    public var tree: CheckedTree?

    public init(kind: Kind, directory: String, displayPath: String, tree: CheckedTree? = nil) {
        self.kind = kind
        self.directory = directory
        self.displayPath = displayPath
        self.tree = tree
        renderedInputPath = directory + "/"
    }

    /// The file names that make a directory a kustomization (kustomize's `konfig.RecognizedKustomizationFileNames`).
    public static let kustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// What a directory's entries make it: a chart, a kustomization, both or neither. Only a file counts: helm
    /// reads `Chart.yaml`, and kustomize loads each recognised name and counts those it can read, so a folder called
    /// `Kustomization` (argo-cd keeps health checks for Flux's `Kustomization` kind in one) makes nothing. A folder
    /// with both is both: `kubectl apply -k` builds its kustomization whatever else it holds, and a `Chart.yaml`
    /// added beside an overlay stopped the overlay's world-open Service from being built (tester round 32).
    static func kinds(in directory: String, entries: [String]) -> [Kind] {
        var kinds: [Kind] = []
        if entries.contains("Chart.yaml"), InputPath.isRegularFile(join(directory, "Chart.yaml")) { kinds.append(.helmChart) }
        if !kustomizationFiles(in: directory, entries: entries).isEmpty { kinds.append(.kustomization) }
        return kinds
    }

    /// The input a rendered source is read as: the directory (`dir/`), or, for the kustomization of a folder that is
    /// also a chart, its kustomization file (`InputDiscovery` sets it), so the two renders of one folder are two inputs.
    public var renderedInputPath: String

    /// The kustomization files of a directory as kustomize finds them (`target.LoadKustFile`): each recognised name
    /// its loader can read — a regular file, through links, that stays in the directory after links are followed
    /// (kustomize's default `LoadRestrictionsRootOnly`). More than one is kustomize's own error, left to the build.
    /// `entries`, when given, spares the probes in a directory with no such name (on a case-insensitive file system
    /// `KUSTOMIZATION.YAML` is probed, and found, as kustomize would find it).
    public static func kustomizationFiles(in directory: String, entries: [String]? = nil) -> [String] {
        if let entries {
            let lowered = Set(kustomizationNames.map { $0.lowercased() })
            guard entries.contains(where: { lowered.contains($0.lowercased()) }) else { return [] }
        }
        return kustomizationNames.map { join(directory, $0) }.filter { path in
            switch FileKind(path, followingLinks: false) {
            case .regular?: return true
            case .symbolicLink?: return InputPath.isRegularFile(path) && CheckedTree(root: directory).contains(path)
            default: return false
            }
        }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
