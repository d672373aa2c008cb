import PolicyCheckModel
import PolicyCheckSyntax

/// An Ingress that Terraform's kubernetes provider creates — `kubernetes_ingress_v1` (`metadata { annotations }`,
/// `spec { ingress_class_name, default_backend, rule { http { path { backend { service { name, port { number | name }
/// } } } } }, tls }`) and the older `kubernetes_ingress` (whose backends are `backend { service_name, service_port }`)
/// — judged as the same Ingress written as a manifest is (`IngressReader`): ingress-nginx's source ranges, and for
/// the AWS Load Balancer Controller the ALB's allowlist (its scheme, `inbound-cidrs`, named security groups, or the
/// whole internet) and its listeners (`ALBListeners`, `IngressRoutes`). The resource's address names it. A
/// `kubernetes_ingress_class_v1` (or `kubernetes_ingress_class`) of the same plan is its class, as an `IngressClass`
/// object is in a manifest (`IngressClasses`), and so are the IngressClass and IngressClassParams objects a
/// `kubernetes_manifest` or `kubectl_manifest` applies; parameters the input does not apply cannot be verified.
///
/// What the plan does not know is not guessed: a class (or its controller), a class annotation or the annotation map
/// known only at apply makes the ALB's allowlist one entry that cannot be verified, and its listeners too; so does an
/// annotation that decides what the ALB admits; a scheme known only at apply is judged as one AWS does not state (a
/// CIDR list still decides); a certificate ARN known only at apply (an `aws_acm_certificate`'s, the usual case) is
/// still a certificate; a listener annotation known only at apply makes what it decides cannot-verify.
struct TerraformKubernetesIngressReader {
    let input: any TerraformResourceGraph
    /// The objects of the input's kubernetes_manifest and kubectl_manifest resources (read once, shared with their reader).
    let manifests: TerraformManifestObjects

    static let ingressTypes: Set<String> = ["kubernetes_ingress", "kubernetes_ingress_v1"]
    static let classTypes: Set<String> = ["kubernetes_ingress_class", "kubernetes_ingress_class_v1"]
    static let types = ingressTypes.union(classTypes)
    static let classAnnotation = "kubernetes.io/ingress.class"

    func read(into deployment: inout Deployment) {
        // One question to the plan's type index for both kinds; the classes are gathered before any Ingress is read.
        let resources = input.resources(ofType: Self.types)
        guard !resources.isEmpty else { return }
        var classes = IngressClasses()
        classes.elsewhere = TerraformKubernetesManifestReader.elsewhere
        classes.inputPath = deployment.source.path
        var unknownControllers: [String: Located<String>] = [:]
        for resource in resources where Self.classTypes.contains(resource.type) {
            collectClass(resource, into: &classes, unknownControllers: &unknownControllers)
        }
        // A class, or the IngressClassParams a class names, may be an object a kubernetes_manifest or kubectl_manifest
        // applies (read here only when the input has both).
        if resources.contains(where: { Self.ingressTypes.contains($0.type) }),
           input.count(ofType: TerraformKubernetesManifestReader.types) > 0 {
            TerraformKubernetesManifestReader.collectClasses(of: manifests.read().objects, into: &classes,
                                                            source: deployment.source)
        }
        for resource in resources where Self.ingressTypes.contains(resource.type) {
            let ingress = definition(of: resource, unknownControllers: unknownControllers)
            IngressReader(ingress: ingress, source: deployment.source, classes: classes).read(into: &deployment)
        }
    }

    /// Adds the input's `kubernetes_ingress_class(_v1)` resources (those whose controller is known) to `classes`: the
    /// classes of the Ingresses that `kubernetes_manifest` and `kubectl_manifest` apply.
    func collectClasses(into classes: inout IngressClasses) {
        var unknownControllers: [String: Located<String>] = [:]
        for resource in input.resources(ofType: Self.classTypes) {
            collectClass(resource, into: &classes, unknownControllers: &unknownControllers)
        }
    }

