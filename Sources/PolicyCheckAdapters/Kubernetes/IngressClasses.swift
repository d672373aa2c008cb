import PolicyCheckModel
import PolicyCheckSyntax

/// The `IngressClass` objects of one input and the AWS Load Balancer Controller's `IngressClassParams`
/// (`elbv2.k8s.aws`), gathered before any Ingress is read, so an Ingress finds its class's parameters wherever they
/// are in the file.
///
/// The controller loads an Ingress's class (`spec.ingressClassName`, else the class annotated
/// `ingressclass.kubernetes.io/is-default-class: "true"`); a class of controller `ingress.k8s.aws/alb` whose
/// `spec.parameters` name an `IngressClassParams` (apiGroup `elbv2.k8s.aws`) gives every Ingress of the class those
/// parameters (its `ClassLoader.Load`). Their settings win over the Ingress's annotations: "If scheme specified, all
/// Ingresses with this IngressClass will have the specified scheme", "If the field is specified, LBC will ignore the
/// alb.ingress.kubernetes.io/inbound-cidrs annotation"
/// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/ingress_class/), and so do
/// `sslPolicy`, `certificateArn` and `sslRedirectPort` (`computeIngressExplicitSSLPolicy`, `buildSSLRedirectConfig`).
struct IngressClasses {
    static let albController = "ingress.k8s.aws/alb"
    /// EKS Auto Mode's ALB controller, whose `IngressClassParams` are `eks.amazonaws.com/v1`
    /// (https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html).
    static let autoModeController = "eks.amazonaws.com/alb"
    static let autoModeGroup = "eks.amazonaws.com"
    /// The fields of an Auto Mode `IngressClassParams` that AWS documents, in its reference table and its table of
    /// changes from the AWS Load Balancer Controller's (`certificateArn` became `certificateARNs`); what else the spec
    /// sets is not described, so what it does cannot be verified.
    static let autoModeFields: Set<String> = [
        "scheme", "namespaceSelector", "group", "ipAddressType", "subnets", "certificateARNs", "tags",
        "loadBalancerAttributes", "listeners",
    ]
    static let defaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class"

    /// An `IngressClass`: its controller, and where its parameters are and what they name.
    struct IngressClass {
        let controller: String?
        var parameters: (name: String, origin: Origin)?
        /// Whether the parameters are EKS Auto Mode's (`eks.amazonaws.com`) rather than the controller's.
        var autoMode = false
    }

    /// The settings of an `IngressClassParams` that decide an ALB's exposure and listeners.
    struct Parameters {
        var scheme: Located<String>?
        var inboundCIDRs: [Located<String>] = []
        var inboundOrigin: Origin
        var sslPolicy: Located<String>?
        var certificate: Bool = false
        var sslRedirectPort: Located<String>?
        /// `prefixListsIDs`, else the legacy `PrefixListsIDs` (the controller's `computeIngressExplicitPrefixListIDs`),
        /// which replace the `security-group-prefix-lists` annotation.
        var prefixLists: [Located<String>] = []
        /// `ipAddressType`, which replaces the `ip-address-type` annotation (`buildLoadBalancerIPAddressType`).
        var ipAddressType: String?
        /// The name of the parameters, for messages.
        var name = ""
        /// Whether they are EKS Auto Mode's: then an Ingress without a scheme has one AWS does not document.
        var autoMode = false
        /// The first field of Auto Mode parameters that AWS does not document, which makes them unverifiable.
        var undocumented: Located<String>?
        /// `spec.group.name`: the IngressGroup every Ingress of the class joins, in place of its annotation's.
        var groupName: String?
    }

    /// What an Ingress's class gives it.
    enum Settings {
        /// No class of the input applies (or it is not the AWS Load Balancer Controller's, or has no parameters).
        case none
        /// The class is the controller's and has no parameters: the Ingress's annotations decide.
        case alb
        /// The class's parameters, read from the input.
        case parameters(Parameters)
        /// The class names parameters the input does not hold: what they set cannot be verified.
        case missing(name: String, className: String, origin: Origin, unknown: String? = nil)
    }

