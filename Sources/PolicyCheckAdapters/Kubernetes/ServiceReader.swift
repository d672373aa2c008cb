import PolicyCheckModel
import PolicyCheckSyntax

/// Reads a `Service` of type LoadBalancer: its source ranges are an allowlist, and without any it admits everyone.
struct ServiceReader {
    let object: KubernetesObject

    static let sourceRangesAnnotation = "service.beta.kubernetes.io/load-balancer-source-ranges"

    func read(into deployment: inout Deployment) {
        guard let spec = object.spec,
              Self.makesLoadBalancer(type: spec.string("type")?.value, annotations: object.annotations) else { return }
        let ports = listenerPorts(spec)
        let loadBalancerClass = spec.text("loadBalancerClass")
        let worldOrigin = Origin(offset: spec.node["loadBalancerSourceRanges"]?.offset ?? spec.node.offset,
                                 path: spec.path == "spec" ? "spec.loadBalancerSourceRanges" : spec.childPath("loadBalancerSourceRanges"))
        let allowlist = Self.allowlist(component: object.resource, ranges: spec.strings("loadBalancerSourceRanges"),
                                       rangesOrigin: spec.origin(of: "loadBalancerSourceRanges"),
                                       annotations: object.annotations, source: object.reader.source,
                                       ports: ports.compactMap { $0.number.map { PortRange($0, $0) } }, ipv6: isDualStack(spec), worldOrigin: worldOrigin,
                                       loadBalancerClass: loadBalancerClass)
        if let allowlist { deployment.allowlists.append(allowlist) }
        ServiceListeners(annotations: object.annotations, component: object.resource, ports: ports,
                         loadBalancerClass: loadBalancerClass)
            .read(into: &deployment)
    }

