import PolicyCheckModel
import PolicyCheckSyntax

/// The allowlists ingress annotations declare: ingress-nginx's source-range annotations and the AWS Load Balancer
/// Controller's `inbound-cidrs`. Shared by `Ingress` objects and the Mattermost operator's ingress settings.
struct IngressAllowlists {
    let annotations: Annotations
    let source: SourceFile
    let component: String
    /// The `inboundCIDRs` of the Ingress's `IngressClassParams`, which replace the `inbound-cidrs` annotation, and
    /// where they are (`IngressClasses`).
    var classInboundCIDRs: (items: [Located<String>], origin: Origin)?
    /// Why what the ALB admits cannot be told: the Ingress's `IngressClassParams` cannot be read (at its class's
    /// `spec.parameters`: they may set the scheme and the CIDRs), or an annotation that decides it is not known (a
    /// Terraform value known only at apply). The allowlist cannot be verified.
    var unknownSettings: Located<String>?
    /// Whether `listen-ports` is not known (a Terraform value known only at apply): the allowlist opens every port.
    var listenPortsUnknown = false
    /// The prefix lists of the Ingress's `IngressClassParams`, which replace the `security-group-prefix-lists`
    /// annotation, and the parameters' name.
    var classPrefixLists: (items: [Located<String>], name: String)?
    /// The `ipAddressType` of the Ingress's `IngressClassParams`, which replaces the `ip-address-type` annotation.
    var classIPAddressType: String?
    /// Why the ALB's scheme is not known (EKS Auto Mode's undocumented default), where the class is: without CIDRs
    /// its allowlist cannot be verified, and CIDRs are judged as an internet-facing ALB's.
    var unknownScheme: Located<String>?
    /// The Ingress's IngressGroup and the Ingress's name in it: the ports other members give `inbound-cidrs` or
    /// prefix lists (`IngressGroupSettings.Joined.covers`) are judged on them; an ALB the group makes internet-facing
    /// is open to every address only on the others.
    var groupCoverage: (group: IngressGroupSettings.Joined, member: String)?
    /// Whether another member of the group asks for a dual-stack ALB.
    var groupDualStack = false

    /// ingress-nginx reads `allowlist-source-range`, falling back to the deprecated `whitelist-source-range`.
    static let nginxKeys = [
        "nginx.ingress.kubernetes.io/allowlist-source-range", "nginx.ingress.kubernetes.io/whitelist-source-range",
    ]
    static let inboundCIDRs = "alb.ingress.kubernetes.io/inbound-cidrs"
    static let scheme = "alb.ingress.kubernetes.io/scheme"
    static let certificateARN = "alb.ingress.kubernetes.io/certificate-arn"

    /// Whether `certificate-arn` names a certificate: the controller splits the list and drops empty items, and
    /// only a certificate it names makes the default listener HTTPS (`preferTLS := len(explicitTLSCertARNs) != 0`,
    /// `computeIngressListenPorts`); `''` is none.
    static func namesCertificate(_ annotations: Annotations) -> Bool {
        annotations[certificateARN].map { !ServiceListeners.items($0.value).isEmpty } ?? false
    }
    static let securityGroups = "alb.ingress.kubernetes.io/security-groups"
    static let prefixLists = "alb.ingress.kubernetes.io/security-group-prefix-lists"
    static let ipAddressType = "alb.ingress.kubernetes.io/ip-address-type"

    /// The ingress-nginx allowlist, if annotated. nginx sits behind a public load balancer: internet-facing. An
    /// annotation whose value is not known (`unknown`: why, at the value) makes one entry that cannot be verified.
    func nginx(unknown: [String: Located<String>] = [:]) -> Allowlist? {
        for key in Self.nginxKeys {
            if let value = annotations[key] {
                var allowlist = Allowlist(kind: .ingressAnnotation, component: component, origin: value.origin,
                                          internetFacing: true, hasDescriptionField: false)
                allowlist.entries = KubernetesAllowlists.entries(value, in: source, ports: [], paths: annotations.paths)
                return allowlist
            }
            if let value = unknown[key] {
                return KubernetesAllowlists.unverifiable(.ingressAnnotation, component: component, at: value.origin,
                                                         reason: "'\(key)' is not known: \(value.value)", ports: [])
            }
        }
        return nil
    }