    private var classes: [String: IngressClass] = [:]
    private var defaultClasses: [String] = []
    private var parameters: [String: Parameters] = [:]
    private var autoModeParameters: [String: Parameters] = [:]
    /// Parameters (by name) an input applies with a deciding value known only at apply (a Terraform
    /// `kubernetes_manifest`): why they cannot be judged.
    private var unknownParameters: [String: String] = [:]
    /// What the input's Ingresses set for their IngressGroups' ALBs, by group name.
    private var groups: [String: IngressGroupSettings] = [:]
    /// The input's GatewayClasses and `LoadBalancerConfiguration`s, gathered with the Ingress classes (and, like
    /// them, from the run's other files through `elsewhere`).
    private(set) var gateways = GatewayDefinitions()
    /// The classes and parameters of the run's other files (`IngressClassCatalog`): `IngressClass` and
    /// `IngressClassParams` are cluster-wide, and are often kept in a file of their own, apart from the Ingresses
    /// that use them.
    var elsewhere: IngressClassCatalog?
    /// The path of the input these classes were gathered from, which the catalog leaves out.
    var inputPath = ""

    static let none = IngressClasses()

    init() {}

    /// The classes and parameters among the objects of `roots` (Kubernetes documents, lists included).
    init(objectsIn roots: [SourceNode], reader: NodeReader) {
        for root in roots {
            KubernetesAdapter.forEachObject(in: root) { collect($0, reader: reader) }
        }
    }

    /// The classes the input defines, by name.
    var classesByName: [String: IngressClass] { classes }
    /// The parameters the input defines, by name: the controller's, or Auto Mode's.
    func parametersByName(autoMode: Bool) -> [String: Parameters] { autoMode ? autoModeParameters : parameters }
    /// Whether the input defines no class and no parameters.
    var isEmpty: Bool {
        classes.isEmpty && parameters.isEmpty && autoModeParameters.isEmpty && groups.isEmpty && gateways.isEmpty
    }
    /// What the input's members of each IngressGroup set, by group name.
    var groupsByName: [String: IngressGroupSettings] { groups }

    /// What the members of the IngressGroup `name` set, in this input and the run's other files (a group name is
    /// cluster-wide: Ingresses of every namespace may join it). Members are the Ingresses of the controller's classes
    /// (`alb` when no checked file defines it otherwise); a class's `IngressClassParams` scheme is its members' (the
    /// controller's `buildLoadBalancerScheme` takes each member's parameters' scheme before its annotation), and a
    /// class whose parameters set a group (`spec.group`) moves its Ingresses out of the annotation's group.
    func group(named name: String) -> IngressGroupSettings.Joined? {
        let own = groups[name]?.byClass ?? [:]
        if let elsewhere, elsewhere.holds(schemeDefinitions, at: inputPath) {
            // The input's definitions are the catalog's at its path (none, or the same file read alike): each
            // class's scheme is the catalog's, worked out once a run.
            return elsewhere.resolvedGroup(named: name).joined(own: own) { elsewhere.memberScheme(ofClass: $0) }
        }
        let other = elsewhere?.group(named: name)?.byClass ?? [:]
        var result: IngressGroupSettings.Joined?
        for className in Set(own.keys).union(other.keys).sorted() {
            guard let scheme = memberScheme(ofClass: className) else { continue }
            var members = IngressGroupSettings.Joined([own[className], other[className]].compactMap { $0 })
            members.adjust(to: scheme, ofClass: className)
            if result == nil { result = members } else { result!.merge(members) }
        }
        return result
    }

    /// Where the scheme of a group member of one class comes from.
    enum MemberScheme: Sendable {
        case annotations, internetFacing, `internal`
    }

    /// What decides the scheme of the members of an input's classes (`memberScheme(ofClass:)`): the settings of its
    /// classes and of the controller's parameters (`settingsKey`, which holds every field that reads), by name.
    struct SchemeDefinitions: Equatable, Sendable {
        var classes: [String: String] = [:]
        var parameters: [String: String] = [:]

        static let empty = SchemeDefinitions()
    }

    var schemeDefinitions: SchemeDefinitions {
        SchemeDefinitions(classes: classes.mapValues(\.settingsKey), parameters: parameters.mapValues(\.settingsKey))
    }

    /// `nil` when the class's Ingresses are no members of an annotation's group (no class; a class no definition of
    /// which is the controller's; parameters that set a group); else whether its parameters set the scheme (any
    /// definition `internet-facing` counts).
    private func memberScheme(ofClass className: String) -> MemberScheme? {
        guard !className.isEmpty else { return nil }
        var definitions: [IngressClass] = classes[className].map { [$0] } ?? []
        if let elsewhere { definitions += elsewhere.classDefinitions(of: className, besides: inputPath).map(\.0) }
        return Self.memberScheme(ofClass: className, definitions: definitions) { name in
            var found: [Parameters] = parameters[name].map { [$0] } ?? []
            if let elsewhere { found += elsewhere.parameterDefinitions(of: name, autoMode: false, besides: inputPath).map(\.0) }
            return found
        }
    }

