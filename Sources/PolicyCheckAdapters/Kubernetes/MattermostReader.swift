import PolicyCheckModel
import PolicyCheckSyntax

/// Reads the Mattermost operator's `Mattermost` (`installation.mattermost.com/v1beta1`) and legacy
/// `ClusterInstallation` (`mattermost.com/v1alpha1`) as the Ingress and Service the operator makes of them, judged
/// as those objects are (`IngressReader`, `ServiceReader`), and the region an external S3 file store names. The
/// operator states no encryption for the database or file store, so no data store is recorded.
///
/// What the operator writes (mattermost-operator `pkg/mattermost/mattermost_v1beta.go`, `mattermost.go`):
/// - With `spec.awsLoadBalancerController.enabled`, the Ingress is the ALB's alone (`GenerateALBIngressV1Beta`
///   replaces the nginx one): scheme from `internetFacing`, listen ports and redirect from `certificateARN`, the
///   user's `annotations` over those, and the class `ingressClassName` (else an ALB IngressClass of its own, named
///   after the resource).
/// - Otherwise, unless `spec.ingress.enabled: false`, an Ingress of class `spec.ingress.ingressClass` (else the
///   `kubernetes.io/ingress.class: nginx` annotation) with `spec.ingress.annotations` — or, without `spec.ingress`,
///   `spec.ingressAnnotations` — over its defaults; TLS when `tlsSecret` (or `useIngressTLS`) names a secret.
/// - `Mattermost` resources' annotations pass `sanitizeIngressAnnotations` first (operator v1.25.5 on): one whose
///   key holds `snippet`, or whose value holds a line break, is dropped — an allowlist written as a YAML block
///   scalar never reaches the Ingress.
/// - The Service carries `spec.serviceAnnotations`: a NodePort Service on 8065 and 8067 behind the ALB, a
///   LoadBalancer on 80 and 443 with `useServiceLoadBalancer`, else a headless one on 8065 and 8067 (the legacy
///   kind's headless Service carries no annotations). The AWS Load Balancer Controller makes an NLB of a NodePort
///   or ClusterIP Service annotated for it, as of a Service of its own.
struct MattermostReader {
    let object: KubernetesObject
    var classes = IngressClasses.none

    private var isLegacy: Bool { object.kind == "ClusterInstallation" }

    func read(into deployment: inout Deployment) {
        guard let spec = object.spec else { return }
        let controller = isLegacy ? nil : spec.object("awsLoadBalancerController")
        let enabled = controller?.bool("enabled").flatMap { $0.value ? $0 : nil }
        if let controller, let enabled {
            readLoadBalancerController(controller, enabled: enabled, spec: spec, into: &deployment)
        } else {
            readIngress(spec, into: &deployment)
        }
        readService(spec, behindALB: enabled != nil, into: &deployment)
        readFileStore(spec, into: &deployment)
    }

    /// The user's annotations as the operator copies them onto what it writes.
    private func operatorAnnotations(_ node: SourceNode?, path: String, reader: NodeReader) -> Annotations {
        let annotations = Annotations(node, path: path, reader: reader)
        guard !isLegacy else { return annotations }
        return annotations.removing { key, value in
            key.lowercased().contains("snippet") || value.utf8.contains { $0 == 0x0A || $0 == 0x0D }
        }
    }

    /// The Service the operator writes: judged when it makes a load balancer (`ServiceReader.makesLoadBalancer`).
    private func readService(_ spec: ObjectView, behindALB: Bool, into deployment: inout Deployment) {
        let balancer = spec.bool("useServiceLoadBalancer").flatMap { $0.value ? $0 : nil }
        // `spec.resourcePatch.service` is a JSON patch the operator applies to its Service before creating it
        // (mattermost-operator `controllers/mattermost/mattermost/mattermost.go`): it may change the type and the
        // annotations, which policycheck does not apply — what the Service admits cannot be verified (reviewer
        // round 33: a patch removing the internal annotation passed).
        if !isLegacy, let patch = spec.object("resourcePatch")?.field("service") {
            let origin = Origin(offset: patch.offset, path: spec.childPath("resourcePatch.service"))
            deployment.allowlists.append(KubernetesAllowlists.unverifiable(
                .loadBalancerSourceRanges, component: object.resource, at: origin,
                reason: "the operator applies spec.resourcePatch.service, a JSON patch policycheck does not apply, to its "
                    + "Service: whether that makes a load balancer, and what it admits, cannot be told from the resource",
                ports: [PortRange(80, 80), PortRange(443, 443), PortRange(8065, 8065), PortRange(8067, 8067)]))
            return
        }
        // The legacy kind's headless Service carries no annotations.
        if isLegacy && balancer == nil { return }
        let annotations = Annotations(spec.value("serviceAnnotations"), path: spec.childPath("serviceAnnotations"),
                                      reader: spec.reader)
        let type = behindALB ? "NodePort" : balancer != nil ? "LoadBalancer" : "ClusterIP"
        guard ServiceReader.makesLoadBalancer(type: type, annotations: annotations) else { return }
        let ports = type == "LoadBalancer" ? [PortRange(80, 80), PortRange(443, 443)]
            : [PortRange(8065, 8065), PortRange(8067, 8067)]
        let origin = balancer?.origin ?? spec.origin(of: "serviceAnnotations")
        let allowlist = ServiceReader.allowlist(component: object.resource, ranges: [], rangesOrigin: origin,
                                                annotations: annotations, source: object.reader.source, ports: ports,
                                                ipv6: false, worldOrigin: origin)
        if let allowlist { deployment.allowlists.append(allowlist) }
    }

