import PolicyCheckModel
import PolicyCheckSyntax

/// Reads the Mattermost operator's `Mattermost` (`installation.mattermost.com/v1beta1`) and legacy
/// `ClusterInstallation` (`mattermost.com/v1alpha1`): ingress allowlist annotations, the AWS Load Balancer
/// Controller settings, and the region an external S3 file store names. The operator states no encryption for the
/// database or file store, so no data store is recorded.
struct MattermostReader {
    let object: KubernetesObject

    func read(into deployment: inout Deployment) {
        guard let spec = object.spec else { return }
        let source = object.reader.source
        readIngress(spec, source: source, into: &deployment)
        readLoadBalancerController(spec, source: source, into: &deployment)
        readServiceLoadBalancer(spec, source: source, into: &deployment)
        readFileStore(spec, into: &deployment)
    }

    /// `spec.useServiceLoadBalancer: true`: the operator exposes Mattermost through a Service of type LoadBalancer
    /// on ports 80 and 443, carrying `spec.serviceAnnotations`; without a source-ranges annotation there (or an
    /// internal one) it admits the whole internet, as a Service of its own would.
    private func readServiceLoadBalancer(_ spec: ObjectView, source: SourceFile, into deployment: inout Deployment) {
        guard let flag = spec.bool("useServiceLoadBalancer"), flag.value else { return }
        let annotations = Annotations(spec.value("serviceAnnotations"), path: spec.childPath("serviceAnnotations"),
                                      reader: spec.reader)
        let allowlist = ServiceReader.allowlist(component: object.resource, ranges: [], rangesOrigin: flag.origin,
                                                annotations: annotations, source: source,
                                                ports: [PortRange(80, 80), PortRange(443, 443)], ipv6: false,
                                                worldOrigin: flag.origin)
        if let allowlist { deployment.allowlists.append(allowlist) }
    }

    /// `spec.ingress.annotations` (v1beta1) or `spec.ingressAnnotations` (legacy); nothing when the ingress is off.
    private func readIngress(_ spec: ObjectView, source: SourceFile, into deployment: inout Deployment) {
        var annotations = Annotations.none
        if let ingress = spec.object("ingress") {
            if ingress.bool("enabled")?.value == false { return }
            annotations = Annotations(ingress.value("annotations"), path: ingress.childPath("annotations"),
                                      reader: spec.reader)
        }
        if let legacy = spec.value("ingressAnnotations") {
            annotations = annotations.merging(Annotations(legacy, path: spec.childPath("ingressAnnotations"),
                                                          reader: spec.reader))
        }
        let allowlists = IngressAllowlists(annotations: annotations, source: source, component: object.resource)
        if let allowlist = allowlists.nginx() { deployment.allowlists.append(allowlist) }
    }

    /// `spec.awsLoadBalancerController`: an ALB instead of nginx, internet-facing when `internetFacing: true` (or
    /// `scheme: internet-facing`, or the scheme annotation); its `annotations` may carry `inbound-cidrs`.
    ///
    /// The operator writes the ALB Ingress's annotations itself, and the user's `annotations` override them
    /// (mattermost-operator `GenerateALBIngressV1Beta`): with `certificateARN`, `listen-ports`
    /// `[{"HTTP": 80}, {"HTTPS":443}]` and `ssl-redirect: "443"`; without it, `listen-ports` `[{"HTTP": 8065}]`. It
    /// sets no `ssl-policy`. So the ALB's listeners and listen ports are read from those, located at the setting
    /// that chose them.
    private func readLoadBalancerController(_ spec: ObjectView, source: SourceFile, into deployment: inout Deployment) {
        guard let controller = spec.object("awsLoadBalancerController"),
              let enabled = controller.bool("enabled"), enabled.value else { return }
        let certificate = controller.string("certificateARN").flatMap { $0.value.isEmpty ? nil : $0 }
        var annotations = Annotations(controller.value("annotations"), path: controller.childPath("annotations"),
                                      reader: spec.reader)
        if let certificate {
            annotations = annotations.withDefault(ALBListeners.sslRedirect, Located("443", at: certificate.origin))
                .withDefault(ALBListeners.listenPorts, Located(#"[{"HTTP": 80}, {"HTTPS":443}]"#, at: certificate.origin))
        } else {
            annotations = annotations.withDefault(ALBListeners.listenPorts, Located(#"[{"HTTP": 8065}]"#, at: enabled.origin))
        }
        let allowlists = IngressAllowlists(annotations: annotations, source: source, component: object.resource)
        var internetFacing = controller.bool("internetFacing")
        if let scheme = controller.string("scheme") {
            internetFacing = Located(scheme.value == "internet-facing", at: scheme.origin)
        }
        if let annotated = allowlists.albSchemeInternetFacing { internetFacing = annotated }
        if let certificate, let region = AmazonResourceName(certificate.value)?.region {
            deployment.regions.append(RegionReference(region, at: certificate.origin, component: object.resource,
                                                      role: "region in the ALB certificate ARN"))
        }
        if let allowlist = allowlists.alb(internetFacing: internetFacing, certificate: certificate != nil,
                                          into: &deployment) {
            deployment.allowlists.append(allowlist)
        }
        ALBListeners(annotations: annotations, component: object.resource,
                     anchor: Origin(offset: controller.node.offset, path: object.root.path),
                     certificate: certificate != nil).read(into: &deployment)
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