    /// The allowlist of a LoadBalancer Service (or of the one an operator creates): its source ranges, else the
    /// source-ranges annotation, else — internet-facing — the whole internet; `nil` for an internal one without ranges.
    static func allowlist(component: String, ranges: [Located<String>], rangesOrigin: Origin, annotations: Annotations,
                          source: SourceFile, ports: [PortRange], ipv6: Bool, worldOrigin: Origin,
                          loadBalancerClass: String? = nil) -> Allowlist? {
        if loadBalancerClass == AutoModeServices.nlbClass {
            return AutoModeServices.allowlist(component: component, ranges: ranges, rangesOrigin: rangesOrigin,
                                              annotations: annotations, source: source, ports: ports,
                                              worldOrigin: worldOrigin)
        }
        let internetFacing = !isInternal(annotations, loadBalancerClass: loadBalancerClass)
        if let groups = namedSecurityGroups(annotations, loadBalancerClass: loadBalancerClass) {
            // One entry that cannot be verified, at the annotation; the source ranges are not credited.
            guard internetFacing else { return nil }
            let reason = "the load balancer admits what the security groups named in '\(securityGroupsAnnotation)' "
                + "admit, which the manifest does not show; the controller applies no source range then"
            return KubernetesAllowlists.unverifiable(.loadBalancerSourceRanges, component: component, at: groups.origin,
                                                     reason: reason, ports: ports)
        }
        var allowlist = Allowlist(kind: .loadBalancerSourceRanges, component: component, origin: rangesOrigin,
                                  internetFacing: internetFacing, hasDescriptionField: false)
        // The spec field wins over the annotation when both are given (as in Kubernetes). Either is read as
        // Kubernetes reads it: trimmed, leading zeros allowed (`SourceRangeText`).
        let shared = KubernetesAllowlists.Ports(ports)
        if !ranges.isEmpty {
            allowlist.entries = ranges.map { KubernetesAllowlists.entry(SourceRangeText.asKubernetesReads($0), ports: shared) }
        } else if let annotation = annotations[sourceRangesAnnotation],
                  case let items = CIDRListText.items(annotation, in: source, paths: annotations.paths),
                  !items.isEmpty {
            allowlist.origin = annotation.origin
            allowlist.entries = items.map { KubernetesAllowlists.entry(SourceRangeText.asKubernetesReads($0), ports: shared) }
        }
        if let prefixLists = prefixLists(annotations, in: source, loadBalancerClass: loadBalancerClass) {
            // The managed group admits the prefix lists beside the source ranges, and no 0.0.0.0/0 default
            // (`buildCIDRsFromSourceRanges`): an internet-facing NLB's lists cannot be verified; an internal one's
            // are not judged. An annotation that lists nothing leaves the group without a rule.
            if internetFacing {
                if allowlist.entries.isEmpty, let first = prefixLists.first { allowlist.origin = first.origin }
                allowlist.entries += KubernetesAllowlists.prefixListEntries(
                    prefixLists, setting: "'\(prefixListsAnnotation)'", ports: shared)
            }
            return allowlist.entries.isEmpty ? nil : allowlist
        }
        if internetFacing, let extra = extraSecurityGroups(annotations, loadBalancerClass: loadBalancerClass) {
            if allowlist.entries.isEmpty {
                // Without source ranges its own group admits everyone: those entries stay, beside the extra groups'.
                allowlist.entries = KubernetesAllowlists.worldOpen(at: worldOrigin, ipv6: ipv6, ports: ports)
            }
            allowlist.entries.append(KubernetesAllowlists.unknownEntry(
                at: extra.origin, reason: "the load balancer also admits what the security groups named in '\(extraSecurityGroupsAnnotation)' admit, which the manifest does not show",
                ports: shared))
            return allowlist
        }
        if allowlist.entries.isEmpty {
            guard internetFacing else { return nil }
            // No source ranges: the load balancer admits the whole internet. A scheme annotation the in-tree
            // controller ignores is where that comes from: the entries go there.
            let ignoredScheme = ignoredSchemeAnnotation(annotations, loadBalancerClass: loadBalancerClass)
            let ipv6 = isAWSLoadBalancerController(annotations, loadBalancerClass)
                ? annotations[ipAddressTypeAnnotation]?.value == "dualstack" : ipv6
            allowlist.entries = KubernetesAllowlists.worldOpen(at: ignoredScheme?.origin ?? worldOrigin, ipv6: ipv6,
                                                               ports: ports)
        }
        return allowlist
    }

    static let securityGroupsAnnotation = "service.beta.kubernetes.io/aws-load-balancer-security-groups"
    /// The AWS Load Balancer Controller's NLB address type: exactly `dualstack` makes its default source ranges
    /// "`0.0.0.0/0` and `::/0`", anything else (`ipv4`, the default) `0.0.0.0/0` alone
    /// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/#lb-source-ranges;
    /// `buildCIDRsFromSourceRanges` compares the type with `IPAddressTypeDualStack`). The Service's `ipFamilies` do
    /// not decide it there.
    static let ipAddressTypeAnnotation = "service.beta.kubernetes.io/aws-load-balancer-ip-address-type"
    static let prefixListsAnnotation = "service.beta.kubernetes.io/aws-load-balancer-security-group-prefix-lists"

    /// The managed prefix lists the AWS Load Balancer Controller's group admits
    /// (`service.beta.kubernetes.io/aws-load-balancer-security-group-prefix-lists`, items trimmed, blank ones
    /// dropped), `nil` when the annotation is absent or the controller does not reconcile the Service. "If you only
    /// use this annotation without `load-balancer-source-ranges`, the controller managed security group would ignore
    /// the `load-balancer-source-ranges` default settings"
    /// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/#lb-security-group-prefix-lists):
    /// its `buildCIDRsFromSourceRanges` adds no 0.0.0.0/0 once the annotation is present, even empty.
    static func prefixLists(_ annotations: Annotations, in source: SourceFile,
                            loadBalancerClass: String?) -> [Located<String>]? {
        guard isAWSLoadBalancerController(annotations, loadBalancerClass),
              let value = annotations[prefixListsAnnotation] else { return nil }
        return CIDRListText.items(value, in: source, paths: annotations.paths).filter { !$0.value.isEmpty }
    }