    /// The nginx (or other class's) Ingress; nothing when `spec.ingress.enabled: false`.
    private func readIngress(_ spec: ObjectView, into deployment: inout Deployment) {
        let ingress = isLegacy ? nil : spec.object("ingress")
        if ingress?.bool("enabled")?.value == false { return }
        let annotations = ingress.map {
            operatorAnnotations($0.value("annotations"), path: $0.childPath("annotations"), reader: spec.reader)
        } ?? operatorAnnotations(spec.value("ingressAnnotations"), path: spec.childPath("ingressAnnotations"),
                                 reader: spec.reader)
        let className = ingress?.string("ingressClass")
        let anchor = className?.origin ?? ingress.map { Origin(offset: $0.node.offset, path: $0.path) }
            ?? Origin(offset: spec.node.offset, path: spec.path)
        var written = annotations.withDefault("nginx.ingress.kubernetes.io/proxy-body-size", Located("1000M", at: anchor))
        if className == nil { written = written.withDefault("kubernetes.io/ingress.class", Located("nginx", at: anchor)) }
        var definition = IngressDefinition(component: object.resource, annotations: written, className: className?.value,
                                           classOrigin: anchor, defaultBackend: nil, defaultBackendOrigin: anchor,
                                           pathBackends: backends(at: anchor))
        let secret = ingress?.string("tlsSecret")?.value ?? (spec.bool("useIngressTLS")?.value == true ? "default" : "")
        definition.terminatesTLS = !secret.isEmpty
        IngressReader(ingress: definition, source: object.reader.source, classes: classes).read(into: &deployment)
    }

    /// The ALB Ingress the operator writes for `spec.awsLoadBalancerController`.
    private func readLoadBalancerController(_ controller: ObjectView, enabled: Located<Bool>, spec: ObjectView,
                                            into deployment: inout Deployment) {
        let certificate = controller.string("certificateARN").flatMap { $0.value.isEmpty ? nil : $0 }
        let facing = controller.bool("internetFacing")
        var annotations = operatorAnnotations(controller.value("annotations"), path: controller.childPath("annotations"),
                                              reader: spec.reader)
        annotations = annotations.withDefault(IngressAllowlists.scheme, Located(
            facing?.value == true ? "internet-facing" : "internal", at: facing?.origin ?? enabled.origin))
        if let certificate {
            annotations = annotations.withDefault(IngressAllowlists.certificateARN, certificate)
                .withDefault(ALBListeners.sslRedirect, Located("443", at: certificate.origin))
                .withDefault(ALBListeners.listenPorts, Located(#"[{"HTTP": 80}, {"HTTPS":443}]"#, at: certificate.origin))
        } else {
            annotations = annotations.withDefault(ALBListeners.listenPorts, Located(#"[{"HTTP": 8065}]"#, at: enabled.origin))
        }
        // The operator's own IngressClass (named after the resource) is the ALB controller's, without parameters;
        // a named class is the run's (its IngressClassParams win), or another controller's.
        let named = controller.string("ingressClassName").flatMap { $0.value.isEmpty ? nil : $0 }
        let anchor = named?.origin ?? Origin(offset: controller.node.offset, path: controller.path)
        let definition = IngressDefinition(component: object.resource, annotations: annotations,
                                           className: named?.value ?? "alb", classOrigin: anchor, defaultBackend: nil,
                                           defaultBackendOrigin: anchor, pathBackends: backends(at: anchor))
        IngressReader(ingress: definition, source: object.reader.source, classes: named == nil ? .none : classes)
            .read(into: &deployment)
    }

    /// Every rule of the operator's Ingress sends `/` to the Mattermost Service's `app` port.
    private func backends(at origin: Origin) -> [IngressBackend] {
        [IngressBackend(origin: origin, namesService: true, serviceName: object.name, portName: "app")]
    }

    /// `spec.fileStore.external.url` (v1beta1) or `spec.minio.externalURL` (v1alpha1): an S3 endpoint names a region.
    /// So do the file settings' variables in `spec.mattermostEnv` (a list of Kubernetes `EnvVar`s the operator sets
    /// on the Mattermost container), which Mattermost reads over its configuration
    /// (https://docs.mattermost.com/configure/environment-configuration-settings.html), as a provisioner
    /// installation's `MattermostEnv` is read: `MM_FILESETTINGS_AMAZONS3REGION` set to `eu-west-1` there passed.
    private func readFileStore(_ spec: ObjectView, into deployment: inout Deployment) {
        let url = spec.object("fileStore")?.object("external")?.string("url")
            ?? spec.object("minio")?.string("externalURL")
        if let url, let region = S3Endpoint.region(in: url.value) {
            deployment.regions.append(RegionReference(region, at: url.origin, component: object.resource,
                                                      role: "file store region (S3 endpoint)"))
        }
        spec.forEachItem("mattermostEnv") { item, path in
            guard item.isMapping, let name = item["name"]?.string else { return }
            let role: String
            switch name {
            case "MM_FILESETTINGS_AMAZONS3REGION": role = "file store region (MM_FILESETTINGS_AMAZONS3REGION)"
            case "MM_FILESETTINGS_AMAZONS3ENDPOINT": role = "file store region (S3 endpoint)"
            default: return
            }
            if let value = item["value"], let text = value.string {
                let origin = Origin(offset: value.offset, path: "\(path).value")
                let region = name == "MM_FILESETTINGS_AMAZONS3REGION" ? (text.isEmpty ? nil : text) : S3Endpoint.region(in: text)
                if let region {
                    deployment.regions.append(RegionReference(region, at: origin, component: object.resource, role: role))
                }
            } else if let from = item["valueFrom"] {
                deployment.regions.append(RegionReference(
                    unknown: "the variable's value comes from valueFrom (a secret or config map), which the object does not hold",
                    at: Origin(offset: from.offset, path: "\(path).valueFrom"), component: object.resource, role: role))
            }
        }
    }
}
