import PolicyCheckModel
import PolicyCheckSyntax

/// The `IngressClass` and `IngressClassParams` objects of every Kubernetes input of a run, gathered before any
/// input is read, so an Ingress whose class is defined in another file is read with that class's parameters.
///
/// Both kinds are cluster-scoped ("IngressClass is a cluster-scoped resource",
/// https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class; `IngressClassParams` likewise,
/// https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/ingress_class/), and
/// repositories often keep them in a platform file apart from the applications' Ingresses. Reading such an Ingress
/// by its annotations alone judged an ALB the class makes internet-facing as internal.
///
/// A name defined in several files is taken from the nearest: a file in the Ingress's own folder, else in the
/// closest folder above it, else anywhere in the run. Definitions that are equally near and differ leave the
/// parameters unverifiable (which the cluster holds cannot be told), and a class too when they are in the Ingress's
/// folder or above it; classes that differ only elsewhere in the run (a repository's examples and tests, each with
/// its own `alb`) are not taken: the Ingress is read by its annotations, with a warning naming them.
package struct IngressClassCatalog: Sendable {
    /// One file's classes and parameters.
    package struct FileClasses: Sendable {
        let file: SourceFile
        let classes: IngressClasses
        /// The folders of the file's path, outermost first (`a/b/c.yaml`: `a`, `b`).
        let folders: [Substring]
    }

    /// What a lookup found: the value and the file it is in, or several equally near files that disagree.
    enum Lookup<Value> {
        case found(Value, SourceFile?)
        case conflicting(String)
    }

    enum Nearest<Value> {
        case found(Value, SourceFile)
        /// Equally near files disagree; `related` when they are in the Ingress's folder or one above it (a tree
        /// deployed together), not merely elsewhere in the run (other examples, other tests).
        case conflicting([String], related: Bool)
    }

    /// The files that define classes or parameters, by path.
    private let files: [FileClasses]
    /// Which files define each name (positions in `files`): a lookup reads the files of its name, not every file.
    private let byName: [String: [Int]]
    /// The files that annotate exactly one default class.
    private let withDefault: [Int]

    package init(_ gathered: [FileClasses] = []) {
        files = gathered.sorted { $0.file.path < $1.file.path }
        var byName: [String: [Int]] = [:]
        var withDefault: [Int] = []
        for (position, entry) in files.enumerated() {
            for name in entry.classes.definedNames { byName[name, default: []].append(position) }
            if entry.classes.defaultClassNames.count == 1 { withDefault.append(position) }
        }
        self.byName = byName
        self.withDefault = withDefault
    }

    /// Whether no file of the run defines a class or parameters.
    package var isEmpty: Bool { files.isEmpty }

    /// The files that define classes or parameters, by path.
    package var paths: [String] { files.map(\.file.path) }

    /// The classes and parameters of one input's documents (of any format: only Kubernetes objects count); `nil`
    /// when it defines none.
    package static func gather(documents: [SourceNode], source: SourceFile) -> FileClasses? {
        let reader = NodeReader(source: source)
        reader.booleans = .yaml11
        var classes = IngressClasses()
        for document in documents where KubernetesAdapter.recognises(document) {
            KubernetesAdapter.forEachObject(in: document) { classes.collect($0, reader: reader) }
        }
        guard !classes.isEmpty else { return nil }
        classes.inputPath = source.path
        return FileClasses(file: source, classes: classes, folders: Self.folders(of: source.path))
    }

    /// `nearest(to:_:same:)` over the files defining `name` (a class's or parameters').
    func nearest<Value>(to path: String, named name: String, _ pick: (IngressClasses) -> Value?,
                        same: (Value, Value) -> Bool) -> Nearest<Value>? {
        nearest(to: path, among: byName[name] ?? [], pick, same: same)
    }

    /// `nearest(to:_:same:)` over the files annotating one default class.
    func nearestDefault(to path: String) -> Nearest<String>? {
        nearest(to: path, among: withDefault, { $0.defaultClassNames.first }, same: ==)
    }

    /// The value `pick` reads from the files (of `positions`) nearest `path` that hold one (not from `path` itself):
    /// `nil` when no other file does; conflicting when the nearest disagree (`same` compares two).
    private func nearest<Value>(to path: String, among positions: [Int], _ pick: (IngressClasses) -> Value?,
                                same: (Value, Value) -> Bool) -> Nearest<Value>? {
        let folders = Self.folders(of: path)
        var best: (rank: Int, values: [(Value, SourceFile)])?
        for position in positions where files[position].file.path != path {
            let entry = files[position]
            guard let value = pick(entry.classes) else { continue }
            let rank = Self.rank(entry.folders, from: folders)
            if best == nil || rank < best!.rank {
                best = (rank, [(value, entry.file)])
            } else if rank == best!.rank {
                best!.values.append((value, entry.file))
            }
        }
        guard let best, let first = best.values.first else { return nil }
        let differing = best.values.filter { !same($0.0, first.0) }
        guard differing.isEmpty else { return .conflicting(best.values.map(\.1.path), related: best.rank != Int.max) }
        return .found(first.0, first.1)
    }

    /// 0 for a file in the Ingress's folder, 1 + the folders between for one in a folder above it, else the most.
    private static func rank(_ candidate: [Substring], from ingress: [Substring]) -> Int {
        guard candidate.count <= ingress.count, ingress.starts(with: candidate) else { return Int.max }
        return ingress.count - candidate.count
    }

    private static func folders(of path: String) -> [Substring] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if !parts.isEmpty { parts.removeLast() }
        return parts.filter { $0 != "." }
    }

    /// Paths for a message: `'a.yaml' and 'b.yaml'`, or the first two and how many more.
    static func list(_ paths: [String]) -> String {
        let quoted = paths.prefix(2).map { "'\($0)'" }.joined(separator: " and ")
        return paths.count > 2 ? "\(quoted) and \(paths.count - 2) more files" : quoted
    }
}
