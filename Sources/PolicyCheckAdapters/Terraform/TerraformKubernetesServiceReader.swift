import PolicyCheckModel
import PolicyCheckSyntax

/// A Kubernetes Service of `type = "LoadBalancer"` that Terraform's kubernetes provider creates
/// (`kubernetes_service`, `kubernetes_service_v1`: `metadata { annotations }`, `spec { type, load_balancer_class,
/// load_balancer_source_ranges, ip_families, port { name, port, protocol } }`), judged as the same Service written as
/// a manifest is (`ServiceReader`, `ServiceListeners`): its allowlist — source ranges, the source-ranges annotation,
/// named security groups, or the whole internet — and the listeners AWS's annotations make. The resource's address
/// names it.
///
/// What the plan does not know is not guessed: a type, class, source range or decisive annotation known only at
/// apply makes the allowlist one entry that cannot be verified; a certificate known only at apply (an
/// `aws_acm_certificate`'s ARN, the usual case) is still a certificate, so its listeners are TLS; a TLS setting known
/// only at apply makes them cannot-verify.
struct TerraformKubernetesServiceReader {
    let input: any TerraformResourceGraph

    static let types: Set<String> = ["kubernetes_service", "kubernetes_service_v1"]

    /// Annotations whose value decides what the load balancer admits, in the order a reason names the first.
    static let allowlistAnnotations: [String] = [
        ServiceReader.sourceRangesAnnotation, ServiceReader.securityGroupsAnnotation, ServiceReader.internalAnnotation,
        ServiceReader.schemeAnnotation, ServiceListeners.type, "service.beta.kubernetes.io/azure-load-balancer-internal",
        "networking.gke.io/load-balancer-type", "cloud.google.com/load-balancer-type",
    ].sorted()
    /// Annotations whose value decides the listeners' protocols and policies (besides the certificate's presence), in
    /// the order a reason names the first.
    static let listenerAnnotations: [String] = [
        ServiceListeners.sslPorts, ServiceListeners.negotiationPolicy, ServiceListeners.backendProtocol, ServiceListeners.type,
    ].sorted()

    func read(into deployment: inout Deployment) {
        for service in input.resources(ofType: Self.types) {
            read(service, into: &deployment)
        }
    }

    private func read(_ service: TerraformResource, into deployment: inout Deployment) {
        let spec = service["spec"].child(0)
        let type = spec.child("type")
        let read = TerraformAnnotationMap(metadata: service["metadata"].child(0))
        let (annotationMap, annotations, unknownAnnotations) = (read.map, read.annotations, read.unknown)
        let typeUnknown = type.isUnknown && !type.isProviderDefault
        guard typeUnknown || ServiceReader.makesLoadBalancer(type: type.knownString, annotations: annotations) else { return }
        let ports = servicePorts(spec)
        let ranges = spec.child("load_balancer_source_ranges")
        let loadBalancerClass = spec.child("load_balancer_class")
        // The type, the class or the whole annotation map not known: which controller makes which load balancer, and
        // which listeners, is not known.
        let typeOrClassUnknown = unknownReason("its type is", type)
            ?? unknownReason("its load_balancer_class is", loadBalancerClass)
        let controllerUnknown = typeOrClassUnknown ?? unknownReason("its annotations are", annotationMap)
        // A port whose number is not known may be any: the allowlist opens every port then.
        let portRanges = ports.contains { $0.number == nil } ? [] : ports.compactMap { $0.number.map { PortRange($0, $0) } }
        let component = service.address
        if let unknown = typeOrClassUnknown ?? rangesUnknown(ranges) ?? unknownReason("its annotations are", annotationMap)
            ?? annotationUnknown(Self.allowlistAnnotations, unknownAnnotations) {
            deployment.allowlists.append(KubernetesAllowlists.unverifiable(
                .loadBalancerSourceRanges, component: component, at: unknown.origin,
                reason: "the Service's load balancer admits what cannot be told before apply: \(unknown.reason)",
                ports: portRanges))
        } else {
            let rangeValues = ranges.items.compactMap { item in item.knownString.map { Located($0, at: item.origin) } }
            let ipv6 = spec.child("ip_families").items.contains { $0.knownString == "IPv6" }
            if let allowlist = ServiceReader.allowlist(
                component: component, ranges: rangeValues, rangesOrigin: ranges.fieldOrigin, annotations: annotations,
                source: deployment.source, ports: portRanges, ipv6: ipv6, worldOrigin: ranges.fieldOrigin,
                loadBalancerClass: loadBalancerClass.knownString) {
                deployment.allowlists.append(allowlist)
            }
        }
        if let controllerUnknown {
            if ports.contains(where: { $0.transport != "UDP" }) {
                var listener = LoadBalancerListener(component: component, origin: controllerUnknown.origin,
                                                    sslPolicyOrigin: controllerUnknown.origin)
                listener.protocolName = Located(.unknown(reason: "whether its listeners terminate TLS, and with which "
                                                         + "policy, cannot be told before apply: \(controllerUnknown.reason)"),
                                                at: controllerUnknown.origin)
                deployment.listeners.append(listener)
            }
            return
        }
        readListeners(component: component, annotations: annotations, unknownAnnotations: unknownAnnotations,
                      ports: ports, loadBalancerClass: loadBalancerClass.knownString, into: &deployment)
    }