    /// Whether the annotations ask for an internet-facing ALB (`alb.ingress.kubernetes.io/scheme`).
    var albSchemeInternetFacing: Located<Bool>? {
        annotations[Self.scheme].map { Located($0.value == "internet-facing", at: $0.origin) }
    }

    /// The ALB allowlist: `inbound-cidrs` when given; for an internet-facing ALB without it, every address (the
    /// controller's default). `internetFacing` locates what makes the ALB public; `certificate` says whether it
    /// terminates TLS (then it listens on 443 by default, else 80).
    func alb(internetFacing: Located<Bool>?, certificate: Bool, into deployment: inout Deployment) -> Allowlist? {
        let isPublic = internetFacing?.value ?? (unknownScheme != nil)
        let ports = listenPorts(certificate: certificate || Self.namesCertificate(annotations))
        if let certificates = annotations[Self.certificateARN] {
            KubernetesAllowlists.arnRegions(certificates, in: source, component: component,
                                            role: "region in the ALB certificate ARN", into: &deployment)
        }
        // The controller's group opens `::/0` by default only when the ALB takes IPv6 (`isIPv6Supported`:
        // `dualstack` or `dualstack-without-public-ipv4`); the class's `ipAddressType` wins over the annotation.
        let addressType = classIPAddressType ?? annotations[Self.ipAddressType]?.value
        let dualStack = addressType == "dualstack" || addressType == "dualstack-without-public-ipv4" || groupDualStack
        // A list of nothing (`''`, `','`) names no group: the controller drops empty items and builds its own.
        if let groups = annotations[Self.securityGroups], !ServiceListeners.items(groups.value).isEmpty {
            // Parameters that cannot be read may make it internet-facing.
            return namedSecurityGroups(groups, isPublic: isPublic || unknownSettings != nil, ports: ports)
        }
        if let unknown = unknownSettings {
            return KubernetesAllowlists.unverifiable(.ingressAnnotation, component: component, at: unknown.origin,
                                                     reason: unknown.value, ports: ports)
        }
        let cidrs = inboundCIDRAllowlist(isPublic: isPublic, ports: ports)
        if let prefixLists = prefixLists() {
            // The managed group admits the prefix lists beside any CIDRs, and no 0.0.0.0/0 default
            // (`mergeListenPortConfigs` adds it only when there are neither). An internal ALB's lists are not judged.
            guard isPublic else { return cidrs }
            var allowlist = cidrs ?? Allowlist(kind: .ingressAnnotation, component: component,
                                               origin: prefixLists.ids[0].origin, internetFacing: true,
                                               hasDescriptionField: false)
            allowlist.entries += KubernetesAllowlists.prefixListEntries(prefixLists.ids, setting: prefixLists.setting,
                                                                        ports: KubernetesAllowlists.Ports(ports))
            return allowlist
        }
        if let cidrs { return cidrs }
        if internetFacing == nil, let unknownScheme {
            return KubernetesAllowlists.unverifiable(.ingressAnnotation, component: component, at: unknownScheme.origin,
                                                     reason: unknownScheme.value, ports: ports)
        }
        guard let internetFacing, internetFacing.value else { return nil }
        var origin = internetFacing.origin
        origin.path = Annotations.path(annotations.path, Self.inboundCIDRs)
        // A port another member of the Ingress's group gives CIDRs is judged on that member.
        let open = groupCoverage.map { coverage in
            ports.filter { port in port.lower != port.upper || !coverage.group.covers(port.lower, besides: coverage.member) }
        } ?? ports
        guard !open.isEmpty || ports.isEmpty else { return nil }
        var allowlist = Allowlist(kind: .ingressAnnotation, component: component, origin: origin,
                                  internetFacing: true, hasDescriptionField: false)
        allowlist.entries = KubernetesAllowlists.worldOpen(at: origin, ipv6: dualStack, ports: open)
        return allowlist
    }