    /// The scheme of the members of `className` given every definition of the class and of the controller's
    /// parameters by name (`memberScheme(ofClass:)`; the catalog's, `IngressClassCatalog.memberScheme(ofClass:)`).
    static func memberScheme(ofClass className: String, definitions: [IngressClass],
                             parameters: (String) -> [Parameters]) -> MemberScheme? {
        guard !className.isEmpty else { return nil }
        guard !definitions.isEmpty else { return className == "alb" ? .annotations : nil }
        let controllers = definitions.filter { $0.controller == Self.albController }
        guard !controllers.isEmpty else { return nil }
        var schemes: [String?] = []
        for definition in controllers {
            guard let reference = definition.parameters, !definition.autoMode else { schemes.append(nil); continue }
            let found = parameters(reference.name)
            if found.contains(where: { $0.groupName != nil }) { return nil }
            schemes += found.isEmpty ? [nil] : found.map { $0.scheme?.value }
        }
        if schemes.contains("internet-facing") { return .internetFacing }
        return schemes.allSatisfy { $0 == "internal" } ? .internal : .annotations
    }
    /// The names of the classes annotated the default class, in the order read.
    var defaultClassNames: [String] { defaultClasses }
    func ingressClass(named name: String) -> IngressClass? { classes[name] }
    func parameters(named name: String, autoMode: Bool) -> Parameters? {
        (autoMode ? autoModeParameters : parameters)[name]
    }

    /// Records an `IngressClass` or `IngressClassParams` a deciding value of which is known only at apply (`reason`):
    /// a class then names parameters that cannot be judged (its controller or parameters not known: it may be the
    /// controller's, with any), and parameters so named cannot be — never a class or parameters left out, which let
    /// the Ingress be judged by its annotations alone.
    mutating func collectUnknown(kind: String, name: String, isDefault: Bool, reason: Located<String>) {
        switch kind {
        case "IngressClass":
            let stand = "\(name) (known after apply)"
            classes[name] = IngressClass(controller: Self.albController, parameters: (stand, reason.origin))
            if isDefault { defaultClasses.append(name) }
            unknownParameters[stand] = reason.value
        case "IngressClassParams":
            unknownParameters[name] = reason.value
        default:
            break
        }
    }

    /// Records an object when it is an `IngressClass` or an `IngressClassParams`, an Ingress of an IngressGroup, or
    /// a `GatewayClass` or `LoadBalancerConfiguration` (`GatewayDefinitions`).
    mutating func collect(_ node: SourceNode, reader: NodeReader) {
        guard let apiVersion = node["apiVersion"]?.string, let kind = node["kind"]?.string else { return }
        if kind == "Ingress" {
            if let member = IngressGroupSettings.member(node, apiVersion: apiVersion) {
                groups[member.group, default: IngressGroupSettings()].merge(member.settings)
            }
            return
        }
        guard let name = node["metadata"]?["name"]?.string else { return }
        switch (APIVersion.group(of: apiVersion), kind) {
        case ("networking.k8s.io", "IngressClass"):
            let spec = node["spec"]
            let reference = spec?["parameters"]
            add(name: name, controller: spec?["controller"]?.string,
                parameters: reference.map { reference in
                    Reference(apiGroup: reference["apiGroup"]?.string, kind: reference["kind"]?.string,
                              name: reference["name"]?.string, origin: Origin(offset: reference.offset, path: "spec.parameters"))
                },
                isDefault: node["metadata"]?["annotations"]?[Self.defaultClassAnnotation]?.string == "true")
        case ("elbv2.k8s.aws", "IngressClassParams"):
            // Parameters without a spec (the controller chart's default) set nothing: the annotations decide.
            let spec = reader.object(node, path: "")?.object("spec")
            var read = Parameters(inboundOrigin: spec?.origin(of: "inboundCIDRs") ?? Origin(offset: node.offset, path: "spec"))
            read.name = name
            if let spec {
                read.scheme = spec.string("scheme")
                read.inboundCIDRs = spec.strings("inboundCIDRs")
                read.sslPolicy = spec.string("sslPolicy").flatMap { $0.value.isEmpty ? nil : $0 }
                read.certificate = !spec.strings("certificateArn").isEmpty
                read.sslRedirectPort = spec.string("sslRedirectPort").flatMap { $0.value.isEmpty ? nil : $0 }
                read.prefixLists = spec.strings("prefixListsIDs")
                if read.prefixLists.isEmpty { read.prefixLists = spec.strings("PrefixListsIDs") }
                read.ipAddressType = spec.text("ipAddressType")
                read.groupName = spec.object("group")?.text("name")
            }
            parameters[name] = read
        case (GatewayDefinitions.group, "GatewayClass"), (GatewayDefinitions.group, "ListenerSet"),
             (LoadBalancerConfiguration.group, LoadBalancerConfiguration.kind):
            gateways.collect(node, group: APIVersion.group(of: apiVersion), kind: kind, name: name, reader: reader)
        case (Self.autoModeGroup, "IngressClassParams"):
            let spec = reader.object(node, path: "")?.object("spec")
            var read = Parameters(inboundOrigin: Origin(offset: node.offset, path: "spec"))
            read.name = name
            read.autoMode = true
            if let spec {
                read.scheme = spec.string("scheme")
                read.certificate = !spec.strings("certificateARNs").isEmpty
                read.ipAddressType = spec.text("ipAddressType")
                if let field = spec.node.entries?.first(where: { !Self.autoModeFields.contains($0.key) }) {
                    read.undocumented = Located(field.key, at: Origin(offset: field.keyOffset, path: "spec.\(field.key)"))
                }
            }
            autoModeParameters[name] = read
        default:
            return
        }
    }

