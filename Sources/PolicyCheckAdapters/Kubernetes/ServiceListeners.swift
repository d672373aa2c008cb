import PolicyCheckModel
import PolicyCheckSyntax

/// The listeners an AWS controller gives the load balancer of a `Service` of type LoadBalancer, in the model the
/// CloudFormation and Terraform listeners use, so `encryption.tls-listener` judges them: which ports terminate TLS
/// and with which security policy, and which serve plain HTTP.
///
/// Only listeners that say something are made: a port that stays TCP passes traffic through (the targets' business,
/// as a CloudFormation TCP listener), so a Service without AWS's TLS or protocol annotations has none.
///
/// - **AWS Load Balancer Controller** (`aws-load-balancer-type: external`/`nlb-ip`, or class `service.k8s.aws/nlb`),
///   a Network Load Balancer: with certificates in `aws-load-balancer-ssl-cert` (a comma-separated list, items
///   trimmed), every port but UDP is a TLS listener — or only the ports `aws-load-balancer-ssl-ports` names by name
///   or number — with the policy of `aws-load-balancer-ssl-negotiation-policy`, whose default is
///   ELBSecurityPolicy-2016-08 (the controller's `--default-ssl-policy`; the annotations reference,
///   https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/, and its
///   `buildListenerSpec`).
/// - **The in-tree cloud provider** (no class), `aws-load-balancer-type: nlb`, a Network Load Balancer: the same,
///   except that `ssl-ports` is read untrimmed, `*` meaning every port, and a port name is compared as written
///   (cloud-provider-aws `EnsureLoadBalancer`, `getPortSets`); an unset policy leaves AWS's default.
/// - **The in-tree cloud provider**, otherwise a Classic Load Balancer (cloud-provider-aws `buildListener`): a port
///   with the certificate is `SSL`, or `HTTPS` when `aws-load-balancer-backend-protocol` is `http` or `https`
///   (`ssl` and `tcp` keep `SSL`; any other value is refused); a port without it is `HTTP` when the backend protocol
///   is `http`, else TCP. `aws-load-balancer-ssl-negotiation-policy` is set on every SSL and HTTPS port; without it
///   "Elastic Load Balancing associates the default predefined security policy, ELBSecurityPolicy-2016-08"
///   (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-config-update.html).
///
/// A Service of another class (GKE's, a third party's) is not AWS's: it gets no listeners.
struct ServiceListeners {
    let annotations: Annotations
    let component: String
    let ports: [ServicePort]
    let loadBalancerClass: String?

    /// One port of the Service, as the controllers read it.
    struct ServicePort {
        /// `nil`: not known before apply (a Terraform variable); it is TLS whenever `ssl-ports` does not decide by
        /// number, and cannot be verified when it does.
        let number: Int?
        let name: String
        /// `TCP`, `UDP` or `SCTP` (`TCP` when unset, as the API server defaults it).
        let transport: String
        let origin: Origin
    }

    static let certificate = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert"
    static let sslPorts = "service.beta.kubernetes.io/aws-load-balancer-ssl-ports"
    static let negotiationPolicy = "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy"
    static let backendProtocol = "service.beta.kubernetes.io/aws-load-balancer-backend-protocol"
    static let type = "service.beta.kubernetes.io/aws-load-balancer-type"
    static let tcpUDPListener = "service.beta.kubernetes.io/aws-load-balancer-enable-tcp-udp-listener"

    /// The classic controller's listener protocol for a port with a certificate, by backend protocol.
    static let classicTLSProtocols: [String: String] = ["https": "HTTPS", "http": "HTTPS", "ssl": "SSL", "tcp": "SSL"]