    /// The CIDRs the controller's group admits: the class's `inboundCIDRs`, else `inbound-cidrs`; `nil` without any.
    private func inboundCIDRAllowlist(isPublic: Bool, ports: [PortRange]) -> Allowlist? {
        if let classCIDRs = classInboundCIDRs {
            var allowlist = Allowlist(kind: .ingressAnnotation, component: component, origin: classCIDRs.origin,
                                      internetFacing: isPublic, hasDescriptionField: false)
            let shared = KubernetesAllowlists.Ports(ports)
            allowlist.entries = classCIDRs.items.map { KubernetesAllowlists.entry($0, ports: shared) }
            return allowlist
        }
        if let value = annotations[Self.inboundCIDRs] {
            var allowlist = Allowlist(kind: .ingressAnnotation, component: component, origin: value.origin,
                                      internetFacing: isPublic, hasDescriptionField: false)
            allowlist.entries = KubernetesAllowlists.entries(value, in: source, ports: ports, paths: annotations.paths)
            if !allowlist.entries.isEmpty { return allowlist }
        }
        return nil
    }

    /// The managed prefix lists the controller's group admits: the class's `prefixListsIDs` (or `PrefixListsIDs`),
    /// else `security-group-prefix-lists` (items trimmed, blank ones dropped, as the controller splits it); `nil`
    /// without any. "If you only use this annotation without `inbound-cidrs`, the controller managed security group
    /// would ignore the `inbound-cidrs` default settings"
    /// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#security-group-prefix-lists).
    private func prefixLists() -> (ids: [Located<String>], setting: String)? {
        if let classPrefixLists {
            return (classPrefixLists.items, "the IngressClassParams '\(classPrefixLists.name)'")
        }
        guard let value = annotations[Self.prefixLists] else { return nil }
        let ids = CIDRListText.items(value, in: source, paths: annotations.paths)
            .filter { !SourceRangeText.trimmingSpace($0.value).isEmpty }
        return ids.isEmpty ? nil : (ids, "'\(Self.prefixLists)'")
    }

    /// The allowlist of an ALB given its security groups by name: it cannot be verified from the manifest.
    ///
    /// "When this annotation is not present, the controller will automatically create one security group ... and
    /// allow access from inbound-cidrs to the listen-ports. ... If you specify this annotation, you need to
    /// configure the security groups" (the controller's Ingress annotations, `security-groups`,
    /// https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#security-groups):
    /// with it, `inbound-cidrs` builds nothing and the ALB admits whatever the named groups admit, which live
    /// outside the manifest. An internet-facing ALB so configured is one unknown entry at the annotation
    /// (cannot verify), never credited with `inbound-cidrs`; an internal one has no allowlist here.
    private func namedSecurityGroups(_ groups: Located<String>, isPublic: Bool, ports: [PortRange]) -> Allowlist? {
        guard isPublic else { return nil }
        let reason = "the ALB admits what the security groups named in '\(Self.securityGroups)' admit, which the manifest "
            + "does not show; the controller builds no group from '\(Self.inboundCIDRs)' then"
        return KubernetesAllowlists.unverifiable(.ingressAnnotation, component: component, at: groups.origin, reason: reason,
                                                 ports: ports)
    }

    /// `alb.ingress.kubernetes.io/listen-ports` (`[{"HTTP": 80}, {"HTTPS": 443}]`): the port numbers in it; by
    /// default 443 with a certificate, else 80.
    func listenPorts(certificate: Bool) -> [PortRange] {
        if listenPortsUnknown { return [] }
        return Self.listenPorts(annotations["alb.ingress.kubernetes.io/listen-ports"]?.value, certificate: certificate)
    }

    /// The ports a `listen-ports` annotation's text names; without any, 443 with a certificate, else 80.
    static func listenPorts(_ text: String?, certificate: Bool) -> [PortRange] {
        if let text {
            var ports: [PortRange] = []
            var digits = ""
            for character in text + " " {
                if character.isASCII, character.isNumber {
                    digits.append(character)
                } else if !digits.isEmpty {
                    if let port = Int(digits), (1...65535).contains(port) { ports.append(PortRange(port, port)) }
                    digits = ""
                }
            }
            if !ports.isEmpty { return ports }
        }
        return [certificate ? PortRange(443, 443) : PortRange(80, 80)]
    }
}