    private func readListeners(component: String, annotations: Annotations, unknownAnnotations: [String: TerraformAttribute],
                               ports: [ServiceListeners.ServicePort], loadBalancerClass: String?,
                               into deployment: inout Deployment) {
        var annotations = annotations
        if let certificate = unknownAnnotations[ServiceListeners.certificate] {
            // An ARN known at apply is not empty: the ports it covers terminate TLS.
            annotations = annotations.withOverride(ServiceListeners.certificate,
                                                   Located("(known after apply)", at: certificate.origin))
        }
        guard annotations[ServiceListeners.certificate] != nil,
              loadBalancerClass == nil || ServiceReader.isAWSLoadBalancerController(annotations, loadBalancerClass),
              ports.contains(where: { $0.transport != "UDP" }),
              let setting = Self.listenerAnnotations.first(where: { unknownAnnotations[$0] != nil }),
              let value = unknownAnnotations[setting] else {
            ServiceListeners(annotations: annotations, component: component, ports: ports,
                             loadBalancerClass: loadBalancerClass).read(into: &deployment)
            return
        }
        // One listener stands for the Service's TLS ports: they share the setting that is not known.
        let reason = "the annotation '\(setting)' is not known before apply: \(value.unknownReason)"
        var listener = LoadBalancerListener(component: component, origin: value.fieldOrigin, sslPolicyOrigin: value.fieldOrigin)
        listener.protocolName = Located(.unknown(reason: reason), at: value.fieldOrigin)
        deployment.listeners.append(listener)
    }

    /// Why an attribute is not known before apply (`what` names it with its verb: "its type is"), if it is not.
    private func unknownReason(_ what: String, _ attribute: TerraformAttribute) -> (reason: String, origin: Origin)? {
        guard attribute.isUnknown, !attribute.isProviderDefault else { return nil }
        return ("\(what) not known: \(attribute.unknownReason)", attribute.origin)
    }

    /// Why the source ranges are not known, if they are not.
    private func rangesUnknown(_ ranges: TerraformAttribute) -> (reason: String, origin: Origin)? {
        if let unknown = unknownReason("its load_balancer_source_ranges are", ranges) { return unknown }
        guard let item = ranges.items.first(where: { $0.isUnknown }) else { return nil }
        return ("a source range is not known: \(item.unknownReason)", item.origin)
    }

    /// Why the first of the annotations not known is not, if one is not.
    private func annotationUnknown(_ keys: [String],
                                   _ unknownAnnotations: [String: TerraformAttribute]) -> (reason: String, origin: Origin)? {
        guard let key = keys.first(where: { unknownAnnotations[$0] != nil }), let value = unknownAnnotations[key] else {
            return nil
        }
        return ("the annotation '\(key)' is not known: \(value.unknownReason)", value.origin)
    }

    /// The ports; a port number not known before apply is `nil` (any port), and so is the one port standing for a
    /// list of ports not known (a `dynamic "port"` over a variable).
    private func servicePorts(_ spec: TerraformAttribute) -> [ServiceListeners.ServicePort] {
        let list = spec.child("port")
        if list.isUnknown, !list.isProviderDefault {
            return [ServiceListeners.ServicePort(number: nil, name: "", transport: "TCP", origin: list.fieldOrigin)]
        }
        return list.items.compactMap { port in
            let number = port.child("port")
            let name = port.child("name").knownString ?? ""
            let transport = port.child("protocol").knownString ?? "TCP"
            if number.isUnknown {
                return ServiceListeners.ServicePort(number: nil, name: name, transport: transport, origin: number.fieldOrigin)
            }
            guard let value = number.knownInt, (1...65535).contains(value) else { return nil }
            return ServiceListeners.ServicePort(number: value, name: name, transport: transport, origin: number.origin)
        }
    }
}

extension TerraformKubernetesServiceReader: TerraformReader {
    init(_ reading: TerraformReading) { self.init(input: reading.input) }
}