    /// Records a `kubernetes_ingress_class(_v1)`: its controller and parameters, or why its controller is not known.
    private func collectClass(_ resource: TerraformResource, into classes: inout IngressClasses,
                              unknownControllers: inout [String: Located<String>]) {
        let metadata = resource["metadata"].child(0)
        guard let name = metadata.child("name").knownString else { return }
        let spec = resource["spec"].child(0)
        let controller = spec.child("controller")
        if let reason = unknownReason(controller) {
            unknownControllers[name] = Located("the controller of its IngressClass '\(name)' is not known: \(reason)",
                                               at: controller.origin)
            return
        }
        let parameters = spec.child("parameters")
        let reference = parameters.items.first.map { block in
            IngressClasses.Reference(apiGroup: block.child("api_group").knownString, kind: block.child("kind").knownString,
                                     name: block.child("name").knownString ?? "(known only after apply)",
                                     origin: parameters.origin)
        }
        let annotations = TerraformAnnotationMap(metadata: metadata).annotations
        classes.add(name: name, controller: controller.knownString, parameters: reference,
                    isDefault: annotations[IngressClasses.defaultClassAnnotation]?.value == "true")
    }

    /// The Ingress a `kubernetes_ingress(_v1)` describes, with what the plan does not know.
    private func definition(of resource: TerraformResource,
                            unknownControllers: [String: Located<String>]) -> IngressDefinition {
        let map = TerraformAnnotationMap(metadata: resource["metadata"].child(0))
        let spec = resource["spec"].child(0)
        let classField = spec.child("ingress_class_name")
        let className = classField.knownString
        let classOrigin = classField.isAbsent || classField.isProviderDefault
            ? map.annotations[Self.classAnnotation]?.origin ?? resource.rawOrigin : classField.origin
        // The v1 schema's `default_backend`, the v1beta1 schema's `backend`.
        let defaultBlock = resource.type == "kubernetes_ingress_v1" ? spec.child("default_backend") : spec.child("backend")
        var paths: [IngressBackend] = []
        for rule in spec.child("rule").items {
            for http in rule.child("http").items {
                for path in http.child("path").items { paths.append(backend(path.child("backend"))) }
            }
        }
        var ingress = IngressDefinition(
            component: resource.address, annotations: map.annotations, className: className, classOrigin: classOrigin,
            defaultBackend: defaultBlock.items.isEmpty ? nil : backend(defaultBlock),
            defaultBackendOrigin: defaultBlock.fieldOrigin, pathBackends: paths)
        ingress.unknownAnnotations = map.unknownReasons
        let controllerUnknown = unknownReason(classField).map { Located("its ingress_class_name is not known: \($0)", at: classField.origin) }
            ?? unknownReason(map.map).map { Located("its annotations are not known: \($0)", at: map.map.origin) }
            ?? map.unknown[Self.classAnnotation].map {
                Located("the annotation '\(Self.classAnnotation)' is not known: \($0.unknownReason)", at: $0.origin)
            }
            ?? className.flatMap { unknownControllers[$0] }
        ingress.controllerUnknown = controllerUnknown.map {
            Located("which controller serves the Ingress cannot be told before apply: \($0.value)", at: $0.origin)
        }
        return ingress
    }

    /// A backend block: `service { name, port { name | number } }` (v1), or `service_name` and `service_port` (v1beta1,
    /// whose port is a name when it is not a number, as the API server converts it).
    private func backend(_ block: TerraformAttribute) -> IngressBackend {
        let backend = block.child(0)
        let origin = backend.fieldOrigin
        let serviceBlock = backend.child("service")
        let serviceName: TerraformAttribute
        let port: TerraformAttribute?
        let namesService: Bool
        if serviceBlock.isAbsent, !backend.child("service_name").isAbsent {
            serviceName = backend.child("service_name")
            let servicePort = backend.child("service_port")
            port = servicePort.knownInt == nil ? servicePort : nil
            namesService = true
        } else {
            serviceName = serviceBlock.child(0).child("name")
            port = serviceBlock.child(0).child("port").child(0).child("name")
            namesService = serviceBlock.isUnknown || !serviceBlock.items.isEmpty
        }
        var read = IngressBackend(origin: origin, namesService: namesService, serviceName: serviceName.knownString,
                                  portName: port?.knownString)
        // What the backend does depends on the port name (`use-annotation`) and then on the Service's name.
        if let reason = unknownReason(serviceBlock) ?? port.flatMap(unknownReason)
            ?? (read.portName == IngressRoutes.useAnnotation ? unknownReason(serviceName) : nil) {
            read.unknown = "the backend's Service or port is not known: \(reason)"
        }
        return read
    }

    /// Why an attribute is not known before apply, if it is not (and not left to the provider).
    private func unknownReason(_ attribute: TerraformAttribute) -> String? {
        guard attribute.isUnknown, !attribute.isProviderDefault else { return nil }
        return attribute.unknownReason
    }
}

extension TerraformKubernetesIngressReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input, manifests: reading.manifests) }
}
