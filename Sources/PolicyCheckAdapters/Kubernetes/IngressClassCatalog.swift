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
/// Which of several definitions of one name the cluster holds cannot be told from a checkout (the one applied
/// last, or one installed outside the repository): an Ingress is judged under each (`IngressClasses.readings`), so
/// another copy of a class — in an examples folder, in the Ingress's own file — can add findings but never take one
/// away.
package struct IngressClassCatalog: Sendable {
    /// One file's classes and parameters.
    package struct FileClasses: Sendable {
        let file: SourceFile
        let classes: IngressClasses
    }

    /// The files that define classes or parameters, by path.
    private let files: [FileClasses]
    /// Which files define each name (positions in `files`): a lookup reads the files of its name, not every file.
    private let byName: [String: [Int]]
    /// The files that annotate a default class.
    private let withDefault: [Int]

    package init(_ gathered: [FileClasses] = []) {
        files = gathered.sorted { $0.file.path < $1.file.path }
        var byName: [String: [Int]] = [:]
        var withDefault: [Int] = []
        for (position, entry) in files.enumerated() {
            for name in entry.classes.definedNames { byName[name, default: []].append(position) }
            if !entry.classes.defaultClassNames.isEmpty { withDefault.append(position) }
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
        return FileClasses(file: source, classes: classes)
    }

    /// What `pick` reads from every file but `path` that defines `name`, in path order, with the file.
    func definitions<Value>(of name: String, besides path: String,
                            _ pick: (IngressClasses) -> Value?) -> [(value: Value, file: SourceFile)] {
        (byName[name] ?? []).compactMap { position in
            let entry = files[position]
            guard entry.file.path != path, let value = pick(entry.classes) else { return nil }
            return (value, entry.file)
        }
    }

    /// How many files define `name` (as a class or as parameters).
    func definitionCount(of name: String) -> Int { byName[name]?.count ?? 0 }

    /// The classes every file but `path` annotates the default, in path order.
    func defaultClassNames(besides path: String) -> [String] {
        withDefault.flatMap { files[$0].file.path == path ? [] : files[$0].classes.defaultClassNames }
    }
}