    /// Whether a load balancer is made for the Service: `type: LoadBalancer`, or a `NodePort` or `ClusterIP` one (the
    /// default type) that the AWS Load Balancer Controller is told to take by `aws-load-balancer-type: external` (or
    /// `nlb-ip`) — its `IsServiceSupported` looks at the type only behind the `ServiceTypeLoadBalancerOnly` feature
    /// gate, off by default, and its NLB guide lists NodePort Services among those it supports
    /// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/nlb/).
    static func makesLoadBalancer(type: String?, annotations: Annotations) -> Bool {
        let type = type ?? "ClusterIP"
        if type == "LoadBalancer" { return true }
        guard type == "NodePort" || type == "ClusterIP" else { return false }
        return isAWSLoadBalancerController(annotations, nil)
    }

    /// The security groups an AWS controller is told to attach instead of its own, when it reconciles the Service.
    ///
    /// Both AWS controllers then build no group from the source ranges: the in-tree one creates its
    /// `k8s-elb-…` group (where it opens `loadBalancerSourceRanges`) only "if no Security Groups have been specified
    /// with the ServiceAnnotationLoadBalancerSecurityGroups annotation", which "replaces all other security groups"
    /// (cloud-provider-aws `buildELBSecurityGroupList`, items trimmed, empty ones dropped); the AWS Load Balancer
    /// Controller's `load-balancer-source-ranges` "will be ignored if
    /// `service.beta.kubernetes.io/aws-load-balancer-security-groups` is specified", its own group being created only
    /// "when this annotation is not present"
    /// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/#security-groups).
    /// A Service another implementation reconciles (a GKE or other class) does not read it.
    ///
    /// The in-tree controller's Network Load Balancer (`aws-load-balancer-type: nlb`) takes none: "these annotations
    /// are valid only for Classic Load Balancers" (cloud-provider-aws `docs/nlb_security_groups.md`) unless the
    /// cluster's cloud configuration opts in (`NLBSecurityGroupMode = Managed`), which no manifest shows — its
    /// source ranges open the nodes' group as they do without the annotation, so they are judged (before, naming a
    /// group turned a world-open NLB into an info).
    static func namedSecurityGroups(_ annotations: Annotations, loadBalancerClass: String?) -> Located<String>? {
        guard loadBalancerClass == nil || isAWSLoadBalancerController(annotations, loadBalancerClass),
              isAWSLoadBalancerController(annotations, loadBalancerClass) || !isInTreeNLB(annotations),
              let groups = annotations[securityGroupsAnnotation],
              !ServiceListeners.items(groups.value).isEmpty
        else { return nil }
        return groups
    }

    /// Whether the in-tree controller makes a Network Load Balancer: it compares the type annotation with `nlb`
    /// exactly (cloud-provider-aws `isNLB`).
    static func isInTreeNLB(_ annotations: Annotations) -> Bool {
        annotations["service.beta.kubernetes.io/aws-load-balancer-type"]?.value == "nlb"
    }

    static let extraSecurityGroupsAnnotation = "service.beta.kubernetes.io/aws-load-balancer-extra-security-groups"

    /// The extra security groups the in-tree controller attaches to a Classic Load Balancer beside its own
    /// (`aws-load-balancer-extra-security-groups`: "additional security groups to be added to ELB", cloud-provider-aws
    /// `docs/service_controller.md`; `buildELBSecurityGroupList` appends them to the group it opens to the source
    /// ranges): the load balancer also admits what they admit, which the manifest does not show. `nil` when the
    /// annotation lists nothing, or another controller, or its NLB, takes the Service.
    static func extraSecurityGroups(_ annotations: Annotations, loadBalancerClass: String?) -> Located<String>? {
        guard loadBalancerClass == nil, !isAWSLoadBalancerController(annotations, loadBalancerClass),
              !isInTreeNLB(annotations), let groups = annotations[extraSecurityGroupsAnnotation],
              !ServiceListeners.items(groups.value).isEmpty
        else { return nil }
        return groups
    }

