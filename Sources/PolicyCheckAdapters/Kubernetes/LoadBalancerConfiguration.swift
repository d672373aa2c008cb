import PolicyCheckModel
import PolicyCheckSyntax

/// The settings of an AWS Load Balancer Controller `LoadBalancerConfiguration` (`gateway.k8s.aws`) that decide what
/// a Gateway's load balancer admits: its scheme, address type, source ranges, security groups and prefix lists
/// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/loadbalancerconfig/).
///
/// Every field is optional, and a field the object leaves out is `nil`, not empty: the controller's spec fields are
/// pointers (`SourceRanges *[]string`), and what is `nil` is taken from the other configuration when a GatewayClass's
/// and a Gateway's are merged (`merged(withGateway:)`), while `sourceRanges: []` is set — to nothing.
struct LoadBalancerConfiguration {
    /// `metadata.namespace` (`default` when not given) and `metadata.name`: the controller looks a configuration up by
    /// both.
    var namespace = "default"
    var name = ""
    /// Where the object is, for findings about what it leaves out.
    var origin: Origin
    /// `spec.mergingMode` (`prefer-gateway-class`, the default, or `prefer-gateway`): honoured only on the
    /// GatewayClass's configuration.
    var mergingMode: Located<String>?
    /// `spec.scheme`: `internal` (the default) or `internet-facing`.
    var scheme: Located<String>?
    /// `spec.ipAddressType`: `ipv4` (the default), `dualstack` or `dualstack-without-public-ipv4`.
    var ipAddressType: Located<String>?
    /// `spec.sourceRanges`, and where the field is.
    var sourceRanges: [Located<String>]?
    var sourceRangesOrigin: Origin
    /// `spec.securityGroups`: groups the controller attaches in place of the one it manages.
    var securityGroups: [Located<String>]?
    var securityGroupsOrigin: Origin
    /// `spec.securityGroupPrefixes`: managed prefix lists its managed group admits.
    var securityGroupPrefixes: [Located<String>]?
    /// `spec.disableSecurityGroup`: an NLB with no security group at all.
    var disableSecurityGroup: Located<Bool>?

    static let group = "gateway.k8s.aws"
    static let kind = "LoadBalancerConfiguration"
    static let preferGateway = "prefer-gateway"

    /// `namespace/name`, how configurations are looked up.
    var key: String { Self.key(namespace: namespace, name: name) }
    static func key(namespace: String, name: String) -> String { "\(namespace)/\(name)" }

    /// Reads the object's spec (a configuration without one sets nothing).
    init(_ node: SourceNode, name: String, reader: NodeReader) {
        self.name = name
        let metadata = node["metadata"]
        namespace = metadata?["namespace"]?.string ?? "default"
        origin = Origin(offset: node.offset, path: "")
        let spec = reader.object(node, path: "")?.object("spec")
        let specOrigin = spec?.origin ?? Origin(offset: node.offset, path: "spec")
        sourceRangesOrigin = spec?.origin(of: "sourceRanges") ?? specOrigin
        securityGroupsOrigin = spec?.origin(of: "securityGroups") ?? specOrigin
        guard let spec else { return }
        mergingMode = spec.string("mergingMode")
        scheme = spec.string("scheme")
        ipAddressType = spec.string("ipAddressType")
        if spec.value("sourceRanges") != nil { sourceRanges = spec.strings("sourceRanges") }
        if spec.value("securityGroups") != nil { securityGroups = spec.strings("securityGroups") }
        if spec.value("securityGroupPrefixes") != nil { securityGroupPrefixes = spec.strings("securityGroupPrefixes") }
        disableSecurityGroup = spec.bool("disableSecurityGroup")
    }

    /// This configuration (a GatewayClass's) merged with a Gateway's, as the controller merges them: field by field,
    /// a field the preferred one sets wins, else the other's — the GatewayClass's preferred unless its `mergingMode`
    /// is `prefer-gateway` ("If `mergingMode` is not explicitly set, the `GatewayClass` configuration implicitly
    /// takes higher precedence",
    /// https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/customization/).
    func merged(withGateway gateway: LoadBalancerConfiguration) -> LoadBalancerConfiguration {
        let gatewayWins = mergingMode?.value == Self.preferGateway
        let high = gatewayWins ? gateway : self
        let low = gatewayWins ? self : gateway
        var result = high
        result.scheme = high.scheme ?? low.scheme
        result.ipAddressType = high.ipAddressType ?? low.ipAddressType
        if high.sourceRanges == nil {
            result.sourceRanges = low.sourceRanges
            result.sourceRangesOrigin = low.sourceRangesOrigin
        }
        if high.securityGroups == nil {
            result.securityGroups = low.securityGroups
            result.securityGroupsOrigin = low.securityGroupsOrigin
        }
        result.securityGroupPrefixes = high.securityGroupPrefixes ?? low.securityGroupPrefixes
        result.disableSecurityGroup = high.disableSecurityGroup ?? low.disableSecurityGroup
        return result
    }

    /// What decides what the load balancer admits, for telling distinct definitions apart (where they are written
    /// aside).
    var settingsKey: String {
        func list(_ items: [Located<String>]?) -> String { items.map { $0.map(\.value).joined(separator: ",") } ?? "\u{1}" }
        return [mergingMode?.value ?? "\u{1}", scheme?.value ?? "\u{1}", ipAddressType?.value ?? "\u{1}",
                list(sourceRanges), list(securityGroups), list(securityGroupPrefixes),
                disableSecurityGroup.map { "\($0.value)" } ?? "\u{1}"].joined(separator: "\u{0}")
    }

    /// The same configuration read from the deployment's file `index` (`Deployment.addSourceFile`).
    func inFile(_ index: Int) -> Self {
        guard index != 0 else { return self }
        func moved<T>(_ located: Located<T>) -> Located<T> { Located(located.value, at: located.origin.inFile(index)) }
        var copy = self
        copy.origin = origin.inFile(index)
        copy.mergingMode = mergingMode.map(moved)
        copy.scheme = scheme.map(moved)
        copy.ipAddressType = ipAddressType.map(moved)
        copy.sourceRanges = sourceRanges?.map(moved)
        copy.sourceRangesOrigin = sourceRangesOrigin.inFile(index)
        copy.securityGroups = securityGroups?.map(moved)
        copy.securityGroupsOrigin = securityGroupsOrigin.inFile(index)
        copy.securityGroupPrefixes = securityGroupPrefixes?.map(moved)
        copy.disableSecurityGroup = disableSecurityGroup.map(moved)
        return copy
    }
}
