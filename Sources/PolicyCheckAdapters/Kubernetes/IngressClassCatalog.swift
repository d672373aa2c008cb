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
    /// The files defining each class, and each name of parameters (the controller's and Auto Mode's apart), as
    /// positions in `files`: one file of each distinct definition first, in path order, then the other copies, so a
    /// lookup that stops at `IngressClasses.readingLimit` has read every distinct definition it could.
    private let classFiles: [String: [Int]]
    private let parameterFiles: [String: [Int]]
    private let autoModeParameterFiles: [String: [Int]]
    /// The files that annotate a default class.
    private let withDefault: [Int]
    /// What the members of each IngressGroup set, over every file (in path order).
    private let groups: [String: IngressGroupSettings]
    /// The files defining each GatewayClass, and each `LoadBalancerConfiguration` (by `namespace/name`), distinct
    /// definitions first (`GatewayDefinitions`).
    private let gatewayClassFiles: [String: [Int]]
    private let configurationFiles: [String: [Int]]
    /// The files holding ListenerSets that ask to attach to each Gateway (`namespace/name`).
    private let listenerSetFiles: [String: [Int]]
    /// Each IngressGroup with its classes' schemes applied, worked out once a run (`IngressGroupResolution`).
    private var resolvedGroups: [String: IngressGroupResolution] = [:]
    /// What decides the schemes of group members (`IngressClasses.SchemeDefinitions`) in each file that defines
    /// classes or parameters, by path; `nil` for a path two entries share.
    private var schemeDefinitions: [String: IngressClasses.SchemeDefinitions?] = [:]
    /// The scheme of the members of each class the run's IngressGroups have members of (`memberScheme(ofClass:)`),
    /// worked out once a class, not once a group: many groups of one class copied in many files cost no product.
    private var classSchemes: [String: IngressClasses.MemberScheme?] = [:]

    package init(_ gathered: [FileClasses] = []) {
        files = gathered.sorted { $0.file.path < $1.file.path }
        var classes: [String: [(Int, String)]] = [:]
        var parameters: [String: [(Int, String)]] = [:]
        var autoMode: [String: [(Int, String)]] = [:]
        var withDefault: [Int] = []
        var groups: [String: IngressGroupSettings] = [:]
        var gatewayClasses: [String: [(Int, String)]] = [:]
        var configurations: [String: [(Int, String)]] = [:]
        var listenerSets: [String: [Int]] = [:]
        for (position, entry) in files.enumerated() {
            for parent in Set(entry.classes.gateways.listenerSetsByKey.values.map(\.parent)) {
                listenerSets[parent, default: []].append(position)
            }
            for (name, read) in entry.classes.gateways.classesByName {
                gatewayClasses[name, default: []].append((position, read.settingsKey))
            }
            for (key, read) in entry.classes.gateways.configurationsByKey {
                configurations[key, default: []].append((position, read.settingsKey))
            }
            for (name, settings) in entry.classes.groupsByName { groups[name, default: IngressGroupSettings()].merge(settings) }
            for (name, read) in entry.classes.classesByName { classes[name, default: []].append((position, read.settingsKey)) }
            for (name, read) in entry.classes.parametersByName(autoMode: false) {
                parameters[name, default: []].append((position, read.settingsKey))
            }
            for (name, read) in entry.classes.parametersByName(autoMode: true) {
                autoMode[name, default: []].append((position, read.settingsKey))
            }
            if !entry.classes.defaultClassNames.isEmpty { withDefault.append(position) }
        }
        classFiles = classes.mapValues(Self.distinctFirst)
        parameterFiles = parameters.mapValues(Self.distinctFirst)
        autoModeParameterFiles = autoMode.mapValues(Self.distinctFirst)
        self.withDefault = withDefault
        self.groups = groups
        gatewayClassFiles = gatewayClasses.mapValues(Self.distinctFirst)
        configurationFiles = configurations.mapValues(Self.distinctFirst)
        listenerSetFiles = listenerSets
        var paths: Set<String> = []
        for entry in files {
            let definitions = entry.classes.schemeDefinitions
            if !paths.insert(entry.file.path).inserted {
                schemeDefinitions[entry.file.path] = .some(nil)
            } else if definitions != .empty {
                schemeDefinitions[entry.file.path] = definitions
            }
        }
        for className in Set(groups.values.flatMap(\.byClass.keys)) { classSchemes[className] = memberScheme(ofClass: className) }
        resolvedGroups = groups.mapValues { IngressGroupResolution($0, scheme: memberScheme(ofClass:)) }
    }

    /// What the members of the IngressGroup `name` set, in every file.
    func group(named name: String) -> IngressGroupSettings? { groups[name] }

    /// The IngressGroup `name` with its classes' schemes applied, for an input whose definitions are those the
    /// catalog holds at its path (`holds(_:at:)`).
    func resolvedGroup(named name: String) -> IngressGroupResolution { resolvedGroups[name] ?? .empty }

    /// Whether the catalog holds `definitions` at `path` (none when it holds no file there): an input so defined
    /// sees every class's scheme as the catalog does, its own definitions and every other file's being the run's.
    func holds(_ definitions: IngressClasses.SchemeDefinitions, at path: String) -> Bool {
        guard let held = schemeDefinitions[path] else { return definitions == .empty }
        return held == definitions
    }

    /// The scheme of the members of the class `className` under every definition of it and of its parameters in
    /// the run: an input's own (`IngressClasses.memberScheme(ofClass:)`) when the catalog holds its definitions.
    func memberScheme(ofClass className: String) -> IngressClasses.MemberScheme? {
        if let known = classSchemes[className] { return known }
        return IngressClasses.memberScheme(ofClass: className, definitions: classDefinitions(of: className, besides: nil).map(\.0)) {
            parameterDefinitions(of: $0, autoMode: false, besides: nil).map(\.0)
        }
    }

    /// Positions (in path order) with one of each settings key first, then the rest.
    private static func distinctFirst(_ definitions: [(Int, String)]) -> [Int] {
        var seen: Set<String> = []
        var first: [Int] = []
        var rest: [Int] = []
        for (position, key) in definitions {
            if seen.insert(key).inserted { first.append(position) } else { rest.append(position) }
        }
        return first + rest
    }

    /// The classes and parameters of one input's documents (of any format: only Kubernetes objects count); `nil`
    /// when it defines none.
    package static func gather(documents: [SourceNode], source: SourceFile) -> FileClasses? {
        // A Terraform plan's classes: `kubernetes_ingress_class_v1`, and the objects `kubernetes_manifest` and
        // `kubectl_manifest` apply — the usual way to install a platform's classes from Terraform.
        if documents.count == 1, TerraformPlanAdapter.recognises(documents[0]),
           let plan = try? TerraformPlan(root: documents[0], source: source, followsLocals: false) {
            // The plan's bodies have an alias budget of their own here, as in the plan's own read.
            let manifests = TerraformManifestObjects(input: plan, budget: YAMLAliasBudget())
            var classes = IngressClasses()
            TerraformKubernetesManifestReader.collectClasses(of: manifests.read().objects, into: &classes, source: source)
            TerraformKubernetesIngressReader(input: plan, manifests: manifests).collectClasses(into: &classes)
            return classes.isEmpty ? nil : FileClasses(file: source, classes: classes)
        }
        // Read as the file's own read reads them, so a class is the same object from either side.
        let classes = IngressClasses(objectsIn: documents.filter(KubernetesAdapter.recognises),
                                     reader: KubernetesAdapter.nodeReader(for: source))
        guard !classes.isEmpty else { return nil }
        return FileClasses(file: source, classes: classes)
    }

    /// The definitions of the class `name` in every file but `path` (every file for `nil`), distinct ones first, read
    /// as they are asked for.
    func classDefinitions(of name: String, besides path: String?) -> some Sequence<(IngressClasses.IngressClass, SourceFile)> {
        (classFiles[name] ?? []).lazy.compactMap { position in
            let entry = files[position]
            guard entry.file.path != path, let read = entry.classes.ingressClass(named: name) else { return nil }
            return (read, entry.file)
        }
    }

    /// The definitions of the parameters `name` (the controller's, or Auto Mode's) in every file but `path` (every
    /// file for `nil`), distinct ones first, read as they are asked for.
    func parameterDefinitions(of name: String, autoMode: Bool,
                              besides path: String?) -> some Sequence<(IngressClasses.Parameters, SourceFile)> {
        ((autoMode ? autoModeParameterFiles : parameterFiles)[name] ?? []).lazy.compactMap { position in
            let entry = files[position]
            guard entry.file.path != path, let read = entry.classes.parameters(named: name, autoMode: autoMode) else { return nil }
            return (read, entry.file)
        }
    }

    /// The classes every file but `path` annotates the default, in path order.
    func defaultClassNames(besides path: String) -> [String] {
        withDefault.flatMap { files[$0].file.path == path ? [] : files[$0].classes.defaultClassNames }
    }

    /// The definitions of the GatewayClass `name` in every file but `path`, distinct ones first.
    func gatewayClassDefinitions(of name: String,
                                 besides path: String) -> some Sequence<(GatewayDefinitions.GatewayClass, SourceFile)> {
        (gatewayClassFiles[name] ?? []).lazy.compactMap { position in
            let entry = files[position]
            guard entry.file.path != path, let read = entry.classes.gateways.gatewayClass(named: name) else { return nil }
            return (read, entry.file)
        }
    }

    /// The definitions of the `LoadBalancerConfiguration` `namespace/name` in every file but `path`, distinct ones
    /// first.
    func configurationDefinitions(of key: String,
                                  besides path: String) -> some Sequence<(LoadBalancerConfiguration, SourceFile)> {
        (configurationFiles[key] ?? []).lazy.compactMap { position in
            let entry = files[position]
            guard entry.file.path != path, let read = entry.classes.gateways.configuration(key) else { return nil }
            return (read, entry.file)
        }
    }

    /// The ListenerSets of every file but `path` that ask to attach to the Gateway `parent` (`namespace/name`).
    func listenerSets(attachingTo parent: String, besides path: String) -> [GatewayDefinitions.ListenerSet] {
        (listenerSetFiles[parent] ?? []).flatMap { position in
            files[position].file.path == path ? [] : files[position].classes.gateways.listenerSets(attachingTo: parent)
        }
    }
}