    /// GKE's load-balancer classes, by whether the load balancer they make is internal (ingress-gce's
    /// `RegionalInternalLoadBalancerClass` and the others; the `-legacy` ones select the GKE cloud controller's).
    static let gkeClasses: [String: Bool] = [
        "networking.gke.io/l4-regional-internal": true, "networking.gke.io/l4-regional-internal-legacy": true,
        "networking.gke.io/l4-regional-external": false, "networking.gke.io/l4-regional-external-legacy": false,
    ]

    /// Whether the load balancer is internal: a GKE class or an annotation says so (AWS, Azure, GKE), as the
    /// controller that reconciles the Service reads it — and only that controller's annotations count.
    static func isInternal(_ annotations: Annotations, loadBalancerClass: String? = nil) -> Bool {
        // A GKE class decides before any annotation, as GKE's controllers read it ("LoadBalancerClass ... has
        // precedence", cloud-provider-gcp `GetLoadBalancerAnnotationType`): `l4-regional-internal` is an internal
        // passthrough Network Load Balancer (https://cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters).
        if let loadBalancerClass, let makesInternal = gkeClasses[loadBalancerClass] { return makesInternal }
        if isAWSLoadBalancerController(annotations, loadBalancerClass) { return awsLoadBalancerControllerMakesInternal(annotations) }
        // Any other class is some other implementation's: "Any default load balancer implementation (e.g. cloud
        // providers) should ignore Services that set this field" (ServiceSpec.loadBalancerClass), so no cloud's
        // internal annotation applies, and an implementation whose default is not documented as internal is taken
        // as internet-facing.
        guard loadBalancerClass == nil else { return false }
        // A Service that AWS's annotations address (`aws-load-balancer-type: nlb`, …) is meant for the AWS cloud
        // provider, which reads none of Azure's or GKE's: their internal annotations beside AWS's hide nothing.
        let addressesAWS = annotations.keys.contains { $0.hasPrefix("service.beta.kubernetes.io/aws-load-balancer-") }
        // Azure makes an internal load balancer only for exactly "true" (cloud-provider-azure
        // `requiresInternalLoadBalancer`: `l == consts.TrueAnnotationValue`); "TRUE" is a public one.
        if !addressesAWS, annotations["service.beta.kubernetes.io/azure-load-balancer-internal"]?.value == "true" { return true }
        // GKE's controller reads the first of its type annotations present, the deprecated one still, and takes
        // `Internal` or `internal` and no other spelling (cloud-provider-gcp `GetLoadBalancerAnnotationType`).
        let gkeType = annotations.first("networking.gke.io/load-balancer-type", "cloud.google.com/load-balancer-type")?.value
        if !addressesAWS, gkeType == "Internal" || gkeType == "internal" { return true }
        // Any other Service of type LoadBalancer is reconciled by the in-tree cloud provider's controller by default
        // (the AWS Load Balancer Controller's NLB guide, "Configuration"), which reads only `aws-load-balancer-internal`: any value but
        // exactly `false` (or empty) makes an internal load balancer — `False` too: cloud-provider-aws `EnsureLoadBalancer`
        // compares `internalAnnotation == "false"`, then `!= ""`; older AWS docs used "0.0.0.0/0" as the value —, and
        // its load balancers are internet-facing otherwise — the scheme annotation
        // is not one of its annotations (cloud-provider-aws `docs/service_controller.md`). The AWS Load Balancer
        // Controller's v2.5+ webhook puts `loadBalancerClass` on Services when they are created, where it is
        // installed with it, but a manifest that relies on that is not judged by it: only the class or the
        // `aws-load-balancer-type` annotation written in the manifest say which controller decides.
        if let legacyFlag = annotations[Self.internalAnnotation]?.value, !legacyFlag.isEmpty,
           legacyFlag != "false" { return true }
        return false
    }