    func read(into deployment: inout Deployment) {
        // The Service's listeners are gathered apart, so the ones repeating a place are found among them alone.
        var listeners: [LoadBalancerListener] = []
        if ServiceReader.isAWSLoadBalancerController(annotations, loadBalancerClass) {
            readControllerNLB(into: &listeners)
        } else if loadBalancerClass == nil, annotations[Self.type]?.value == "nlb" {
            readInTreeNLB(into: &listeners)
        } else if loadBalancerClass == nil {
            readClassic(into: &listeners)
        }
        deployment.listeners += listeners
    }

    /// The AWS Load Balancer Controller's NLB. With `enable-tcp-udp-listener`, a port given for both TCP and UDP is
    /// one `TCP_UDP` listener, never TLS (its `buildListenerSpec`).
    private func readControllerNLB(into listeners: inout [LoadBalancerListener]) {
        guard let certificate = annotations[Self.certificate], !Self.items(certificate.value).isEmpty else { return }
        let named = Set(annotations[Self.sslPorts].map { Self.items($0.value) } ?? [])
        let policy = annotations[Self.negotiationPolicy]
        let tcpUDP = annotations[Self.tcpUDPListener].map { ServiceReader.goTrue.contains($0.value) } == true
            ? Set(ports.filter { $0.transport == "UDP" }.compactMap(\.number)) : []
        for port in ports where port.transport != "UDP" && !(port.number.map(tcpUDP.contains) ?? false) {
            if !named.isEmpty, !named.contains(port.name) {
                guard let number = port.number else {
                    listeners.append(unknownNumber(port, certificate: certificate))
                    continue
                }
                guard named.contains(String(number)) else { continue }
            }
            append(tls: "TLS", port: port, certificate: certificate, policy: policy, into: &listeners)
        }
    }

    /// The in-tree cloud provider's NLB.
    private func readInTreeNLB(into listeners: inout [LoadBalancerListener]) {
        guard let certificate = annotations[Self.certificate], !certificate.value.isEmpty else { return }
        let policy = annotations[Self.negotiationPolicy].flatMap { $0.value.isEmpty ? nil : $0 }
        for port in ports where port.transport != "UDP" {
            switch inTreeSSLPort(port, caseFolding: false) {
            case true?: append(tls: "TLS", port: port, certificate: certificate, policy: policy, into: &listeners)
            case nil: listeners.append(unknownNumber(port, certificate: certificate))
            case false?: continue
            }
        }
    }

    /// The in-tree cloud provider's Classic Load Balancer.
    private func readClassic(into listeners: inout [LoadBalancerListener]) {
        let certificate = annotations[Self.certificate].flatMap { $0.value.isEmpty ? nil : $0 }
        let backend = annotations[Self.backendProtocol]
        let policy = annotations[Self.negotiationPolicy].flatMap { $0.value.isEmpty ? nil : $0 }
        for port in ports where port.transport == "TCP" {
            let covered = certificate == nil ? false : inTreeSSLPort(port, caseFolding: true)
            if let certificate, covered == nil {
                listeners.append(unknownNumber(port, certificate: certificate))
            } else if let certificate, covered == true {
                guard let backend, !backend.value.isEmpty else {
                    append(tls: "SSL", port: port, certificate: certificate, policy: policy, classic: true, into: &listeners)
                    continue
                }
                guard let name = Self.classicTLSProtocols[backend.value] else {
                    var listener = classicListener(port)
                    let reason = "the in-tree controller refuses backend protocol '\(Excerpt.quote(backend.value))' "
                        + "beside a certificate (it takes https, http, ssl or tcp), so it makes no load balancer"
                    listener.protocolName = Located(.unknown(reason: reason), at: backend.origin)
                    listeners.append(listener)
                    continue
                }
                append(tls: name, port: port, certificate: certificate, policy: policy, classic: true, into: &listeners)
            } else if let backend, backend.value == "http" {
                // One plain HTTP listener stands for every port the backend protocol makes HTTP: same place, same finding.
                guard !listeners.contains(where: {
                    $0.component == component && $0.protocolName?.origin.offset == backend.origin.offset
                }) else { continue }
                var listener = classicListener(port)
                listener.protocolName = Located(.known("HTTP"), at: backend.origin)
                listeners.append(listener)
            }
        }
    }