    /// What an `IngressClass` names as its `spec.parameters`.
    struct Reference {
        let apiGroup: String?
        let kind: String?
        let name: String?
        let origin: Origin
    }

    /// Records an `IngressClass` (a manifest's, or a Terraform `kubernetes_ingress_class_v1`): its controller, the
    /// `IngressClassParams` its parameters name, and whether it is annotated the default class.
    mutating func add(name: String, controller: String?, parameters reference: Reference?, isDefault: Bool) {
        var parameters: (String, Origin)?
        let group = reference?.apiGroup
        if let reference, group == "elbv2.k8s.aws" || group == Self.autoModeGroup, reference.kind == "IngressClassParams",
           let target = reference.name {
            parameters = (target, reference.origin)
        }
        classes[name] = IngressClass(controller: controller, parameters: parameters, autoMode: group == Self.autoModeGroup)
        if isDefault { defaultClasses.append(name) }
    }

    /// What the class of an Ingress gives it, under every definition the run holds: its `spec.ingressClassName`,
    /// else (without the legacy `kubernetes.io/ingress.class` annotation, which the DefaultIngressClass admission
    /// plugin leaves alone) each class annotated the default. Which definition of a class the cluster holds cannot
    /// be told from a checkout — the one applied last; the controller chart's own `alb`, installed outside the
    /// repository; another cluster's, in a repository of several — so the Ingress is judged under each definition
    /// this input and the run's other files (`elsewhere`) hold, and under each of its parameters' definitions, every
    /// copy a reading of its own (a copy's findings are located at it: a waiver or ignore at one copy does not cover
    /// another's). When this input does not define the class, its annotations alone are one more reading, exactly as
    /// before any other file was read: a copy can add findings, never take one away. A definition in another file
    /// is added to `deployment`'s files, so findings point at the setting where it is written.
    ///
    /// At most `readingLimit` readings: this input's own and its annotations' first, always; then the other files',
    /// one copy of each distinct definition before any second copy (`IngressClassCatalog`), so copies cannot crowd
    /// out a definition that differs. Readings left out are said in a warning at the Ingress's class.
    func readings(className: String?, legacyClass: Bool, at classOrigin: Origin,
                  into deployment: inout Deployment) -> [Settings] {
        var names: [String] = []
        if let className {
            names = [className]
        } else if !legacyClass {
            var seen: Set<String> = []
            for name in defaultClasses + (elsewhere?.defaultClassNames(besides: inputPath) ?? []) where seen.insert(name).inserted {
                names.append(name)
            }
        }
        var readings = Readings()
        for name in names {
            if let own = classes[name] { add(own, named: name, from: nil, to: &readings, into: &deployment) }
        }
        // The annotations' reading, when this input does not define the class (or names none), comes first.
        if names.isEmpty || names.contains(where: { classes[$0] == nil }) { readings.addAnnotationsFirst() }
        if let elsewhere {
            for name in names {
                for (read, file) in elsewhere.classDefinitions(of: name, besides: inputPath) {
                    guard readings.room() else { break }
                    add(read, named: name, from: file, to: &readings, into: &deployment)
                }
            }
        }
        if readings.leftOut {
            deployment.notices.append(Diagnostic(deployment.source, offset: classOrigin.offset,
                "the Ingress's class \(names.map { "'\($0)'" }.joined(separator: ", ")) and its parameters are defined "
                    + "more ways in the checked files than the \(Self.readingLimit) readings policycheck judges an Ingress "
                    + "under: it is judged under its own file's, its annotations' and the first other ones (a copy of each "
                    + "distinct definition first); check each cluster's files on their own", severity: .warning))
        }
        return readings.settings.isEmpty ? [.none] : readings.settings
    }