    /// Whether the AWS Load Balancer Controller makes the Service's NLB internal, reading its own annotations only:
    /// it runs on AWS, where Azure's and GKE's annotations mean nothing, so they cannot hide an internet-facing NLB.
    ///
    /// Since v2.2.0 the controller provisions an internal NLB unless the scheme annotation asks for an
    /// internet-facing one ("Secure by default",
    /// https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/nlb/). The scheme
    /// annotation decides; the deprecated internal flag only without it ("in case of ties, the
    /// aws-load-balancer-scheme gets precedence", the annotations reference,
    /// https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/), read as a
    /// Go boolean (`true`, `1`, `t`: internal; `false`, `0`, `f`: internet-facing).
    ///
    /// Both are compared as the controller compares them (`buildLoadBalancerSchemeViaAnnotation`): the scheme exactly
    /// `internal` or `internet-facing`, the flag by `strconv.ParseBool`. Any other value is an error there and the
    /// Service is not reconciled, so it is not credited as internal: `Internal` or `yes` hides nothing.
    static func awsLoadBalancerControllerMakesInternal(_ annotations: Annotations) -> Bool {
        if let scheme = annotations[Self.schemeAnnotation]?.value { return scheme == "internal" }
        if let legacyFlag = annotations[Self.internalAnnotation]?.value { return Self.goTrue.contains(legacyFlag) }
        return true
    }

    static let internalAnnotation = "service.beta.kubernetes.io/aws-load-balancer-internal"
    static let schemeAnnotation = "service.beta.kubernetes.io/aws-load-balancer-scheme"
    /// What Go's `strconv.ParseBool` reads as true, as the AWS Load Balancer Controller parses the internal flag.
    static let goTrue: Set<String> = ["1", "t", "T", "true", "TRUE", "True"]

    /// The scheme annotation of a Service the in-tree controller reconciles, which that controller ignores: an
    /// `internal` there does not make the load balancer internal.
    static func ignoredSchemeAnnotation(_ annotations: Annotations, loadBalancerClass: String?) -> Located<String>? {
        guard loadBalancerClass == nil, !isAWSLoadBalancerController(annotations, nil),
              let scheme = annotations[schemeAnnotation], scheme.value.lowercased() == "internal" else { return nil }
        return scheme
    }

    /// Whether the AWS Load Balancer Controller reconciles the Service: `spec.loadBalancerClass:
    /// service.k8s.aws/nlb`, or the `aws-load-balancer-type` annotation `external` (or the older `nlb-ip`).
    static func isAWSLoadBalancerController(_ annotations: Annotations, _ loadBalancerClass: String?) -> Bool {
        if loadBalancerClass == "service.k8s.aws/nlb" { return true }
        // A Service of another class is that implementation's: the controller's `IsServiceSupported` takes a Service
        // with a class only when the class is its own, whatever the type annotation says.
        guard loadBalancerClass == nil else { return false }
        // Compared as written: both controllers compare the value exactly, and for `External` the in-tree controller
        // makes an internet-facing Classic Load Balancer.
        let type = annotations["service.beta.kubernetes.io/aws-load-balancer-type"]?.value
        return type == "external" || type == "nlb-ip"
    }

    /// The ports the load balancer listens on (`spec.ports[].port`), with their names and protocols.
    private func listenerPorts(_ spec: ObjectView) -> [ServiceListeners.ServicePort] {
        var ports: [ServiceListeners.ServicePort] = []
        for (node, path) in spec.list("ports") ?? [] {
            guard let port = spec.reader.object(node, path: path),
                  let number = port.int("port", range: 1...65535) else { continue }
            ports.append(ServiceListeners.ServicePort(number: number.value, name: port.text("name") ?? "",
                                                      transport: port.text("protocol") ?? "TCP", origin: number.origin))
        }
        return ports
    }

    private func isDualStack(_ spec: ObjectView) -> Bool {
        spec.strings("ipFamilies").contains { $0.value == "IPv6" }
    }
}