    /// Whether the in-tree controller puts the certificate on the port: every port without `ssl-ports` (or with
    /// `*`), else the ports it names — items untrimmed, numbers as Go's `strconv.Atoi` reads them, names compared
    /// with the port's (lowercased by the classic controller, as written by the NLB one).
    /// `nil` when it depends on a port number not known before apply.
    private func inTreeSSLPort(_ port: ServicePort, caseFolding: Bool) -> Bool? {
        guard let value = annotations[Self.sslPorts]?.value, !value.isEmpty, value != "*" else { return true }
        let name = caseFolding ? port.name.lowercased() : port.name
        let items = value.split(separator: ",", omittingEmptySubsequences: false)
        if items.contains(where: { Self.goAtoi($0) == nil && String($0) == name }) { return true }
        guard let portNumber = port.number else { return items.contains { Self.goAtoi($0) != nil } ? nil : false }
        // `getPortSets` keeps the number as an int32: a larger one wraps (4295033539 names 443).
        return items.contains { item in
            Self.goAtoi(item).map { Int32(truncatingIfNeeded: $0) == Int32(truncatingIfNeeded: portNumber) } ?? false
        }
    }

    /// A listener whose protocol cannot be verified: whether `ssl-ports` names its port depends on a number not known
    /// before apply.
    private func unknownNumber(_ port: ServicePort, certificate: Located<String>) -> LoadBalancerListener {
        var listener = LoadBalancerListener(component: component, origin: port.origin,
                                            sslPolicyOrigin: policyPath(at: certificate.origin.offset))
        let reason = "whether '\(Self.sslPorts)' names the port, and so whether it terminates TLS, depends on its "
            + "number, which is not known before apply"
        listener.protocolName = Located(.unknown(reason: reason), at: port.origin)
        return listener
    }

    /// One listener per protocol and policy: the ports a certificate covers share its policy (the annotation is the
    /// Service's), so a second TLS port would only repeat the first one's finding at the same place.
    private func append(tls protocolName: String, port: ServicePort, certificate: Located<String>,
                        policy: Located<String>?, classic: Bool = false, into listeners: inout [LoadBalancerListener]) {
        guard !listeners.contains(where: { listener in
            listener.component == component && listener.protocolName?.value.known == protocolName
                && listener.protocolName?.origin.offset == certificate.origin.offset
        }) else { return }
        var listener = classicListener(port)
        listener.offersRedirects = !classic
        listener.sslPolicyOrigin = policyPath(at: certificate.origin.offset)
        listener.protocolName = Located(.known(protocolName), at: certificate.origin)
        if let policy { listener.sslPolicy = Located(.known(policy.value), at: policy.origin) }
        listeners.append(listener)
    }

    private func classicListener(_ port: ServicePort) -> LoadBalancerListener {
        var listener = LoadBalancerListener(component: component, origin: port.origin,
                                            sslPolicyOrigin: policyPath(at: port.origin.offset))
        listener.offersRedirects = false
        return listener
    }

    private func policyPath(at offset: Int) -> Origin {
        Origin(offset: offset, path: Annotations.path(annotations.path, Self.negotiationPolicy))
    }

    /// A comma-separated annotation list as the AWS Load Balancer Controller splits a stringList (and cloud-provider-aws
    /// its security groups): items trimmed, empty ones dropped.
    static func items(_ text: String) -> [String] {
        text.split(separator: ",").map { SourceRangeText.trimmingSpace(String($0)) }.filter { !$0.isEmpty }
    }

    /// Go's `strconv.Atoi`: an optional sign and decimal digits, nothing else.
    static func goAtoi(_ text: Substring) -> Int? {
        var digits = text
        if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}
