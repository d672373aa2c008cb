import PolicyCheckModel
import PolicyCheckSyntax

/// An Ingress as `IngressReader` judges it, whoever wrote it: a manifest's `Ingress` object, or a Terraform
/// `kubernetes_ingress_v1` (`TerraformKubernetesIngressReader`) — its annotations, class, backends and where they are.
struct IngressDefinition {
    /// How findings name the Ingress (`Ingress/prod/web`, `kubernetes_ingress_v1.web`).
    let component: String
    let annotations: Annotations
    /// `spec.ingressClassName`.
    let className: String?
    /// What makes the Ingress an ALB's — its class, else its class annotation, else the Ingress — where the listeners
    /// and a scheme that no annotation states belong.
    let classOrigin: Origin
    /// `spec.defaultBackend`.
    let defaultBackend: IngressBackend?
    /// Where the default action belongs when there is no default backend (the controller's fixed 404).
    let defaultBackendOrigin: Origin
    /// The backend of each `spec.rules[].http.paths[]`, in the order written.
    let pathBackends: [IngressBackend]
    /// Annotations whose value is not known (a Terraform value known only at apply): why, at the value. They are not
    /// in `annotations`; what they decide cannot be verified, except a certificate ARN, which is still a certificate.
    var unknownAnnotations: [String: Located<String>] = [:]
    /// Why which controller serves the Ingress cannot be told (its class, or all its annotations, known only at
    /// apply): it may be an ALB whose allowlist and listeners cannot be verified.
    var controllerUnknown: Located<String>?
    /// Whether it terminates TLS itself (`spec.tls`), for controllers that take no certificate annotation (GKE's).
    var terminatesTLS = false
}

/// The backend of an Ingress path or its default backend: the Service it names and that Service's port name.
struct IngressBackend {
    /// Where the backend is.
    let origin: Origin
    /// Whether it names a Service (`backend.service`).
    let namesService: Bool
    let serviceName: String?
    let portName: String?
    /// Why the Service or port name is not known (a Terraform value known only at apply).
    var unknown: String?
}

extension IngressDefinition {
    /// The Ingress of a manifest object.
    init(_ object: KubernetesObject) {
        let spec = object.root.node["spec"]
        let classField = spec?["ingressClassName"]
        let classOffset = classField?.offset ?? object.annotations["kubernetes.io/ingress.class"]?.origin.offset
            ?? object.root.node.offset
        // A manifest's object is at the root (paths spelt as written); an embedded one below its attribute.
        let base = object.root.path
        func fieldPath(_ field: String) -> String { base.isEmpty ? field : object.root.childPath(field) }
        var paths: [IngressBackend] = []
        for rule in spec?["rules"]?.items ?? [] {
            for path in rule["http"]?["paths"]?.items ?? [] { paths.append(IngressBackend(path["backend"], at: path.offset)) }
        }
        self.init(component: object.resource, annotations: object.annotations, className: classField?.string,
                  classOrigin: Origin(offset: classOffset, path: fieldPath("spec.ingressClassName")),
                  defaultBackend: spec?["defaultBackend"].map { IngressBackend($0, at: $0.offset) },
                  defaultBackendOrigin: Origin(offset: classOffset, path: fieldPath("spec.defaultBackend")),
                  pathBackends: paths)
        terminatesTLS = spec?["tls"]?.items?.isEmpty == false
    }
}

extension IngressBackend {
    /// A manifest's `backend` (`service: {name, port: {name | number}}`), at `offset` when it is missing.
    init(_ node: SourceNode?, at offset: Int) {
        let service = node?["service"]
        self.init(origin: Origin(offset: node?.offset ?? offset, path: "backend"), namesService: service != nil,
                  serviceName: service?["name"]?.string, portName: service?["port"]?["name"]?.string)
    }
}
