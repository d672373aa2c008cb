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
        case missing(name: String, className: String, origin: Origin)
        /// The class, or its parameters, are defined differently in other files of the run, none of them nearer the
        /// Ingress than the others: which one the cluster holds cannot be told (`reason` says where).
        case conflicting(reason: String)
    }

    private var classes: [String: IngressClass] = [:]
    private var defaultClasses: [String] = []
    private var parameters: [String: Parameters] = [:]
    private var autoModeParameters: [String: Parameters] = [:]
    /// The classes and parameters of the run's other files (`IngressClassCatalog`), consulted for a name this input
    /// does not define: `IngressClass` and `IngressClassParams` are cluster-wide, and are often kept in a file of
    /// their own, apart from the Ingresses that use them.
    var elsewhere: IngressClassCatalog?
    /// The path of the input these classes were gathered from, which the catalog leaves out and ranks files by.
    var inputPath = ""

    static let none = IngressClasses()

    /// The names of the classes and parameters the input defines.
    var definedNames: Set<String> {
        Set(classes.keys).union(parameters.keys).union(autoModeParameters.keys)
    }
    /// Whether the input defines no class and no parameters.
    var isEmpty: Bool { classes.isEmpty && parameters.isEmpty && autoModeParameters.isEmpty }
    /// The names of the classes annotated the default class, in the order read.
    var defaultClassNames: [String] { defaultClasses }
    func ingressClass(named name: String) -> IngressClass? { classes[name] }
    func parameters(named name: String, autoMode: Bool) -> Parameters? {
        (autoMode ? autoModeParameters : parameters)[name]
    }

    /// Records an object when it is an `IngressClass` or an `IngressClassParams`.
    mutating func collect(_ node: SourceNode, reader: NodeReader) {
        guard let apiVersion = node["apiVersion"]?.string, let kind = node["kind"]?.string,
              let name = node["metadata"]?["name"]?.string else { return }
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
            }
            parameters[name] = read
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

    /// What the class of an Ingress (its `spec.ingressClassName`, else the one default class) gives it: from this
    /// input's classes and parameters, else from the nearest of the run's other files that define them (which
    /// `deployment` then spans, so findings point at the setting where it is written).
    func settings(className: String?, into deployment: inout Deployment) -> Settings {
        guard let name = className ?? defaultClassName(), let found = ingressClass(called: name, into: &deployment)
        else { return .none }
        let ingressClass: IngressClass
        var classFile: SourceFile?
        switch found {
        case .conflicting(let reason): return .conflicting(reason: reason)
        case .found(let read, let file):
            ingressClass = read
            classFile = file
        }
        guard ingressClass.controller == Self.albController || ingressClass.controller == Self.autoModeController
        else { return .none }
        guard var reference = ingressClass.parameters else {
            // Auto Mode's scheme then comes from the annotation, or is its undocumented default.
            guard ingressClass.controller == Self.autoModeController else { return .alb }
            var read = Parameters(inboundOrigin: Origin(offset: 0, path: "spec"))
            read.autoMode = true
            return .parameters(read)
        }
        if let classFile { reference.origin = reference.origin.inFile(deployment.addSourceFile(classFile)) }
        // Parameters are cluster-wide too: this input's, else the nearest other files' (the class's file is no
        // nearer than any other: equally near classes that agree may each have parameters beside them that do not).
        if let read = parameters(named: reference.name, autoMode: ingressClass.autoMode) { return .parameters(read) }
        switch elsewhere?.nearest(to: inputPath, named: reference.name, { $0.parameters(named: reference.name, autoMode: ingressClass.autoMode) },
                                  same: { $0.hasSameSettings(as: $1) }) {
        case .found(let read, let file)?:
            return .parameters(read.inFile(deployment.addSourceFile(file)))
        case .conflicting(let paths, _)?:
            return .conflicting(reason: "the IngressClassParams '\(reference.name)' of its IngressClass '\(name)' are "
                + "defined differently in \(IngressClassCatalog.list(paths)), and which one the cluster holds cannot be told")
        case nil:
            return .missing(name: reference.name, className: name, origin: reference.origin)
        }
    }

    /// The one class annotated the default: this input's, else (when it annotates none) the nearest other files'.
    private func defaultClassName() -> String? {
        guard defaultClasses.isEmpty else { return defaultClasses.count == 1 ? defaultClasses[0] : nil }
        switch elsewhere?.nearestDefault(to: inputPath) {
        case .found(let name, _)?: return name
        case .conflicting?, nil: return nil
        }
    }

    /// This input's class `name`, else the nearest other files' (`file` is where it was found, `nil` for this input).
    /// Classes that differ only in unrelated folders are not taken: a warning at the deployment's origin says so.
    private func ingressClass(called name: String, into deployment: inout Deployment) -> IngressClassCatalog.Lookup<IngressClass>? {
        if let own = classes[name] { return .found(own, nil) }
        switch elsewhere?.nearest(to: inputPath, named: name, { $0.ingressClass(named: name) }, same: { $0.hasSameSettings(as: $1) }) {
        case .found(let read, let file)?: return .found(read, file)
        case .conflicting(let paths, related: true)?:
            return .conflicting("the IngressClass '\(name)' is defined differently in \(IngressClassCatalog.list(paths)), "
                + "and which one the cluster holds cannot be told")
        case .conflicting(let paths, related: false)?:
            let warning = "the IngressClass '\(name)' is defined differently in \(IngressClassCatalog.list(paths)), neither "
                + "in the folder of '\(inputPath)' nor above it: its Ingresses are read by their annotations, without a class"
            if !deployment.notices.contains(where: { $0.message == warning }) {
                deployment.notices.append(Diagnostic(deployment.source, offset: deployment.origin.offset, warning, severity: .warning))
            }
            return nil
        case nil: return nil
        }
    }
}

extension IngressClasses.IngressClass {
    /// Whether two definitions give Ingresses the same settings (where they are written aside).
    func hasSameSettings(as other: Self) -> Bool {
        controller == other.controller && parameters?.name == other.parameters?.name && autoMode == other.autoMode
    }
}

extension IngressClasses.Parameters {
    /// Whether two definitions give Ingresses the same settings (where they are written aside).
    func hasSameSettings(as other: Self) -> Bool {
        scheme?.value == other.scheme?.value && inboundCIDRs.map(\.value) == other.inboundCIDRs.map(\.value)
            && sslPolicy?.value == other.sslPolicy?.value && certificate == other.certificate
            && sslRedirectPort?.value == other.sslRedirectPort?.value && prefixLists.map(\.value) == other.prefixLists.map(\.value)
            && ipAddressType == other.ipAddressType && autoMode == other.autoMode && undocumented?.value == other.undocumented?.value
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