    /// The most readings an Ingress is judged under (`readings`).
    static let readingLimit = 64

    /// Readings gathered so far: the annotations' and a bare class's are one each, however many copies give them.
    private struct Readings {
        var settings: [Settings] = []
        var hasNone = false
        var hasALB = false
        var missing: Set<String> = []
        var leftOut = false

        /// Whether another reading fits (noting, when it does not, that some are left out).
        mutating func room() -> Bool {
            if settings.count < IngressClasses.readingLimit { return true }
            leftOut = true
            return false
        }

        /// The annotations' own reading, first and kept whatever the limit.
        mutating func addAnnotationsFirst() {
            guard !hasNone else { return }
            hasNone = true
            settings.insert(.none, at: 0)
        }

        mutating func append(_ reading: Settings) {
            switch reading {
            case .none:
                guard !hasNone else { return }
                hasNone = true
            case .alb:
                guard !hasALB else { return }
                hasALB = true
            case .missing(let name, _, _, _):
                guard missing.insert(name).inserted else { return }
            case .parameters:
                break
            }
            guard room() else { return }
            settings.append(reading)
        }
    }

    /// The readings one definition of the class `name` gives an Ingress: one per definition of its parameters
    /// (this input's first, then the other files', distinct ones first), while there is room.
    private func add(_ ingressClass: IngressClass, named name: String, from file: SourceFile?,
                     to readings: inout Readings, into deployment: inout Deployment) {
        guard ingressClass.controller == Self.albController || ingressClass.controller == Self.autoModeController
        else { return readings.append(.none) }
        guard var reference = ingressClass.parameters else {
            // Auto Mode's scheme then comes from the annotation, or is its undocumented default.
            guard ingressClass.controller == Self.autoModeController else { return readings.append(.alb) }
            var read = Parameters(inboundOrigin: Origin(offset: 0, path: "spec"))
            read.autoMode = true
            return readings.append(.parameters(read))
        }
        if let file { reference.origin = reference.origin.inFile(deployment.addSourceFile(file)) }
        let autoMode = ingressClass.autoMode
        var found = false
        if let own = parameters(named: reference.name, autoMode: autoMode) {
            found = true
            readings.append(.parameters(own))
        }
        if let elsewhere {
            for (read, paramsFile) in elsewhere.parameterDefinitions(of: reference.name, autoMode: autoMode, besides: inputPath) {
                found = true
                guard readings.room() else { break }
                readings.append(.parameters(read.inFile(deployment.addSourceFile(paramsFile))))
            }
        }
        if !found {
            readings.append(.missing(name: reference.name, className: name, origin: reference.origin,
                                     unknown: unknownParameters[reference.name]))
        }
    }
}

extension IngressClasses.IngressClass {
    /// What decides the settings a definition gives, for telling distinct definitions apart (where it is written
    /// aside).
    var settingsKey: String {
        "\(controller ?? "")\u{0}\(parameters?.name ?? "\u{1}")\u{0}\(autoMode)"
    }
}

extension IngressClasses.Parameters {
    /// What decides the settings parameters give, for telling distinct definitions apart (where they are written
    /// aside).
    var settingsKey: String {
        [scheme?.value ?? "\u{1}", inboundCIDRs.map(\.value).joined(separator: ","), sslPolicy?.value ?? "\u{1}",
         "\(certificate)", sslRedirectPort?.value ?? "\u{1}", prefixLists.map(\.value).joined(separator: ","),
         ipAddressType ?? "\u{1}", "\(autoMode)", undocumented?.value ?? "\u{1}", groupName ?? "\u{1}"].joined(separator: "\u{0}")
    }

    /// The same parameters read from the deployment's file `index` (`Deployment.addSourceFile`).
    func inFile(_ index: Int) -> Self {
        guard index != 0 else { return self }
        func moved(_ located: Located<String>) -> Located<String> { Located(located.value, at: located.origin.inFile(index)) }
        var copy = self
        copy.scheme = scheme.map(moved)
        copy.inboundCIDRs = inboundCIDRs.map(moved)
        copy.inboundOrigin = inboundOrigin.inFile(index)
        copy.sslPolicy = sslPolicy.map(moved)
        copy.sslRedirectPort = sslRedirectPort.map(moved)
        copy.prefixLists = prefixLists.map(moved)
        copy.undocumented = undocumented.map(moved)
        return copy
    }
}
