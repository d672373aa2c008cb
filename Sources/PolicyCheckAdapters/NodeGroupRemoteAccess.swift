import PolicyCheckModel

/// An EKS managed node group's remote access: with an SSH key and no source security groups, EKS opens the nodes'
/// SSH port to everyone — "If you specify an Amazon EC2 SSH key but don't specify a source security group when you
/// create a managed node group, then the port on the nodes is opened to the internet (0.0.0.0/0)"; the port is 22,
/// "for Windows, the port is 3389" (https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html).
/// Read alike from Terraform's `aws_eks_node_group` `remote_access` and CloudFormation's `AWS::EKS::Nodegroup`
/// `RemoteAccess` (both passed; eksctl's `ssh` is read by `EksctlClusterReader`).
enum NodeGroupRemoteAccess {
    /// The ingress EKS makes, placed at the key that opens it; `unknown` when whether it is made (or its source
    /// groups) is known only later.
    static func allowlist(component: String, at origin: Origin, isWindows: Bool, unknown: String? = nil) -> Allowlist {
        var list = Allowlist(kind: .securityGroupIngress, component: component, origin: origin,
                             internetFacing: true, hasDescriptionField: false)
        let port = isWindows ? 3389 : 22
        let cidr: Fact<String> = unknown.map { .unknown(reason: $0) } ?? .known("0.0.0.0/0")
        list.entries.append(AllowlistEntry(cidr: Located(cidr, at: origin), description: nil, enabled: true,
                                           origin: origin, ports: PortRange(port, port), ipProtocol: .tcp))
        return list
    }

    /// Whether an AMI type is a Windows one (`WINDOWS_CORE_2022_x86_64`, …).
    static func isWindows(amiType: String?) -> Bool { amiType?.uppercased().hasPrefix("WINDOWS") == true }
}
